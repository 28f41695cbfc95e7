"""The second factor: what a staff member sees between the password and the
admin. A session that gave the right password but no second factor yet is
"pending": accounts/middleware.py lets it reach only these pages (and the
passkey endpoints), and treats it as anonymous everywhere else.

- verify: a code from the authenticator app, a recovery code, or a passkey;
- setup: forced at the first login of an account with no confirmed device:
  scan the QR code (TOTP), confirm one code, then print the recovery codes;
- methods: a verified member's devices, recovery codes and new passkeys.
"""

import base64
from urllib.parse import urlencode

import segno
from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user, match_token, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from .audit import Kind, record

RECOVERY_CODES = 10
RECOVERY_DEVICE_NAME = "Recovery codes"
APP_DEVICE_NAME = "Authenticator app"


class CodeForm(forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=16,
        help_text=_("Six digits from your authenticator app, or one of your recovery codes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


def pending_user(request):
    """The account that gave its password but no second factor yet."""
    user = request.user
    return user if user.is_authenticated and not user.is_verified() else None


def next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("admin:index")


def complete_verification(request, device):
    """The session has both factors now: a new session key for the higher
    privilege, and a line in the audit trail."""
    otp_login(request, device)
    request.session.cycle_key()
    record(Kind.VERIFIED, request=request, user=request.user, detail=type(device).__name__)


def issue_recovery_codes(user):
    """Replace the account's recovery codes with new single-use ones."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def refused(request, template, context):
    record(Kind.SECOND_FACTOR_FAILED, request=request, user=request.user)
    return TemplateResponse(request, template, context, status=400)


def verify(site, request):
    user = pending_user(request)
    if user is None:
        return redirect(next_url(request) if request.user.is_authenticated else "admin:login")
    if not user_has_device(user, confirmed=True):
        query = urlencode({"next": next_url(request)})
        return redirect(f"{reverse('admin:second-factor-setup')}?{query}")
    form = CodeForm(request.POST or None)
    context = {
        **site.each_context(request),
        "title": _("Second step of the login"),
        "form": form,
        "next": next_url(request),
        "has_passkey": WebAuthnCredential.objects.filter(user=user, confirmed=True).exists(),
    }
    if request.method == "POST":
        device = form.is_valid() and match_token(user, form.cleaned_data["token"].strip())
        if device:
            complete_verification(request, device)
            return redirect(next_url(request))
        form.add_error(
            None,
            _("That code was not accepted. Each code works once: wait for the next one."),
        )
        return refused(request, "accounts/second_factor.html", context)
    return TemplateResponse(request, "accounts/second_factor.html", context)


def setup(site, request):
    """Enrolment: only for a pending account without any confirmed device."""
    user = pending_user(request)
    if user is None or user_has_device(user, confirmed=True):
        return redirect("admin:second-factor")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    form = CodeForm(request.POST or None)
    context = {
        **site.each_context(request),
        "title": _("Set up your second factor"),
        "form": form,
        "next": next_url(request),
        "qr_code": segno.make(device.config_url, error="m").svg_data_uri(scale=4),
        "secret": base64.b32encode(device.bin_key).decode(),
    }
    if request.method == "POST":
        if form.is_valid() and device.verify_token(form.cleaned_data["token"].strip()):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            record(Kind.DEVICE_ADDED, request=request, user=user, detail=APP_DEVICE_NAME)
            complete_verification(request, device)
            issue_recovery_codes(user)
            messages.success(request, _("Your authenticator app is set up."))
            return redirect("admin:second-factor-methods")
        form.add_error(None, _("That code was not accepted. Type the code your app shows now."))
        return refused(request, "accounts/second_factor_setup.html", context)
    return TemplateResponse(request, "accounts/second_factor_setup.html", context)


def methods(site, request):
    """A verified member's sign-in methods; POST makes new recovery codes."""
    if request.method == "POST":
        issue_recovery_codes(request.user)
        messages.success(request, _("New recovery codes made; the old ones no longer work."))
        return redirect("admin:second-factor-methods")
    recovery = StaticToken.objects.filter(
        device__user=request.user, device__name=RECOVERY_DEVICE_NAME
    )
    context = {
        **site.each_context(request),
        "title": _("Your sign-in methods"),
        "devices": [d for d in devices_for_user(request.user) if not isinstance(d, StaticDevice)],
        "recovery_codes": [token.token for token in recovery],
    }
    return TemplateResponse(request, "accounts/second_factor_methods.html", context)
