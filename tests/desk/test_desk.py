"""The admin's start page: each role sees the work waiting for it, one
click from its form."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from contacts.models import Closure, Office
from desk.views import week_calendar
from releases.models import EmbargoLink
from releases.workflow import services
from releases.workflow.roles import CONSULAR_OFFICER
from tests.accounts_support import verified_client
from tests.factories import NoticeFactory, ReleaseFactory

pytestmark = pytest.mark.django_db

INDEX = reverse("admin:index")


def change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def test_the_editor_sees_what_was_sent_back_with_the_comment(editor, editor_client, publisher):
    page = editor_client.get(reverse("admin:releases_release_add"))
    assert page.status_code == 200
    release = ReleaseFactory(title_en="Statement on trade")
    # The editor's own save puts it in their history (their drafts).
    release.title_en = "Statement on trade talks"
    services.item_save(item=release, by=editor)
    services.item_submit_for_review(item=release, by=editor)
    services.item_send_back(item=release, by=publisher, comment="Add the date of the talks.")
    desk = editor_client.get(INDEX)
    assert "Sent back to you" in desk.text
    assert "Add the date of the talks." in desk.text
    assert change_url(release) in desk.text


def test_the_editor_sees_their_drafts_and_what_waits_for_review(editor, editor_client):
    draft = ReleaseFactory(title_en="My draft")
    services.item_save(item=draft, by=editor)
    in_review = ReleaseFactory(title_en="Waiting one")
    services.item_submit_for_review(item=in_review, by=editor)
    desk = editor_client.get(INDEX).text
    assert "Your drafts" in desk and "My draft" in desk
    assert "Waiting for review" in desk and change_url(in_review) in desk
    assert "Waiting for your review" not in desk


def test_the_publisher_sees_what_waits_with_a_link_to_the_review(editor, publisher_client):
    release = ReleaseFactory(title_en="Please review")
    services.item_submit_for_review(item=release, by=editor)
    desk = publisher_client.get(INDEX).text
    assert "Waiting for your review" in desk
    assert reverse("admin:releases_release_review", args=[release.pk]) in desk


def test_the_publisher_sees_the_schedule_in_the_calendar_and_live_embargo_links(
    publisher, publisher_client
):
    soon = timezone.now() + datetime.timedelta(days=3)
    scheduled = ReleaseFactory(title_en="Coming soon", published=True, published_at=soon)
    later = ReleaseFactory(
        title_en="Far away", published=True, published_at=soon + datetime.timedelta(days=30)
    )
    EmbargoLink.objects.create(
        release=scheduled,
        recipient_name="A. Journalist",
        recipient_email="aj@example.org",
        expires_at=soon,
        token_hash="x" * 64,
        created_by=publisher,
    )
    page = publisher_client.get(INDEX)
    calendar = page.context["publisher_desk"]["calendar"]
    days = [day for week in calendar for day in week if day["items"]]
    assert [day["date"] for day in days] == [timezone.localtime(soon).date()]
    assert "Coming soon" in page.text and "Far away" not in page.text
    assert change_url(scheduled) in page.text and change_url(later) not in page.text
    assert "A. Journalist" in page.text


def test_the_calendar_is_whole_weeks_starting_on_monday():
    today = datetime.date(2026, 12, 2)  # a Wednesday
    weeks = week_calendar([], today)
    assert weeks[0][0]["date"] == datetime.date(2026, 11, 30)
    assert all(len(week) == 7 for week in weeks)
    assert weeks[-1][-1]["date"] >= today + datetime.timedelta(days=14)
    assert not weeks[0][0]["in_range"] and weeks[0][2]["is_today"]


def test_the_consular_officer_sees_offices_and_closures_only(django_user_model):
    officer = django_user_model.objects.create_user("consul", "c@example.org", "pw", is_staff=True)
    officer.groups.add(Group.objects.get(name=CONSULAR_OFFICER))
    office = Office.objects.create(
        name="Consular section",
        slug="consular",
        kind="consular-section",
        address_line_1="Shantipath",
        city="New Delhi",
        country="India",
    )
    today = timezone.localdate()
    soon = Closure.objects.create(
        office=office, start_date=today + datetime.timedelta(days=10), reason="Holi"
    )
    Closure.objects.create(start_date=today + datetime.timedelta(days=90), reason="Far holiday")
    release = ReleaseFactory(title_en="A release for the press section")
    services.item_submit_for_review(item=release, by=officer)
    page = verified_client(officer).get(INDEX)
    assert change_url(office) in page.text
    assert change_url(soon) in page.text and "Far holiday" not in page.text
    # Releases are the press section's: neither they nor its embargo links show.
    assert "A release for the press section" not in page.text
    assert "Live embargo links" not in page.text


def test_the_consular_officer_reviews_the_notices_editors_submit(editor, django_user_model):
    officer = django_user_model.objects.create_user("consul", "c@example.org", "pw", is_staff=True)
    officer.groups.add(Group.objects.get(name=CONSULAR_OFFICER))
    notice = NoticeFactory(title_en="Passport office closed on Friday")
    services.item_submit_for_review(item=notice, by=editor)
    desk = verified_client(officer).get(INDEX).text
    assert "Waiting for your review" in desk and "Passport office closed on Friday" in desk
    assert reverse("admin:notices_notice_review", args=[notice.pk]) in desk


def test_the_editor_sees_their_notice_drafts_beside_their_releases(editor, editor_client):
    notice = NoticeFactory(title_en="Draft notice on visas")
    services.item_save(item=notice, by=editor)
    desk = editor_client.get(INDEX).text
    assert "Your drafts" in desk and change_url(notice) in desk


def test_the_consular_officer_sees_the_services_not_checked_for_six_months(django_user_model):
    from tests.services.factories import ServiceFactory

    officer = django_user_model.objects.create_user("consul", "c@example.org", "pw", is_staff=True)
    officer.groups.add(Group.objects.get(name=CONSULAR_OFFICER))
    today = timezone.localdate()
    stale = ServiceFactory(
        name_en="Certificate of residence", last_checked_on=today.replace(year=today.year - 1)
    )
    fresh = ServiceFactory(name_en="Birth registration", last_checked_on=today)
    page = verified_client(officer).get(INDEX)
    assert change_url(stale) in page.text
    assert change_url(fresh) not in page.text
