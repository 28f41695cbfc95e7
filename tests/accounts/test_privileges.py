"""A staff member with any permission short of superuser cannot manage
accounts: not through the user or group forms, actions, permission fields,
password forms or device admins. Each path is tried with every auth
permission granted."""

import pytest
from django.contrib.auth.models import Group, Permission
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts_support import verified_client

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def schemer(member):
    """A staff member whose group grants every permission on users, groups,
    permissions and devices."""
    group = Group.objects.create(name="Account managers")
    group.permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=["auth", "otp_totp", "otp_static", "axes"]
        )
    )
    member.groups.add(group)
    return member


@pytest.fixture
def schemer_client(schemer):
    return verified_client(schemer)


def user_form(user, **changes):
    data = {
        "username": user.username,
        "email": user.email,
        "is_active": "on",
        "is_staff": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
        "groups": [g.pk for g in user.groups.all()],
    }
    data.update(changes)
    return data


def test_the_user_admin_is_closed(schemer_client):
    assert schemer_client.get("/admin/auth/user/").status_code == 403
    assert schemer_client.get("/admin/auth/group/").status_code == 403
    assert b"/admin/auth/" not in schemer_client.get("/admin/").content


def test_no_self_promotion_through_the_change_form(schemer_client, schemer):
    every = list(Permission.objects.values_list("pk", flat=True))
    response = schemer_client.post(
        f"/admin/auth/user/{schemer.pk}/change/",
        user_form(schemer, is_superuser="on", user_permissions=every),
    )
    assert response.status_code == 403
    schemer.refresh_from_db()
    assert not schemer.is_superuser
    assert not schemer.user_permissions.exists()


def test_no_new_superuser_through_the_add_form(schemer_client, django_user_model):
    response = schemer_client.post(
        "/admin/auth/user/add/",
        {"username": "accomplice", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 403
    assert not django_user_model.objects.filter(username="accomplice").exists()


def test_no_user_actions(schemer_client, superuser):
    response = schemer_client.post(
        "/admin/auth/user/",
        {"action": "delete_selected", "_selected_action": [superuser.pk], "post": "yes"},
    )
    assert response.status_code == 403
    superuser.refresh_from_db()


def test_no_permissions_through_the_group_admin(schemer_client, schemer):
    group = schemer.groups.get(name="Account managers")
    response = schemer_client.post(
        f"/admin/auth/group/{group.pk}/change/",
        {"name": group.name, "permissions": list(Permission.objects.values_list("pk", flat=True))},
    )
    assert response.status_code == 403
    assert schemer_client.post("/admin/auth/group/add/", {"name": "Mine"}).status_code == 403
    assert not Group.objects.filter(name="Mine").exists()


def test_no_password_change_for_someone_else(schemer_client, superuser):
    response = schemer_client.post(
        f"/admin/auth/user/{superuser.pk}/password/",
        {"password1": "taken-over-passphrase", "password2": "taken-over-passphrase"},
    )
    assert response.status_code == 403
    superuser.refresh_from_db()
    assert superuser.check_password(PASSWORD)


def test_no_second_factor_for_someone_else(schemer_client, superuser):
    response = schemer_client.post(
        "/admin/otp_totp/totpdevice/add/",
        {"user": superuser.pk, "name": "mine", "key": "3132333435363738393031323334353637383930"},
    )
    assert response.status_code == 403
    assert not TOTPDevice.objects.filter(user=superuser).exists()


def test_no_unlocking_oneself(schemer_client):
    assert schemer_client.get("/admin/axes/accessattempt/").status_code == 403


def test_a_superuser_manages_accounts(superuser_client, member):
    response = superuser_client.post(
        f"/admin/auth/user/{member.pk}/change/", user_form(member, is_superuser="on")
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.is_superuser
