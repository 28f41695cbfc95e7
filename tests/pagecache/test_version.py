"""The content version moves on with every change the public could see, and
only after the change is committed."""

import pytest
from django.db import transaction

from pagecache import version
from tests.factories import ReleaseFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_publishing_a_release_moves_the_version_on():
    before = version.current()
    ReleaseFactory(published=True)
    assert version.current() > before


def test_a_deletion_moves_the_version_on():
    release = ReleaseFactory(published=True)
    before = version.current()
    release.delete()
    assert version.current() > before


def test_the_version_moves_only_when_the_change_is_committed():
    before = version.current()
    with transaction.atomic():
        ReleaseFactory(published=True)
        assert version.current() == before
    assert version.current() > before


def test_a_staff_login_does_not_expire_the_public_pages(django_user_model):
    before = version.current()
    django_user_model.objects.create_user("someone", password="x" * 20)
    assert version.current() == before
