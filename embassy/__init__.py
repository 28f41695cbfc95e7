"""The project: settings, URLs, WSGI/ASGI, and the small helpers every app
shares (`dates.py`, `text.py`, `permissions.py`, `jsonld.py`, `addresses.py`,
`staticfiles.py`). Its helpers import no app; `urls.py` and `sitemaps.py`
bring the apps together, and `fragments.py` builds on the page cache's
content version."""
