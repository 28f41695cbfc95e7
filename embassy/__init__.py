"""The project: settings, URLs, WSGI/ASGI, and the small helpers every app
shares (`dates.py`, `text.py`, `permissions.py`, `jsonld.py`). Its helpers
import no app; `urls.py` and `sitemaps.py` bring the apps together."""
