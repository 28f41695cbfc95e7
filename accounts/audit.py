"""The audit trail of staff accounts: every login failure, lockout, success,
second factor, logout, unlock and device reset becomes a SecurityEvent with
the time and the client address (from embassy/client_address.py)."""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from embassy.client_address import client_address

from .models import SecurityEvent

Kind = SecurityEvent.Kind


def record(kind, *, request=None, user=None, username="", actor=None, detail=""):
    """Write one event. `user` is the account concerned, `actor` whoever
    acted on it when that is someone else (a superuser)."""
    address = client_address(request) if request is not None else ""
    return SecurityEvent.objects.create(
        kind=kind,
        user=user if user is not None and user.pk else None,
        username=(username or getattr(user, "username", ""))[:150],
        actor=actor,
        ip_address=address or None,
        detail=detail[:200],
    )


def _known_user(username):
    return get_user_model().objects.filter(username=username).first()


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    username = credentials.get("username", "")
    # Axes reports a refused attempt of a locked-out client as a failure too.
    locked = getattr(request, "axes_locked_out", False)
    detail = "refused while locked out" if locked else ""
    record(
        Kind.LOGIN_FAILED,
        request=request,
        user=_known_user(username),
        username=username,
        detail=detail,
    )


@receiver(user_locked_out)
def _locked_out(sender, request, username, ip_address, **kwargs):
    record(Kind.LOCKED_OUT, request=request, user=_known_user(username), username=username or "")


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    record(Kind.LOGGED_IN, request=request, user=user)


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        record(Kind.LOGGED_OUT, request=request, user=user)
