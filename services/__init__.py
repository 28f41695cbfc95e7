"""Consular services: what a citizen brings, what it costs, how long it
takes, and where and when to go (issue 17).

Models: `Service` with its ordered required documents, fees (a row per
variant and valid-from date, so the history is kept), questions and
downloadable forms. Opening hours (contacts.OpeningHours) point at a
Service. May import Django, `embassy`, `files`, `history`, `translations`
and `contacts` (models and the opening-hours logic in contacts/hours.py);
contacts imports only this app's models.
"""
