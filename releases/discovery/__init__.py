"""How the public finds the newsroom's texts: search (`search.py`), Atom and
RSS feeds (`feeds.py`), iCalendar files (`calendars.py`), sitemaps
(`sitemaps.py`) and sharing metadata with structured data (`seo.py`).

Everything here reads only what `published()` lets through. May import
`releases.models`, `releases.filters` and `embassy`; `search.py` also the
public page mixin of `releases.views` (which builds every page's metadata
with `seo.page_metadata`). Never the workflow or the admin.
"""
