"""Staff sessions: short, rotated on privilege, ended for real."""

import time

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.sessions.models import Session
from django.test import Client

from accounts.middleware import SEEN, STARTED
from accounts.models import SecurityEvent
from tests.accounts_support import app_device, current_code, session_cookie, verified_client
from tests.test_settings import run_settings

from .conftest import PASSWORD, log_in

pytestmark = pytest.mark.django_db


def age_session(client, **seconds_ago):
    session = client.session
    for key, ago in seconds_ago.items():
        session[key] = int(time.time()) - ago
    session.save()


def test_the_admin_session_ends_after_30_idle_minutes(member):
    client = verified_client(member)
    assert client.get("/admin/").status_code == 200
    age_session(client, accounts_seen=31 * 60)

    assert client.get("/admin/").status_code == 302
    assert SecurityEvent.objects.filter(kind=SecurityEvent.Kind.SESSION_EXPIRED).exists()


def test_the_admin_session_ends_after_8_hours_however_busy(member):
    client = verified_client(member)
    client.get("/admin/")
    age_session(client, **{STARTED: 8 * 3600 + 60, SEEN: 10})
    assert client.get("/admin/").status_code == 302


def test_both_limits_are_settings(settings, member):
    settings.SESSION_IDLE_SECONDS = 60
    client = verified_client(member)
    client.get("/admin/")
    age_session(client, **{SEEN: 120})
    assert client.get("/admin/").status_code == 302


def test_activity_keeps_the_session(member):
    client = verified_client(member)
    client.get("/admin/")
    age_session(client, **{SEEN: 29 * 60})
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/").status_code == 200


def test_the_session_cookie_is_secure_httponly_lax_and_host_only(member):
    client = Client()
    app_device(member)
    log_in(client)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]

    assert settings.SESSION_COOKIE_NAME == "__Host-sessionid"
    assert cookie["secure"] and cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert cookie["path"] == "/" and not cookie["domain"]


def test_cookie_names_drop_the_host_prefix_without_https():
    code = "import embassy.settings as s; print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME)"
    plain = run_settings({"DJANGO_DEBUG": "1"}, code)
    secure = run_settings({"DJANGO_SECRET_KEY": "x" * 50}, code)
    assert plain.stdout.split() == ["sessionid", "csrftoken"]
    assert secure.stdout.split() == ["__Host-sessionid", "__Host-csrftoken"]


def test_the_session_key_changes_at_login(member):
    client = Client()
    client.get("/admin/login/")
    client.session.save()
    before = client.cookies.get(settings.SESSION_COOKIE_NAME)
    log_in(client)
    assert session_cookie(client) != (before.value if before else None)


def test_logging_out_ends_the_session_on_the_server(member):
    client = verified_client(member)
    stolen = session_cookie(client)
    client.post("/admin/logout/")

    assert not Session.objects.filter(session_key=stolen).exists()
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = stolen
    assert replay.get("/admin/").status_code == 302


def test_a_password_change_ends_the_other_sessions(member):
    here, elsewhere = verified_client(member), verified_client(member)
    response = here.post(
        "/admin/password_change/",
        {
            "old_password": PASSWORD,
            "new_password1": "another-long-staff-passphrase",
            "new_password2": "another-long-staff-passphrase",
        },
    )
    assert response.status_code == 302
    assert here.get("/admin/").status_code == 200
    assert elsewhere.get("/admin/").status_code == 302


def test_deactivating_an_account_ends_its_sessions(member, superuser_client):
    client = verified_client(member)
    member.is_active = False
    member.save()
    assert client.get("/admin/").status_code == 302


def test_the_session_key_changes_when_privileges_change(member):
    client = verified_client(member)
    client.get("/admin/")
    before = session_cookie(client)
    extra = Group.objects.create(name="Auditors")
    extra.permissions.add(Permission.objects.get(codename="view_securityevent"))
    member.groups.add(extra)

    assert client.get("/admin/").status_code == 200
    assert session_cookie(client) != before
    again = session_cookie(client)
    client.get("/admin/")
    assert session_cookie(client) == again  # no change, no new key


def test_typing_the_code_rotates_the_key_too(member):
    device = app_device(member)
    client = Client()
    log_in(client)
    before = session_cookie(client)
    client.post("/admin/second-factor/", {"token": current_code(device)})
    assert session_cookie(client) != before


def test_sessions_survive_a_key_rotation_only_with_the_old_key_as_fallback(settings, member):
    kept, dropped = verified_client(member), verified_client(member)
    old_key = settings.SECRET_KEY
    settings.SECRET_KEY = "a-new-secret-key-after-rotation-" + "x" * 20
    settings.SECRET_KEY_FALLBACKS = [old_key]
    assert kept.get("/admin/").status_code == 200  # and now signed with the new key

    settings.SECRET_KEY_FALLBACKS = []
    assert kept.get("/admin/").status_code == 200
    assert dropped.get("/admin/").status_code == 302


def test_a_password_only_session_also_expires_when_idle(client, member):
    app_device(member)
    log_in(client)
    age_session(client, **{SEEN: 31 * 60})
    client.get("/en/")
    assert "_auth_user_id" not in client.session
