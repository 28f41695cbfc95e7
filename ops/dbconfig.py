"""Database settings from the environment: timeouts, keepalives, replicas.

Read by embassy/settings.py; imports nothing of Django but dj-database-url,
so settings can use it before apps are loaded.

Why each timeout: a worker waiting on a database that stopped answering is a
worker that serves nobody, and gunicorn kills it only after its own timeout.
Every wait is bounded well below that:

- `connect_timeout`: opening a connection (an unreachable or frozen server);
- `statement_timeout`: one query; `idle_in_transaction_session_timeout`: a
  transaction left open by a crashed worker no longer holds locks;
- TCP keepalives and `tcp_user_timeout`: a connection whose server vanished
  (network cut, machine gone) is noticed instead of waited on forever.
"""

import dj_database_url

POSTGRESQL = "django.db.backends.postgresql"


def postgres_options(*, connect_timeout, statement_timeout_ms, existing=None):
    """libpq connection parameters (psycopg passes OPTIONS through)."""
    options = dict(existing or {})
    options.setdefault("connect_timeout", connect_timeout)
    options.setdefault("keepalives", 1)
    options.setdefault("keepalives_idle", 30)
    options.setdefault("keepalives_interval", 10)
    options.setdefault("keepalives_count", 3)
    # Sent data unacknowledged this long (ms) means the server is gone.
    options.setdefault("tcp_user_timeout", connect_timeout * 1000 + 5000)
    server_settings = (
        f"-c statement_timeout={statement_timeout_ms}"
        f" -c idle_in_transaction_session_timeout={statement_timeout_ms * 3}"
    )
    # Keep what the URL's ?options= asked for; ours come first, so it wins.
    options["options"] = f"{server_settings} {options.get('options', '')}".strip()
    return options


def database(url, *, conn_max_age, pool, connect_timeout, statement_timeout_ms):
    """One DATABASES entry for `url`.

    `pool` uses Django's psycopg connection pool (persistent connections
    must then be off: the pool keeps them); otherwise connections live
    `conn_max_age` seconds and are health-checked before each request reuses
    them.
    """
    config = dj_database_url.parse(
        url, conn_max_age=0 if pool else conn_max_age, conn_health_checks=True
    )
    if config["ENGINE"] != POSTGRESQL:
        return config
    config["OPTIONS"] = postgres_options(
        connect_timeout=connect_timeout,
        statement_timeout_ms=statement_timeout_ms,
        existing=config.get("OPTIONS"),
    )
    if pool:
        # min_size 0: an idle worker holds no connection; timeout: how long a
        # request waits for a free one before failing (then a 503).
        config["OPTIONS"]["pool"] = {"min_size": 0, "max_size": pool, "timeout": connect_timeout}
    return config


def databases(primary_url, replica_urls, **options):
    """DATABASES: `default` (the primary) and `replica_1`, `replica_2`... ."""
    result = {"default": database(primary_url, **options)}
    for number, url in enumerate(replica_urls, start=1):
        replica = database(url, **options)
        # Tests never create a database for a replica: it mirrors the primary.
        replica["TEST"] = {"MIRROR": "default"}
        result[f"replica_{number}"] = replica
    return result
