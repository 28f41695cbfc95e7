"""Password policy: Django's validators, strict, plus common passwords in disguise."""

import pytest
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError


@pytest.mark.parametrize(
    "password",
    [
        "short-pass1",  # under 12 characters
        "123456789012345",
        "password1234",  # on the common list as typed
        "Password2024!",  # the same, dressed up
        "P@ssw0rd-2026!",
        "qwertyqwerty",
        "Sunshine!!!!1234",
    ],
)
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password, User(username="anna"))


@pytest.mark.parametrize(
    "password", ["correct horse battery staple", "Kolkata-monsoon-press-2026", "tY8#q2vLp0!mZ"]
)
def test_long_uncommon_passwords_pass(password):
    validate_password(password, User(username="anna"))


def test_the_breached_check_is_named_in_the_error():
    with pytest.raises(ValidationError) as error:
        validate_password("Dragon2025!!", User(username="anna"))
    assert "common breached password" in str(error.value)
