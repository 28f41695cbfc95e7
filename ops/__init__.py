"""Operating the site: what an operator and a load balancer need, no models.

- `health`: the liveness and readiness endpoints (/healthz, /readyz);
- `middleware`: a request id on every response and log line, one access log
  line per request, and a 503 page instead of a 500 while the database is down;
- `logs`: the JSON log formatter used in production;
- `dbconfig`: database settings (timeouts, keepalives, replicas), read by
  settings.py; `routers`: sends the public site's reads to replicas;
- `media`: object-storage settings and helpers;
- `backup`: what `manage.py backup` and `manage.py restore` share.

It may import Django and the other apps' models (for backups), never their
admin or views.
"""
