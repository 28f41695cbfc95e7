import pytest

from .pages import make_content


@pytest.fixture
def content(db):
    return make_content()
