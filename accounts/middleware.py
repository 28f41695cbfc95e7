"""Request-wide rules for staff sessions and admin responses.

- SessionPolicyMiddleware: a login lasts SESSION_MAX_AGE_SECONDS (8 h) at
  most and SESSION_IDLE_SECONDS (30 min) without a request; the session key
  changes whenever the account's privileges change (second factor given,
  groups, permissions, staff or superuser status).
- SecondFactorMiddleware: a session with the password but no second factor
  is anonymous everywhere except the second-factor pages, so that it cannot
  open staff previews or anything else meant for staff.
- SecurityHeadersMiddleware: the admin is never cached or indexed, and
  browsers learn where to report CSP violations.
"""

import hashlib
import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import AnonymousUser
from django.urls import Resolver404, resolve
from django.utils.cache import add_never_cache_headers
from django.utils.functional import SimpleLazyObject

from .audit import Kind, record

STARTED, SEEN, PRIVILEGES = "accounts_started", "accounts_seen", "accounts_privileges"
# The last-seen time is written at most this often (one session save).
SEEN_RESOLUTION_SECONDS = 60
# What a pending (password-only) session may open.
SECOND_FACTOR_PAGES = {"admin:second-factor", "admin:second-factor-setup", "admin:logout"}
PASSKEY_NAMESPACE = "otp_webauthn"


def privileges(user):
    """A digest of everything that decides what the account may do."""
    parts = [
        str(user.is_active),
        str(user.is_staff),
        str(user.is_superuser),
        str(user.is_verified()),
        *sorted(user.get_all_permissions()),
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def mark_login(session):
    session[STARTED] = session[SEEN] = int(time.time())


class SessionPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Only a request with a session cookie has a session to police; the
        # others must not even read it (public pages stay cacheable).
        if settings.SESSION_COOKIE_NAME in request.COOKIES and SESSION_KEY in request.session:
            self.police(request)
        return self.get_response(request)

    def police(self, request):
        if not request.user.is_authenticated:
            return  # deactivated, or the password changed: already logged out
        session, now = request.session, int(time.time())
        started, seen = session.get(STARTED, now), session.get(SEEN, now)
        expired = now - started > settings.SESSION_MAX_AGE_SECONDS
        idle = now - seen > settings.SESSION_IDLE_SECONDS
        if expired or idle:
            record(
                Kind.SESSION_EXPIRED,
                request=request,
                user=request.user,
                detail="8 h limit" if expired else "idle",
            )
            session.flush()
            request.user = AnonymousUser()
            return
        if STARTED not in session:
            session[STARTED] = now
        if now - seen >= SEEN_RESOLUTION_SECONDS or SEEN not in session:
            session[SEEN] = now
        current = privileges(request.user)
        if session.get(PRIVILEGES) != current:
            if PRIVILEGES in session:
                session.cycle_key()
            session[PRIVILEGES] = current


def is_second_factor_page(path):
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return match.view_name in SECOND_FACTOR_PAGES or PASSKEY_NAMESPACE in match.namespaces


def without_pending(user):
    """The user, or an anonymous one while the second factor is missing."""
    if user.is_authenticated and not user.is_verified():
        anonymous = AnonymousUser()
        anonymous.is_verified = lambda: False
        return anonymous
    return user


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Without a session cookie nobody is signed in, half-way or at all:
        # a visitor's request needs no look at its address.
        signed_in = settings.SESSION_COOKIE_NAME in request.COOKIES
        if signed_in and not is_second_factor_page(request.path_info):
            user = request.user
            request.user = SimpleLazyObject(lambda: without_pending(user))
        return self.get_response(request)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = f"/{settings.ADMIN_PATH}"

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(self.admin_prefix):
            # Staff pages hold unpublished text: never stored, never indexed.
            add_never_cache_headers(response)
            response["X-Robots-Tag"] = "none"
        # The endpoint named by the CSP's report-to directive.
        response.setdefault("Reporting-Endpoints", 'csp-endpoint="/csp-report/"')
        return response
