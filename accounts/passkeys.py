"""Passkeys (WebAuthn, through django-otp-webauthn) as a second factor.

The relying party is the host the admin is served on (validated against
ALLOWED_HOSTS by Django), unless DJANGO_WEBAUTHN_RP_ID names one; the
expected origin is the page's own. Passwordless login is off: a passkey
completes a password login, it never replaces it. The library's views are
extended to keep the audit trail and rotate the session key.
"""

import os

from django.urls import path
from django.views.i18n import JavaScriptCatalog
from django_otp_webauthn import views
from django_otp_webauthn.helpers import WebAuthnHelper

from .audit import Kind, record
from .second_factor import issue_recovery_codes


def relying_party_id(request):
    return os.environ.get("DJANGO_WEBAUTHN_RP_ID") or request.get_host().rsplit(":", 1)[0]


class SameOriginHelper(WebAuthnHelper):
    def get_allowed_origins(self):
        own = f"{self.request.scheme}://{self.request.get_host()}"
        return [*super().get_allowed_origins(), own]


class AuditedMixin:
    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        if self.request.user.is_authenticated:
            record(
                Kind.SECOND_FACTOR_FAILED,
                request=self.request,
                user=self.request.user,
                detail=f"passkey: {type(exc).__name__}",
            )
        return response


class CompleteRegistration(AuditedMixin, views.CompleteCredentialRegistrationView):
    def post(self, *args, **kwargs):
        was_verified = self.request.user.is_verified()
        response = super().post(*args, **kwargs)
        record(Kind.DEVICE_ADDED, request=self.request, user=self.request.user, detail="passkey")
        if not was_verified:  # enrolment: the new passkey completed this login
            issue_recovery_codes(self.request.user)
            self.request.session.cycle_key()
            record(Kind.VERIFIED, request=self.request, user=self.request.user, detail="passkey")
        return response


class CompleteAuthentication(AuditedMixin, views.CompleteCredentialAuthenticationView):
    def complete_auth(self, device):
        super().complete_auth(device)
        self.request.session.cycle_key()
        record(Kind.VERIFIED, request=self.request, user=self.request.user, detail="passkey")


app_name = "otp_webauthn"
urlpatterns = [
    path(
        "registration/begin/",
        views.BeginCredentialRegistrationView.as_view(),
        name="credential-registration-begin",
    ),
    path(
        "registration/complete/",
        CompleteRegistration.as_view(),
        name="credential-registration-complete",
    ),
    path(
        "authentication/begin/",
        views.BeginCredentialAuthenticationView.as_view(),
        name="credential-authentication-begin",
    ),
    path(
        "authentication/complete/",
        CompleteAuthentication.as_view(),
        name="credential-authentication-complete",
    ),
    path(
        "jsi18n/",
        JavaScriptCatalog.as_view(packages=["django_otp_webauthn"]),
        name="js-i18n-catalog",
    ),
]
