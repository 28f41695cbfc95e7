"""Every staff account logs in with a password and a second factor."""

import base64
import re

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import SecurityEvent
from tests.accounts_support import app_device, current_code, session_cookie
from tests.factories import ReleaseFactory

from .conftest import log_in

pytestmark = pytest.mark.django_db
Kind = SecurityEvent.Kind


def code_for(secret):
    return f"{totp(base64.b32decode(secret)):06d}"


def enrol(client):
    """Password, then the authenticator app: as a new staff member does."""
    log_in(client)
    page = client.get("/admin/second-factor/setup/")
    secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', page.text).group(1)
    return client.post("/admin/second-factor/setup/", {"token": code_for(secret)})


def test_after_the_password_the_admin_asks_for_the_second_factor(client, member):
    response = log_in(client)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/second-factor/")
    # No device yet: the only way on is the enrolment page.
    assert client.get(response["Location"])["Location"].startswith("/admin/second-factor/setup/")


@pytest.mark.parametrize(
    "path", ["/admin/", "/admin/releases/release/", "/admin/second-factor/methods/"]
)
def test_without_a_confirmed_device_no_admin_page_opens(client, member, path):
    log_in(client)
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert client.get("/admin/second-factor/setup/").status_code == 200


def test_a_password_alone_does_not_open_staff_previews(client, member):
    draft = ReleaseFactory(title_en="Unpublished text")
    log_in(client)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_enrolment_confirms_the_app_and_prints_recovery_codes(client, member):
    response = enrol(client)

    assert response.status_code == 302
    assert response["Location"] == "/admin/second-factor/methods/"
    page = client.get("/admin/second-factor/methods/")
    codes = re.findall(r"<li><code>(\w+)</code></li>", page.text)
    assert len(codes) == 10
    assert TOTPDevice.objects.get(user=member).confirmed
    assert client.get("/admin/").status_code == 200
    assert SecurityEvent.objects.filter(kind=Kind.DEVICE_ADDED, user=member).exists()


def test_a_wrong_code_at_enrolment_is_refused_and_confirms_nothing(client, member):
    log_in(client)
    client.get("/admin/second-factor/setup/")
    response = client.post("/admin/second-factor/setup/", {"token": "000000"})
    assert response.status_code == 400
    assert "not accepted" in response.text
    assert not TOTPDevice.objects.get(user=member).confirmed
    assert client.get("/admin/").status_code == 302


def test_a_totp_code_works_once(member):
    device = app_device(member)
    code = current_code(device)
    first = Client()
    log_in(first)
    assert first.post("/admin/second-factor/", {"token": code}).status_code == 302
    assert first.get("/admin/").status_code == 200

    replay = Client()
    log_in(replay)
    response = replay.post("/admin/second-factor/", {"token": code})

    assert response.status_code == 400
    assert replay.get("/admin/").status_code == 302
    assert SecurityEvent.objects.filter(kind=Kind.SECOND_FACTOR_FAILED, user=member).exists()


def test_a_recovery_code_works_once(client, member):
    enrol(client)
    code = StaticToken.objects.filter(device__user=member).first().token
    again = Client()
    log_in(again)
    assert again.post("/admin/second-factor/", {"token": code}).status_code == 302
    assert again.get("/admin/").status_code == 200

    third = Client()
    log_in(third)
    assert third.post("/admin/second-factor/", {"token": code}).status_code == 400
    assert StaticToken.objects.filter(device__user=member).count() == 9


def test_the_session_key_changes_when_the_second_factor_is_given(client, member):
    device = app_device(member)
    log_in(client)
    before = session_cookie(client)
    client.post("/admin/second-factor/", {"token": current_code(device)})
    assert session_cookie(client) != before


def test_a_superuser_resets_a_lost_device_and_it_is_audited(
    client, member, superuser, superuser_client
):
    enrol(client)
    assert client.get("/admin/").status_code == 200

    superuser_client.post(
        "/admin/auth/user/", {"action": "reset_second_factor", "_selected_action": [member.pk]}
    )

    assert not TOTPDevice.objects.filter(user=member).exists()
    assert not StaticToken.objects.filter(device__user=member).exists()
    # The member's session lost its second factor; the next login enrols again.
    assert client.get("/admin/").status_code == 302
    fresh = Client()
    log_in(fresh)
    assert fresh.get("/admin/second-factor/")["Location"].startswith("/admin/second-factor/setup/")
    event = SecurityEvent.objects.get(kind=Kind.DEVICES_RESET)
    assert (event.user, event.actor) == (member, superuser)


def test_only_superusers_may_reset_devices(member, django_user_model):
    from tests.accounts_support import verified_client

    other = django_user_model.objects.create_user("boris", "b@example.org", "x", is_staff=True)
    app_device(other)
    response = verified_client(member).post(
        "/admin/auth/user/", {"action": "reset_second_factor", "_selected_action": [other.pk]}
    )
    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=other).exists()
