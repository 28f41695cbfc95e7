"""The demo accounts' second factor: one published TOTP secret, so that
`make run` stays a one-command demo. Only `load_demo` calls this, and that
command refuses to run unless DJANGO_DEBUG is on."""

import base64

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

# Published in the README: add it to any authenticator app, or read the
# current code from `load_demo`'s output. Base32 of a fixed 20-byte key.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105 - demo only, DEBUG only


def demo_key():
    return base64.b32decode(DEMO_TOTP_SECRET)


def give_demo_device(user):
    """A confirmed authenticator-app device with the published secret."""
    TOTPDevice.objects.update_or_create(
        user=user,
        name="Demo authenticator",
        defaults={"key": demo_key().hex(), "confirmed": True},
    )


def current_demo_code():
    return f"{totp(demo_key()):06d}"
