"""Public endpoints of the accounts app: /.well-known/security.txt, the CSP
violation reports, and the staff password reset by e-mail."""

import hashlib
import json

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from embassy.client_address import client_address

from .audit import Kind, record
from .models import CspReport

CSP_REPORT_MAX_BYTES = 16 * 1024
CSP_REPORTS_PER_CLIENT = 30  # per CSP_REPORT_WINDOW_SECONDS
CSP_REPORT_WINDOW_SECONDS = 600
# The table never grows past this many distinct violations.
CSP_REPORT_MAX_ROWS = 2000
RESETS_PER_CLIENT = 5  # per RESET_WINDOW_SECONDS
RESETS_PER_ADDRESS = 3
RESET_WINDOW_SECONDS = 3600


def over_limit(scope, key, limit, window):
    """Count one event for `key` in the shared cache; True past `limit`."""
    cache_key = f"accounts:{scope}:" + hashlib.sha256(key.encode()).hexdigest()
    cache.add(cache_key, 0, window)
    try:
        return cache.incr(cache_key) > limit
    except ValueError:  # the window ended between add() and incr()
        cache.set(cache_key, 1, window)
        return False


# --- security.txt -----------------------------------------------------------


def security_txt_lines(request):
    config = settings.SECURITY_TXT
    canonical = config["canonical"] or request.build_absolute_uri()
    lines = [f"Contact: {contact}" for contact in config["contact"]]
    lines.append(f"Expires: {config['expires']}")
    lines.append(f"Preferred-Languages: {', '.join(config['preferred_languages'])}")
    lines.append(f"Canonical: {canonical}")
    if config["policy"]:
        lines.append(f"Policy: {config['policy']}")
    return lines


@require_safe
@cache_control(public=True, max_age=86400)
def security_txt(request):
    """RFC 9116: where to report a vulnerability, in plain text."""
    body = "\n".join(security_txt_lines(request)) + "\n"
    return HttpResponse(body, content_type="text/plain; charset=utf-8")


# --- CSP violation reports --------------------------------------------------


def violations(payload):
    """The reports in a body of either format, as dicts of CSP fields:
    report-uri sends {"csp-report": {...}}, report-to sends a list of
    {"type": "csp-violation", "body": {...}}."""
    if isinstance(payload, dict) and isinstance(payload.get("csp-report"), dict):
        return [payload["csp-report"]]
    if isinstance(payload, list):
        return [
            item["body"]
            for item in payload
            if isinstance(item, dict)
            and item.get("type") == "csp-violation"
            and isinstance(item.get("body"), dict)
        ]
    raise ValueError("not a CSP report")


def field(report, *names, length=300):
    for name in names:
        value = report.get(name)
        if isinstance(value, str | int):
            return str(value)[:length]
    return ""


def store_violation(report):
    values = {
        "document_uri": field(report, "document-uri", "documentURL"),
        "blocked_uri": field(report, "blocked-uri", "blockedURL"),
        "directive": field(
            report, "effective-directive", "effectiveDirective", "violated-directive", length=100
        ),
        "source": field(report, "source-file", "sourceFile"),
    }
    fingerprint = hashlib.sha256(json.dumps(values, sort_keys=True).encode()).hexdigest()
    if CspReport.objects.filter(fingerprint=fingerprint).update(count=F("count") + 1):
        return
    if CspReport.objects.count() >= CSP_REPORT_MAX_ROWS:
        return  # full: identical reports are still counted, new ones dropped
    sample = field(report, "script-sample", "sample", length=100)
    try:
        with transaction.atomic():
            CspReport.objects.create(fingerprint=fingerprint, sample=sample, **values)
    except IntegrityError:  # the same report arrived twice at once
        CspReport.objects.filter(fingerprint=fingerprint).update(count=F("count") + 1)


def error(message, status):
    return JsonResponse({"error": message}, status=status)


@csrf_exempt  # browsers send reports without cookies or tokens
@require_POST
def csp_report(request):
    if int(request.META.get("CONTENT_LENGTH") or 0) > CSP_REPORT_MAX_BYTES:
        return error("report too large", 413)
    if over_limit(
        "csp", client_address(request), CSP_REPORTS_PER_CLIENT, CSP_REPORT_WINDOW_SECONDS
    ):
        return error("too many reports", 429)
    body = request.read(CSP_REPORT_MAX_BYTES + 1)
    if len(body) > CSP_REPORT_MAX_BYTES:
        return error("report too large", 413)
    try:
        reports = violations(json.loads(body))
    except ValueError:
        return error("not a CSP report", 400)
    for report in reports[:10]:
        store_violation(report)
    return HttpResponse(status=204)


# --- Password reset by e-mail -----------------------------------------------


class StaffPasswordResetForm(PasswordResetForm):
    """Mails active staff members only, at most RESETS_PER_ADDRESS times an
    hour each. The page says the same whether or not anyone was mailed."""

    def get_users(self, email):
        return (user for user in super().get_users(email) if user.is_staff)

    def save(self, *, request=None, **kwargs):
        email = self.cleaned_data["email"]
        if over_limit("reset-address", email.lower(), RESETS_PER_ADDRESS, RESET_WINDOW_SECONDS):
            return
        for user in self.get_users(email):
            record(Kind.PASSWORD_RESET_REQUESTED, request=request, user=user)
        super().save(request=request, **kwargs)


class PasswordResetView(auth_views.PasswordResetView):
    form_class = StaffPasswordResetForm

    def post(self, request, *args, **kwargs):
        address = client_address(request)
        if over_limit("reset-client", address, RESETS_PER_CLIENT, RESET_WINDOW_SECONDS):
            context = {"title": _("Too many requests")}
            response = TemplateResponse(
                request, "accounts/reset_throttled.html", context, status=429
            )
            response["Retry-After"] = str(RESET_WINDOW_SECONDS)
            return response
        return super().post(request, *args, **kwargs)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """A link that is expired, already used or forged answers 400."""

    def dispatch(self, *args, **kwargs):
        response = super().dispatch(*args, **kwargs)
        if not self.validlink and response.status_code == 200:
            response.status_code = 400
        return response

    def form_valid(self, form):
        record(Kind.PASSWORD_RESET, request=self.request, user=form.user)
        return super().form_valid(form)


password_reset_urls = [
    ("password-reset/", PasswordResetView.as_view(), "admin_password_reset"),
    ("password-reset/done/", auth_views.PasswordResetDoneView.as_view(), "password_reset_done"),
    (
        "password-reset/<uidb64>/<token>/",
        PasswordResetConfirmView.as_view(),
        "password_reset_confirm",
    ),
    (
        "password-reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        "password_reset_complete",
    ),
]
