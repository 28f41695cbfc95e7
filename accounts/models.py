from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SecurityEvent(models.Model):
    """One line of the audit trail of staff accounts: who, what, when, from
    where. Written by accounts/audit.py only; read by superusers."""

    class Kind(models.TextChoices):
        LOGIN_FAILED = "login_failed", _("Login failed")
        LOCKED_OUT = "locked_out", _("Locked out")
        LOGGED_IN = "logged_in", _("Logged in (password)")
        VERIFIED = "verified", _("Second factor accepted")
        SECOND_FACTOR_FAILED = "second_factor_failed", _("Second factor refused")
        LOGGED_OUT = "logged_out", _("Logged out")
        SESSION_EXPIRED = "session_expired", _("Session expired")
        DEVICE_ADDED = "device_added", _("Second-factor device added")
        DEVICES_RESET = "devices_reset", _("Second-factor devices reset")
        UNLOCKED = "unlocked", _("Unlocked")
        PASSWORD_RESET_REQUESTED = "password_reset_requested", _("Password reset requested")
        PASSWORD_RESET = "password_reset", _("Password reset by e-mail")
        SUBSCRIBERS_VIEWED = "subscribers_viewed", _("Alert subscribers' addresses viewed")

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    kind = models.CharField(_("event"), max_length=32, choices=Kind)
    username = models.CharField(_("username"), max_length=150, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("done by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The superuser who unlocked or reset, when not the account itself."),
    )
    ip_address = models.GenericIPAddressField(_("client address"), null=True, blank=True)
    detail = models.CharField(_("detail"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("security event")
        verbose_name_plural = _("security events")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.username or '-'}"


class CspReport(models.Model):
    """A Content-Security-Policy violation a browser reported. Identical
    reports are counted on one row, so a flood cannot grow the table."""

    # A hash of the fields below: the same violation again is one more count.
    fingerprint = models.CharField(max_length=64, unique=True, editable=False)
    first_seen = models.DateTimeField(_("first seen"), auto_now_add=True)
    last_seen = models.DateTimeField(_("last seen"), auto_now=True, db_index=True)
    count = models.PositiveIntegerField(_("times reported"), default=1)
    document_uri = models.CharField(_("page"), max_length=300)
    blocked_uri = models.CharField(_("blocked"), max_length=300, blank=True)
    directive = models.CharField(_("directive"), max_length=100, blank=True)
    source = models.CharField(_("source file"), max_length=300, blank=True)
    sample = models.CharField(_("sample"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("CSP violation report")
        verbose_name_plural = _("CSP violation reports")
        ordering = ["-last_seen"]

    def __str__(self):
        return f"{self.directive}: {self.blocked_uri or '-'}"
