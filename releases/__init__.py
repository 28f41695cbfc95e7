"""The newsroom: releases, speeches, events, speakers and topics, their
public pages and their admin.

- `models/`: the models (all in the `releases` app label).
- `workflow/`: how a text is published: services, roles, the publishing
  admin, embargo links.
- `discovery/`: search, feeds, calendars, sitemaps and sharing metadata.
- `views.py`, `urls.py`, `filters.py`: the public pages; `admin.py`: the
  admin of the newsroom's models; `translation.py`: which fields are
  translated; `uploads.py`, `validators.py`: named by migrations, so they
  stay here.

May import `embassy`, `translations` and `history`; never `contacts` or
`demo`.
"""
