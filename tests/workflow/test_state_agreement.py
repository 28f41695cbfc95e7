"""The two views of a publication state must agree: what a page or the admin
computes in Python (`state`, `is_public`, `is_viewable`) and what the lists,
feeds and filters ask the database (`in_state()`, `published()`,
`viewable()`). Checked for every stored status, with and without an end of
publication, one second before, at and after each boundary."""

import datetime
import itertools

import pytest

from releases.models import Event, PublicationState, PublicationStatus, Release
from tests.factories import EventFactory, ReleaseFactory

pytestmark = pytest.mark.django_db

START = datetime.datetime(2027, 3, 1, 12, 0, tzinfo=datetime.UTC)
END = START + datetime.timedelta(minutes=10)
SECOND = datetime.timedelta(seconds=1)
# Every second at which some item changes state, and its neighbours.
MOMENTS = [boundary + step * SECOND for boundary in (START, END) for step in (-1, 0, 1)]


def items_in_every_status(factory):
    """One item per stored status, with and without an end of publication."""
    return [
        factory(status=status, published_at=START, unpublish_at=unpublish_at)
        for status, unpublish_at in itertools.product(PublicationStatus.values, (None, END))
    ]


def sql_view(model, item):
    """The state, publicity and visibility of `item` as the database sees them."""
    states = [
        state
        for state in PublicationState.values
        if model.objects.in_state(state).filter(pk=item.pk)
    ]
    return (
        states,
        model.objects.published().filter(pk=item.pk).exists(),
        model.objects.viewable().filter(pk=item.pk).exists(),
    )


@pytest.mark.parametrize("model, factory", [(Release, ReleaseFactory), (Event, EventFactory)])
def test_python_and_sql_agree_on_every_state_at_every_boundary_second(clock, model, factory):
    clock.set(START - datetime.timedelta(days=1))
    items = items_in_every_status(factory)

    for moment in MOMENTS:
        clock.set(moment)
        for item in items:
            python_view = ([item.state], item.is_public, item.is_viewable)
            assert sql_view(model, item) == python_view, (item.status, item.unpublish_at, moment)


def test_the_moments_cover_every_state(clock):
    # Guards the test above: its moments must reach scheduled, published and ended.
    clock.set(START - datetime.timedelta(days=1))
    published = ReleaseFactory(
        status=PublicationStatus.PUBLISHED, published_at=START, unpublish_at=END
    )
    seen = set()
    for moment in MOMENTS:
        clock.set(moment)
        seen.add(published.state)
    assert seen == {
        PublicationState.SCHEDULED,
        PublicationState.PUBLISHED,
        PublicationState.UNPUBLISHED,
    }
