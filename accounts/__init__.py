"""Staff accounts fit for a ministry: login throttling (django-axes), a
second factor for every staff member (TOTP with recovery codes, or a
passkey), short sessions, superuser-only user management, password reset
by e-mail, the audit trail of logins, security.txt and CSP reports.

It owns two small models (SecurityEvent, CspReport) and the admin site;
other apps only use embassy/client_address.py, never this package.
"""
