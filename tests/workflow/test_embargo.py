"""Embargo links: a journalist sees a release early, privately, until the
link expires or is revoked; each opening is logged."""

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from releases.models import (
    AuditAction,
    AuditEntry,
    EmbargoAccess,
    EmbargoAccessOutcome,
    EmbargoLink,
)
from releases.workflow import services
from tests.factories import ReleaseFactory
from tests.kept_pieces import kept_pieces_holding

pytestmark = pytest.mark.django_db

TITLE = "Joint statement on the visit"


def embargo_url(token):
    return reverse("releases:embargo", args=[token])


@pytest.fixture
def scheduled_release(clock):
    return ReleaseFactory(
        title_en=TITLE,
        status="published",
        published_at=clock.now + datetime.timedelta(hours=2),
    )


@pytest.fixture
def issued(scheduled_release, publisher, clock):
    link, token = services.embargo_link_issue(
        release=scheduled_release,
        by=publisher,
        recipient_name="Anna Reporter",
        recipient_email="anna@example.org",
        expires_at=clock.now + datetime.timedelta(hours=1),
    )
    return link, token


def assert_private(response):
    cache_control = response["Cache-Control"]
    assert "no-store" in cache_control
    assert "private" in cache_control
    assert "public" not in cache_control
    assert "noindex" in response["X-Robots-Tag"]
    assert not response.cookies


def test_publisher_issues_a_link_from_the_release_page(publisher_client, scheduled_release):
    url = reverse("admin:releases_release_embargo", args=[scheduled_release.pk])
    form = publisher_client.get(url)
    assert form.status_code == 200
    expires = timezone.localtime(scheduled_release.published_at).strftime("%Y-%m-%dT%H:%M")
    response = publisher_client.post(
        url,
        {
            "recipient_name": "Anna Reporter",
            "recipient_email": "anna@example.org",
            "expires_at": expires,
            "language": "ru",
        },
    )
    address = re.search(r'value="(http://testserver/ru/embargo/[^"]+)"', response.text).group(1)
    token = address.rstrip("/").rsplit("/", 1)[-1]
    link = EmbargoLink.objects.get()
    assert link.recipient_email == "anna@example.org"
    assert token not in link.token_hash  # only a hash is stored
    assert AuditEntry.objects.filter(action=AuditAction.EMBARGO_ISSUED).count() == 1
    assert TITLE in publisher_client.get(address).text


def test_editor_cannot_issue_links(editor, editor_client, scheduled_release):
    url = reverse("admin:releases_release_embargo", args=[scheduled_release.pk])
    assert editor_client.get(url).status_code == 403
    with pytest.raises(PermissionDenied):
        services.embargo_link_issue(
            release=scheduled_release,
            by=editor,
            recipient_name="X",
            recipient_email="x@example.org",
            expires_at=timezone.now() + datetime.timedelta(hours=1),
        )


def test_no_links_for_a_public_release(publisher):
    with pytest.raises(ValidationError):
        services.embargo_link_issue(
            release=ReleaseFactory(published=True),
            by=publisher,
            recipient_name="X",
            recipient_email="x@example.org",
            expires_at=timezone.now() + datetime.timedelta(hours=1),
        )


def test_the_link_shows_the_release_marked_embargoed(client, issued, scheduled_release):
    _link, token = issued
    response = client.get(embargo_url(token))
    assert response.status_code == 200
    assert TITLE in response.text
    assert "EMBARGOED until" in response.text
    assert '<meta name="robots" content="noindex, nofollow">' in response.text
    assert_private(response)
    assert response["Referrer-Policy"] == "no-referrer"
    # The public still cannot see it.
    assert client.get(scheduled_release.get_absolute_url()).status_code == 404


def test_each_journalist_s_page_is_their_own_and_nothing_of_it_is_kept(
    client, scheduled_release, publisher, clock
):
    """Two links to one release each name their own recipient, and no piece
    of either page is kept, in the process or in the shared cache."""
    tokens = [
        services.embargo_link_issue(
            release=scheduled_release,
            by=publisher,
            recipient_name=name,
            recipient_email="press@example.org",
            expires_at=clock.now + datetime.timedelta(hours=1),
        )[1]
        for name in ("Anna Reporter", "Boris Writer")
    ]
    first, second = (client.get(embargo_url(token)).text for token in tokens)
    assert "Anna Reporter" in first
    assert "Boris Writer" not in first
    assert "Boris Writer" in second
    assert "Anna Reporter" not in second

    assert not kept_pieces_holding(TITLE)


def test_each_opening_is_logged(client, issued):
    link, token = issued
    client.get(embargo_url(token), REMOTE_ADDR="203.0.113.5")
    client.get(embargo_url(token), REMOTE_ADDR="203.0.113.5")
    openings = EmbargoAccess.objects.filter(link=link)
    assert openings.count() == 2
    assert {o.outcome for o in openings} == {EmbargoAccessOutcome.SHOWN}
    assert len({o.ip_hash for o in openings}) == 1
    assert "203.0.113.5" not in openings[0].ip_hash
    opened = AuditEntry.objects.filter(action=AuditAction.EMBARGO_OPENED)
    assert opened.count() == 2
    assert "Anna Reporter" in opened[0].actor_name


def test_a_link_for_a_long_name_opens_and_is_logged(client, scheduled_release, publisher, clock):
    """The audit entry's "<name> (embargo link)" is cut to its column, not
    refused by the database (PostgreSQL) when the journalist opens the link."""
    name = "Anna " + "Reporter-" * 22  # 203 characters; the name's column holds 200
    _link, token = services.embargo_link_issue(
        release=scheduled_release,
        by=publisher,
        recipient_name=name[:200],
        recipient_email="anna@example.org",
        expires_at=clock.now + datetime.timedelta(hours=1),
    )

    response = client.get(embargo_url(token))

    assert response.status_code == 200
    opened = AuditEntry.objects.get(action=AuditAction.EMBARGO_OPENED)
    assert opened.actor_name.startswith("Anna Reporter-")
    assert len(opened.actor_name) == AuditEntry._meta.get_field("actor_name").max_length


def test_a_forged_link_reveals_nothing(client, issued):
    response = client.get(embargo_url("forged-token-" + "x" * 30))
    assert response.status_code == 403
    assert TITLE not in response.text
    assert_private(response)


def test_an_expired_link_reveals_nothing(client, clock, issued):
    link, token = issued
    clock.set(link.expires_at)
    response = client.get(embargo_url(token))
    assert response.status_code == 410
    assert TITLE not in response.text
    assert EmbargoAccess.objects.get().outcome == EmbargoAccessOutcome.EXPIRED


def test_a_revoked_link_reveals_nothing(client, publisher_client, issued):
    link, token = issued
    publisher_client.post(
        reverse("admin:releases_embargolink_changelist"),
        {"action": "revoke", "_selected_action": [link.pk]},
    )
    link.refresh_from_db()
    assert link.revoked_at is not None
    response = client.get(embargo_url(token))
    assert response.status_code == 410
    assert TITLE not in response.text
    assert AuditEntry.objects.filter(action=AuditAction.EMBARGO_REVOKED).exists()


def test_once_public_the_link_leads_to_the_public_page(client, clock, issued, scheduled_release):
    _link, token = issued
    clock.set(scheduled_release.published_at)
    response = client.get(embargo_url(token))
    assert response.status_code == 302
    assert response["Location"] == scheduled_release.get_absolute_url()
    assert client.get(response["Location"]).status_code == 200
