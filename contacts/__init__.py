"""The consular contacts: offices, their contact points, opening hours
(`hours.py` decides "open now" without the database) and closures, with
their public pages and vCard/JSON-LD exports.

May import `embassy`, `translations` and `history`; never `releases` or
`demo`.
"""
