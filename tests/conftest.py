import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english_by_default():
    """Model code runs in English unless a test activates another language."""
    with translation.override("en"):
        yield


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("staff", "staff@example.org", "pw-for-tests")
    client.force_login(user)
    return client


@pytest.fixture
def count_queries():
    """Run `action` and return how many database queries it made."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(action):
        with CaptureQueriesContext(connection) as context:
            action()
        return len(context.captured_queries)

    return count
