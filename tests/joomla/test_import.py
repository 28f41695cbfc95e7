"""The import against a real MariaDB holding Joomla's own schema (3.x, and
4.x under a 5.x manifest), into the test database (SQLite or PostgreSQL)."""

import datetime
import json

import pymysql
import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from contacts.models import ContactKind, Office
from joomla.importer import Importer, run_import
from joomla.mapping import Mapping
from joomla.models import ImportedItem
from joomla.source import JoomlaSource
from releases.models import PublicationStatus, Release, ReleaseKind

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


def import_site(joomla, root=None, mapping_file=None, **options):
    with JoomlaSource(joomla.url) as source:
        return run_import(source, mapping=Mapping.load(mapping_file), images_root=root, **options)


def release_of(article_id):
    item = ImportedItem.objects.get(source_table="content", joomla_id=article_id)
    return Release.objects.get(pk=item.object_id)


def kinds(report):
    return {warning["kind"] for warning in report.warnings}


def test_articles_in_two_languages_become_one_release(joomla, joomla_root, mapping_file):
    import_site(joomla, joomla_root, mapping_file)

    release = release_of(12)
    assert release_of(13) == release
    assert release.title_en == "Second round of India–Russia consultations on ICT security"
    assert release.title_ru.startswith("Второй раунд")
    assert release.slug == "ict-security-consultations"
    assert release.kind == ReleaseKind.PRESS_RELEASE
    assert release.status == PublicationStatus.PUBLISHED
    # Back-dated to the original publication, with the dateline the text states.
    assert release.published_at == datetime.datetime(2018, 2, 16, 9, 30, tzinfo=UTC)
    assert release.date == datetime.date(2018, 2, 16)
    assert (release.place_en, release.place_ru) == ("New Delhi", "Нью-Дели")
    assert release.summary_en.startswith("The two countries held a second round")
    assert "{loadposition" not in release.body_en and "{emailcloak" not in release.body_ru
    assert {topic.slug for topic in release.topics.all()} == {"cyber-security", "press-releases"}


def test_images_are_copied_into_media_storage(joomla, joomla_root, mapping_file):
    report = import_site(joomla, joomla_root, mapping_file)

    release = release_of(12)
    # The intro image of the `images` JSON is the lead image, with its texts.
    assert release.image.name.endswith("/delegations.png")
    assert default_storage.exists(release.image.name)
    assert release.image_alt_en == "The heads of the delegations"
    assert release.image_caption_ru == "Главы делегаций перед переговорами"
    # The image in the text is copied and stays an image of the text.
    assert '<img src="/media/joomla/' in release.body_en
    assert "ict-talks.jpg" in release.body_en and "images/2018" not in release.body_en
    assert any(w["kind"] == "missing image" and w["id"] == 14 for w in report.warnings)
    assert "A photo that was lost" in release_of(14).body_en


def test_source_lines_datelines_and_states(joomla, joomla_root, mapping_file):
    report = import_site(joomla, joomla_root, mapping_file)

    greetings = release_of(14)
    assert greetings.title_en == "Foreign Minister's greetings on Diplomats' Day"
    assert (greetings.place_en, greetings.date) == ("Moscow", datetime.date(2018, 2, 10))
    assert greetings.kind == ReleaseKind.GREETINGS  # the parent category's mapping
    assert greetings.source_name_en == "Official website of the President of Russia"
    assert greetings.source_url == "http://www.kremlin.ru/"
    assert "Source:" not in greetings.body_en

    archived = release_of(15)  # archived stays public; its publish_up is a zero date
    assert archived.status == PublicationStatus.PUBLISHED
    assert archived.published_at == datetime.datetime(2018, 2, 10, 7, 0, tzinfo=UTC)
    assert archived.source_name_en == "Official website of the Government of Russia"
    assert archived.source_url == ""
    # 3.x writes "no date" as 0000-00-00 00:00:00, which gets a report line.
    assert ("zero date" in kinds(report)) == (joomla.version == "3")

    assert not ImportedItem.objects.filter(source_table="content", joomla_id=16).exists()
    assert any(w["kind"] == "trashed" and w["id"] == 16 for w in report.warnings)

    draft = release_of(17)  # unpublished, alias clash, unknown category, broken HTML
    assert draft.status == PublicationStatus.DRAFT
    assert draft.slug == "ict-security-consultations-2"
    assert draft.body_en == "<p>Draft notes, never finished</p>"  # repaired, text kept
    assert {"alias clash", "unknown category", "broken HTML"} <= kinds(report)

    french = release_of(18)  # a language the site lacks: kept, as a draft, reported
    assert french.status == PublicationStatus.DRAFT
    assert french.title_en == "Communiqué"
    assert "unmapped language" in kinds(report)
    assert report.plugin_tags == {"{loadposition share}": 1, "{emailcloak=off}": 1}


