"""The public site's memory of what it has already rendered.

One number, the content version, changes whenever anything the public can see
changes (a save, a deletion, a many-to-many change of a model in
``settings.PAGE_CACHE_APPS``). Everything cached from content (page fragments,
counts, whole pages) is keyed on it, so nothing needs to be found and deleted:
a new version makes every older entry unreachable, on every app server that
shares the cache.

- version.py: ``current()`` and ``bump()``, for fragment caches too.
- schedules.py: what changes by the clock alone. ``settings.PAGE_CACHE_SCHEDULES``
  lists dotted paths to callables ``(now) -> datetime | None`` returning the
  first moment *strictly after* ``now`` at which public content changes with
  no save (a scheduled item goes live, an office opens). They may query the
  database (a few indexed queries: they run once per change of content, not
  per page). A path whose module cannot be imported is skipped with one
  warning, so an app may list its schedule before it exists; one that raises
  keeps pages for a few seconds only.
- state.py: the version and the next scheduled moment, read in one round trip.
- middleware.py: whole pages, validators (ETag, Last-Modified) and the
  headers for shared caches.
- varnish.py: bans Varnish (settings.VARNISH_URLS) after every change.

May import Django and ``ops``; no app of the site (the schedules are the
apps' own, named in settings).
"""
