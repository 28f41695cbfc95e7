"""Mail through a real SMTP server (aiosmtpd on loopback): password reset
for staff, and error reports to ADMINS. Settings come from the environment."""

import json
import re

import pytest
from django.test import Client

from accounts.models import SecurityEvent
from releases.views import HomeView
from tests.test_settings import run_settings

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "a-brand-new-staff-passphrase"


def request_reset(client, address="anna@example.org"):
    return client.post("/admin/password-reset/", {"email": address})


def link_in(message):
    body = message.get_body(preferencelist=("plain",)).get_content()
    return re.search(r"http://testserver(/admin/password-reset/\S+/\S+/)", body).group(1)


def set_password(client, link):
    form = client.get(link)  # redirects to the form, keeping the token in the session
    assert form.status_code == 302
    return client.post(
        form["Location"], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )


def test_a_staff_member_resets_the_password_by_email(client, member, inbox):
    response = request_reset(client)

    assert response.status_code == 302
    (message,) = inbox
    assert message["To"] == "anna@example.org"
    assert message["From"] == "webmaster@localhost"
    assert set_password(client, link_in(message)).status_code == 302
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)
    assert SecurityEvent.objects.filter(kind=SecurityEvent.Kind.PASSWORD_RESET).exists()


def test_the_answer_is_the_same_for_unknown_addresses(member, inbox, django_user_model):
    django_user_model.objects.create_user("visitor", "visitor@example.org", "x" * 20)
    known = request_reset(Client(REMOTE_ADDR="203.0.113.1"))
    unknown = request_reset(Client(REMOTE_ADDR="203.0.113.2"), "nobody@example.org")
    not_staff = request_reset(Client(REMOTE_ADDR="203.0.113.3"), "visitor@example.org")

    assert known.status_code == unknown.status_code == not_staff.status_code == 302
    assert known["Location"] == unknown["Location"] == not_staff["Location"]
    assert [m["To"] for m in inbox] == ["anna@example.org"]


def test_a_reset_link_works_once(client, member, inbox):
    request_reset(client)
    link = link_in(inbox[0])
    set_password(client, link)

    again = Client().get(link)

    assert again.status_code == 400
    assert "invalid" in again.text
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)


def test_an_expired_reset_link_is_refused(settings, client, member, inbox):
    request_reset(client)
    settings.PASSWORD_RESET_TIMEOUT = -1
    assert Client().get(link_in(inbox[0])).status_code == 400


def test_reset_requests_are_throttled_per_client_and_per_address(member, inbox):
    client = Client(REMOTE_ADDR="203.0.113.9")
    statuses = [request_reset(client, f"x{n}@example.org").status_code for n in range(6)]
    assert statuses == [302] * 5 + [429]

    for n in range(5):
        assert request_reset(Client(REMOTE_ADDR=f"198.51.100.{n}")).status_code == 302
    assert len(inbox) == 3  # RESETS_PER_ADDRESS: the same answer, no more mail


def test_server_errors_are_mailed_to_the_admins(settings, inbox, monkeypatch):
    settings.ADMINS = ["ops@example.org"]

    def broken(*args, **kwargs):
        raise RuntimeError("database on fire")

    monkeypatch.setattr(HomeView, "get", broken)
    client = Client(raise_request_exception=False)
    assert client.get("/en/").status_code == 500

    (message,) = inbox
    assert message["To"] == "ops@example.org"
    assert "database on fire" in message.get_body(preferencelist=("plain",)).get_content()


SHOW_MAILER = "import json, embassy.settings as s; print(json.dumps(s.MAILERS['default']))"


def test_smtp_settings_come_from_email_url():
    result = run_settings(
        {"DJANGO_SECRET_KEY": "x" * 50, "EMAIL_URL": "smtp://mailer:p%40ss@mail.example.org:587"},
        SHOW_MAILER,
    )
    options = json.loads(result.stdout)["OPTIONS"]
    assert options["host"] == "mail.example.org"
    assert (options["port"], options["use_tls"], options["use_ssl"]) == (587, True, False)
    assert (options["username"], options["password"]) == ("mailer", "p@ss")


def test_smtps_url_means_implicit_tls():
    result = run_settings(
        {"DJANGO_SECRET_KEY": "x" * 50, "EMAIL_URL": "smtps://u:p@mail.example.org"}, SHOW_MAILER
    )
    options = json.loads(result.stdout)["OPTIONS"]
    assert (options["port"], options["use_ssl"], options["use_tls"]) == (465, True, False)


def test_smtp_settings_come_from_separate_variables():
    env = {
        "DJANGO_SECRET_KEY": "x" * 50,
        "EMAIL_HOST": "relay.example.org",
        "EMAIL_PORT": "2525",
        "EMAIL_HOST_USER": "cms",
        "EMAIL_HOST_PASSWORD": "secret",
        "EMAIL_USE_TLS": "1",
    }
    options = json.loads(run_settings(env, SHOW_MAILER).stdout)["OPTIONS"]
    assert options["host"] == "relay.example.org"
    assert (options["port"], options["username"], options["use_tls"]) == (2525, "cms", True)
