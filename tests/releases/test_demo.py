import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from releases.models import Event, Release, Speaker, Topic

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
    assert client.login(username="demo", password="demo-embassy")
    assert client.get("/admin/").status_code == 200


def test_demo_refuses_to_run_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DJANGO_DEBUG"):
        call_command("load_demo", verbosity=0)
    assert not get_user_model().objects.exists()