def test_contacts_become_offices_with_real_addresses(joomla, joomla_root, mapping_file):
    import_site(joomla, joomla_root, mapping_file)

    office = Office.objects.get(slug="embassy")
    assert (office.address_line_1, office.address_line_2) == ("Shantipath", "Chanakyapuri")
    assert (office.city, office.postal_code, office.country) == ("New Delhi", "110021", "India")
    points = {(p.kind, str(p.phone or p.email or p.url)) for p in office.contact_points.all()}
    assert points == {
        (ContactKind.TELEPHONE, "+911126110640"),
        (ContactKind.TELEPHONE, "+911126110641"),
        (ContactKind.TELEPHONE, "+911126110642"),
        (ContactKind.TELEPHONE, "+911126873802"),
        (ContactKind.FAX, "+911126873799"),
        (ContactKind.WEBSITE, "https://india.example.org/"),
        (ContactKind.EMAIL, "embassy@example.org"),
    }
    email = office.contact_points.get(kind=ContactKind.EMAIL)
    assert email.is_protected
    assert email.label_ru == "Электронная почта" or email.label_ru  # translated label
    assert "protected from spambots" not in office.visitor_notes
    emergency = Office.objects.get(slug="emergency").contact_points.get()
    assert (emergency.kind, emergency.phone.as_e164) == (ContactKind.EMERGENCY, "+918130300551")
    assert not Office.objects.filter(slug="closed-office").exists()


def test_a_second_import_updates_joomla_changes_and_keeps_local_edits(
    joomla, joomla_root, mapping_file
):
    import_site(joomla, joomla_root, mapping_file)
    counts = (Release.objects.count(), Office.objects.count())
    edited = release_of(12)
    edited.title_en = "Corrected here"
    edited.save()
    joomla.update("content", 14, title="Greetings on Diplomats' Day, February 10, 2018")
    joomla.update("content", 12, title="Changed in Joomla too")

    report = import_site(joomla, joomla_root, mapping_file)

    assert (Release.objects.count(), Office.objects.count()) == counts
    assert release_of(14).title_en == "Greetings on Diplomats' Day"
    assert release_of(12).title_en == "Corrected here"
    assert any(w["kind"] == "edited here" and w["id"] in (12, 13) for w in report.warnings)
    assert report.counts["releases updated"] == 1
    assert report.counts["releases kept"] == 1
    assert report.counts["releases unchanged"] == 3
    assert report.counts["offices unchanged"] == 2


def test_a_dry_run_saves_nothing_and_reports_the_same(joomla, joomla_root, mapping_file):
    dry = import_site(joomla, joomla_root, mapping_file, dry_run=True)

    assert not Release.objects.exists() and not Office.objects.exists()
    assert not ImportedItem.objects.exists()
    assert not default_storage.exists("joomla") or not default_storage.listdir("joomla")[0]
    real = import_site(joomla, joomla_root, mapping_file)
    assert dry.dry_run and not real.dry_run
    assert dry.counts == real.counts
    assert dry.warnings == real.warnings


def test_a_failure_half_way_imports_nothing(joomla, joomla_root, mapping_file, monkeypatch):
    def fail(importer):
        raise RuntimeError("the disk went away")

    monkeypatch.setattr(Importer, "import_contacts", fail)  # after the articles
    with pytest.raises(RuntimeError):
        import_site(joomla, joomla_root, mapping_file)

    assert not Release.objects.exists()
    assert not ImportedItem.objects.exists()
    assert not default_storage.exists("joomla") or not default_storage.listdir("joomla")[0]


def test_the_joomla_database_is_opened_read_only(joomla):
    with (
        JoomlaSource(joomla.url) as source,
        pytest.raises(pymysql.MySQLError),
        source.connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM jos_content")
    assert joomla.db.cursor().execute("SELECT id FROM jos_content") == 7


def test_the_version_is_told_by_the_schema(joomla):
    with JoomlaSource(joomla.url) as source:
        assert source.prefix == "jos_"
        expected = "3" if joomla.version == "3" else "5"
        assert source.version["major"] == expected


def test_the_command_prints_a_summary_and_writes_the_report(
    joomla, joomla_root, mapping_file, tmp_path, capsys
):
    report_path = tmp_path / "report.json"
    call_command(
        "import_joomla",
        database=joomla.url,
        images=str(joomla_root),
        map=str(mapping_file),
        report=str(report_path),
    )
    out = capsys.readouterr().out
    assert "releases created: 5" in out
    assert "Old addresses that lead nowhere" in out and "/login" in out
    data = json.loads(report_path.read_text())
    assert data["counts"]["releases created"] == 5
    assert data["warnings_by_kind"]["trashed"] == 2
    assert {"address": "/login", "was": data["unmapped_addresses"][1]["was"]} in data[
        "unmapped_addresses"
    ]


def test_the_command_explains_a_bad_database_address():
    with pytest.raises(CommandError, match="mysql://USER:PASS@HOST:PORT/DBNAME"):
        call_command("import_joomla", database="postgres://nowhere/db")
