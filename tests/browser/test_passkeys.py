"""Passkeys in a real Chromium, with the DevTools virtual authenticator
(WebAuthn domain): a new staff member enrols a passkey at the first login,
then logs in with password and passkey; a passkey of another account is
refused."""

import pytest
from django.contrib.auth import get_user_model
from django_otp_webauthn.models import WebAuthnCredential
from playwright.sync_api import expect

from accounts.models import SecurityEvent
from tests.accounts_support import app_device

from .axe import axe_violations, describe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "passkey-member-password"


def virtual_authenticator(page):
    """A platform authenticator with user verification, as a laptop has."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    return cdp


def password_step(page, username):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


@pytest.fixture
def newcomer(db):
    return get_user_model().objects.create_user(
        "newcomer", "newcomer@example.org", PASSWORD, is_staff=True
    )


def test_a_passkey_is_enrolled_at_first_login_then_logs_in(open_page, newcomer):
    page = open_page()
    virtual_authenticator(page)

    password_step(page, "newcomer")
    expect(page.get_by_role("heading", name="Set up your second factor")).to_be_visible()
    page.get_by_role("button", name="Add a passkey").click()
    expect(page.get_by_role("heading", name="Recovery codes")).to_be_visible()
    assert WebAuthnCredential.objects.filter(user=newcomer, confirmed=True).count() == 1
    page.goto("/admin/")
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()

    # Log out, then in again: password, then the passkey (same authenticator).
    page.get_by_role("button", name="Log out").click()
    password_step(page, "newcomer")
    page.get_by_role("button", name="Use a passkey").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()
    kinds = set(SecurityEvent.objects.filter(user=newcomer).values_list("kind", flat=True))
    assert {SecurityEvent.Kind.DEVICE_ADDED, SecurityEvent.Kind.VERIFIED} <= kinds


def test_a_passkey_of_another_account_is_refused(open_page, newcomer):
    # The newcomer enrols a passkey in this browser's authenticator...
    page = open_page()
    virtual_authenticator(page)
    password_step(page, "newcomer")
    page.get_by_role("button", name="Add a passkey").click()
    expect(page.get_by_role("heading", name="Recovery codes")).to_be_visible()
    page.get_by_role("button", name="Log out").click()

    # ...then someone with another account's password (and code) offers it.
    intruder = get_user_model().objects.create_user(
        "intruder", "intruder@example.org", PASSWORD, is_staff=True
    )
    app_device(intruder)
    password_step(page, "intruder")
    status = page.evaluate(
        """async () => {
            const csrf = document.querySelector("[name=csrfmiddlewaretoken]").value;
            const headers = {"X-CSRFToken": csrf, "Content-Type": "application/json"};
            const begin = await fetch("/admin/passkeys/authentication/begin/",
                                      {method: "POST", headers});
            const options = await begin.json();
            const b64 = s => Uint8Array.from(atob(s.replace(/-/g, "+").replace(/_/g, "/")),
                                             c => c.charCodeAt(0));
            const enc = b => btoa(String.fromCharCode(...new Uint8Array(b)))
                .replace(/\\+/g, "-").replace(/\\//g, "_").replace(/=+$/, "");
            // No allowCredentials for this account: let the authenticator offer
            // the newcomer's discoverable passkey.
            const credential = await navigator.credentials.get({publicKey: {
                challenge: b64(options.challenge), rpId: options.rpId,
                userVerification: "preferred"}});
            const response = credential.response;
            const body = JSON.stringify({id: credential.id, rawId: enc(credential.rawId),
                type: credential.type, response: {
                    clientDataJSON: enc(response.clientDataJSON),
                    authenticatorData: enc(response.authenticatorData),
                    signature: enc(response.signature),
                    userHandle: response.userHandle ? enc(response.userHandle) : null},
                clientExtensionResults: {}});
            const complete = await fetch("/admin/passkeys/authentication/complete/",
                                         {method: "POST", headers, body});
            return complete.status;
        }"""
    )
    assert status == 403
    page.goto("/admin/")
    expect(page.get_by_role("heading", name="Site administration")).not_to_be_visible()


@pytest.mark.parametrize("step", ["setup", "verify"])
def test_the_second_factor_pages_have_no_accessibility_violations(open_page, newcomer, step):
    if step == "verify":
        app_device(newcomer)
    page = open_page(bypass_csp=True)
    virtual_authenticator(page)
    password_step(page, "newcomer")
    expect(page.get_by_label("Code")).to_be_visible()

    violations, _known = axe_violations(page)

    assert not violations, f"{page.url}\n{describe(violations)}"
