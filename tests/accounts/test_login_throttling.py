"""Brute force against the login: django-axes with our client address."""

import re

import pytest
from django.test import Client

from accounts.models import SecurityEvent

from .conftest import PASSWORD, log_in

pytestmark = pytest.mark.django_db
Kind = SecurityEvent.Kind


def page_text(response):
    """The page without what differs on every response (CSP nonces, CSRF tokens)."""
    return re.sub(r'(nonce|value)="[^"]*"', "", response.text)


def fail(client, username="anna", times=1):
    return [log_in(client, username, "wrong-password").status_code for _ in range(times)]


def test_five_failures_lock_the_account_and_the_right_password_stays_refused(client, member):
    assert fail(client, times=5) == [200, 200, 200, 200, 429]

    response = log_in(client, password=PASSWORD)

    assert response.status_code == 429
    assert "Too many failed logins" in response.text
    assert "_auth_user_id" not in client.session


def test_the_limit_is_a_setting(settings, client, member):
    settings.AXES_FAILURE_LIMIT = 2
    assert fail(client, times=2) == [200, 429]


def test_the_lockout_page_is_the_same_for_unknown_accounts(client, member):
    known = fail(Client(REMOTE_ADDR="203.0.113.1"), "anna", times=5)
    unknown = fail(Client(REMOTE_ADDR="203.0.113.2"), "nobody", times=5)
    assert known == unknown

    known_page = log_in(Client(REMOTE_ADDR="203.0.113.1"), "anna")
    unknown_page = log_in(Client(REMOTE_ADDR="203.0.113.2"), "nobody")
    assert known_page.status_code == unknown_page.status_code == 429
    assert page_text(known_page) == page_text(unknown_page)


def test_a_lock_holds_one_username_at_one_address(client, member):
    fail(Client(REMOTE_ADDR="203.0.113.1"), times=5)
    assert log_in(Client(REMOTE_ADDR="198.51.100.1")).status_code == 302


def test_one_address_trying_many_usernames_is_locked(settings, member):
    settings.LOGIN_FAILURES_PER_ADDRESS = 6
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for name in ("a", "b", "c", "d", "e", "f"):
        fail(attacker, name)

    assert log_in(attacker).status_code == 429
    assert log_in(Client(REMOTE_ADDR="198.51.100.1")).status_code == 302


def test_behind_the_proxy_clients_are_told_apart_by_the_forwarded_address(settings, member):
    settings.TRUSTED_PROXY_COUNT = 1
    first = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.1")
    fail(first, times=5)
    second = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.2")
    assert log_in(second).status_code == 302
    # A forged left-hand entry does not escape the lock.
    forged = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.1")
    assert log_in(forged).status_code == 429


def test_failures_lockouts_and_successes_are_in_the_audit_trail(member):
    good = Client(REMOTE_ADDR="198.51.100.7")
    log_in(good)
    attacker = Client(REMOTE_ADDR="203.0.113.5")
    fail(attacker, times=5)

    trail = list(SecurityEvent.objects.order_by("pk").values_list("kind", "ip_address"))

    assert trail[0] == (Kind.LOGGED_IN, "198.51.100.7")
    assert trail.count((Kind.LOGIN_FAILED, "203.0.113.5")) == 5
    assert (Kind.LOCKED_OUT, "203.0.113.5") in trail
    assert all(event.at for event in SecurityEvent.objects.all())
    assert SecurityEvent.objects.filter(kind=Kind.LOCKED_OUT, user=member).exists()


def test_a_superuser_unlocks_an_account_in_the_admin(superuser_client, member, superuser):
    fail(Client(REMOTE_ADDR="203.0.113.5"), times=5)
    response = superuser_client.post(
        "/admin/auth/user/", {"action": "unlock", "_selected_action": [member.pk]}
    )
    assert response.status_code == 302

    assert log_in(Client(REMOTE_ADDR="203.0.113.5")).status_code == 302
    unlocked = SecurityEvent.objects.get(kind=Kind.UNLOCKED)
    assert (unlocked.user, unlocked.actor) == (member, superuser)


def test_superusers_see_the_audit_trail_and_others_do_not(superuser_client, member):
    log_in(Client(REMOTE_ADDR="203.0.113.5"), password="wrong")
    page = superuser_client.get("/admin/accounts/securityevent/")
    assert page.status_code == 200
    assert "203.0.113.5" in page.text
    assert superuser_client.get("/admin/accounts/securityevent/add/").status_code == 403
