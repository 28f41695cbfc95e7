import email
import email.policy

import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth.models import Group
from django.core.cache import cache

from releases.workflow.roles import PUBLISHER

PASSWORD = "a-long-staff-password-for-tests"
SMTP_PORT = 18221  # this suite's own port range: 18220-18259


class Inbox:
    """A real SMTP server on loopback; messages parsed by Python's email parser."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append(message)
        return "250 OK"


@pytest.fixture(autouse=True)
def _fresh_limits():
    """Rate limits count in the cache: each test starts with none used."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def inbox(settings):
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=SMTP_PORT)
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": SMTP_PORT, "timeout": 5},
        }
    }
    try:
        yield handler.messages
    finally:
        controller.stop()


@pytest.fixture
def member(db, django_user_model):
    """A publisher with a password (and no second factor yet)."""
    user = django_user_model.objects.create_user(
        "anna", "anna@example.org", PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name=PUBLISHER))
    return user


def log_in(client, username="anna", password=PASSWORD, **extra):
    return client.post("/admin/login/", {"username": username, "password": password}, **extra)


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser("root", "root@example.org", PASSWORD)


@pytest.fixture
def superuser_client(superuser):
    from tests.accounts_support import verified_client

    return verified_client(superuser)
