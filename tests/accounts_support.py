"""Logging staff in, in tests, the way production requires: with a
confirmed second factor verified in the session (never a bypass setting)."""

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

# A fixed TOTP key for tests that type codes (hex, as TOTPDevice stores it).
TEST_TOTP_KEY = "3132333435363738393031323334353637383930"


def confirmed_device(user):
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name="Test device", defaults={"confirmed": True}
    )
    return device


def log_in_verified(client, user):
    """client.force_login(), plus a second factor given, as after a real login."""
    device = confirmed_device(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def verified_client(user):
    return log_in_verified(Client(), user)


def session_cookie(client):
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def app_device(user, key=TEST_TOTP_KEY):
    return TOTPDevice.objects.create(user=user, name="Phone", key=key, confirmed=True)


def current_code(device):
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{code:0{device.digits}d}"


def is_logged_in(client):
    return SESSION_KEY in client.session
