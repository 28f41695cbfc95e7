"""E-mail alerts about releases and notices.

- `triggers.py`: saves of releases, notices and change notes schedule an
  announcement (a `Dispatch`) for when the item goes live.
- `tasks.py`: the work the worker (`manage.py db_worker`) does: announce,
  deliver to each subscriber with retries, the daily digest, confirmations.
- `messages.py`: the e-mails themselves (plain text and HTML, in the
  subscriber's language, with List-Unsubscribe headers).
- `tokens.py`: the signed links (confirm, manage, unsubscribe).
- `forms.py`, `views.py`: subscribe, confirm, manage, unsubscribe.
- `admin.py`: counts for staff, addresses for superusers (logged).
"""
