"""Consular notices (announcements, travel advisories, emergency alerts) and
the e-mail alerts that tell subscribers about notices and releases.

- `models/`: `Notice` (a Publishable, like a release: same states, scheduling,
  withdrawal, history and change notes) and the alert subscriptions.
- `views.py`, `feeds.py`: /notices/, a page per notice, their feeds, and the
  light /emergency/ page.
- `banner.py`: the crisis banner every public page shows while an emergency
  notice is live; `schedule.py` tells the page cache when it next changes.
- `alerts/`: subscribing (double opt-in), managing, unsubscribing, and
  sending through Django's tasks framework.

May import `releases` (models, workflow, discovery), `contacts`, `history`,
`translations` and `embassy`; nothing imports this app but the project's
URLs, settings, sitemap and search.
"""
