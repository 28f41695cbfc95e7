import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from accounts.demo import current_demo_code
from releases.models import Event, PublicationStatus, Release, Speaker, Topic
from releases.workflow import services
from tests.accounts_support import log_in_verified

pytestmark = pytest.mark.django_db


def counts():
    return [m.objects.count() for m in (Release, Speaker, Event, Topic, get_user_model())]


def test_demo_loads_the_seed_content_and_is_idempotent(settings, client):
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    first = counts()
    call_command("load_demo", verbosity=0)
    assert counts() == first

    consultations = Release.objects.published().get(
        slug="india-russia-ict-security-consultations-second-round"
    )
    assert consultations.event.start_date.isoformat() == "2018-02-15"
    assert consultations.event.end_date.isoformat() == "2018-02-16"
    heads = {p.speaker.name for p in consultations.event.participations.all()}
    assert {"Rajinder Khanna", "Oleg Khramov"} <= heads
    greetings = Release.objects.published().filter(kind="greetings")
    assert {r.source_name for r in greetings} == {
        "Ministry of Foreign Affairs of the Russian Federation",
        "Official website of the President of Russia",
        "Official website of the Government of Russia",
    }
    assert Release.objects.published().filter(slug="lavrov-remarks-wreath-laying-ceremony").exists()
    assert Release.objects.published().count() > 10  # enough to paginate
    assert client.get("/en/releases/?page=2").status_code == 200


def test_demo_account_can_log_in_to_the_admin(settings, client):
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    client.post("/admin/login/", {"username": "demo", "password": "demo-embassy"})
    # The second factor: the published demo secret, as load_demo prints it.
    client.post("/admin/second-factor/", {"token": current_demo_code()})
    assert client.get("/admin/").status_code == 200


def test_demo_refuses_to_run_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DJANGO_DEBUG"):
        call_command("load_demo", verbosity=0)
    assert not get_user_model().objects.exists()


def test_running_the_demo_again_keeps_what_staff_did_and_their_sessions(settings, client):
    """A second `make run` must not undo the demo user's work or log them out."""
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    publisher = get_user_model().objects.get(username="demo-publisher")
    log_in_verified(client, publisher)
    release = Release.objects.get(slug="lavrov-remarks-wreath-laying-ceremony")
    services.item_withdraw(item=release, by=publisher, reason="Superseded by the full text.")
    event = Event.objects.get(slug="russia-day-reception")
    services.item_unpublish(item=event, by=publisher)
    speaker = Speaker.objects.get(slug="sergey-lavrov")
    speaker.position_en = "Minister of Foreign Affairs (2004-2024)"
    speaker.save()
    draft = Release.objects.get(slug="draft-statement-not-yet-public")
    draft.delete()
    before = counts()

    call_command("load_demo", verbosity=0)

    assert client.get("/admin/").status_code == 200  # still logged in
    release.refresh_from_db()
    assert release.status == PublicationStatus.WITHDRAWN
    assert release.withdrawal_reason_en == "Superseded by the full text."
    assert not Release.objects.published().filter(pk=release.pk).exists()
    event.refresh_from_db()
    assert event.status == PublicationStatus.UNPUBLISHED
    speaker.refresh_from_db()
    assert speaker.position_en == "Minister of Foreign Affairs (2004-2024)"
    # Only what was missing came back: the deleted draft, and nothing twice.
    assert Release.objects.filter(slug="draft-statement-not-yet-public").count() == 1
    release_count, *others = counts()
    assert [release_count - 1, *others] == before
