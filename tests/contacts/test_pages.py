import datetime

import lxml.html
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from contacts.models import Availability

from .factories import (
    ClosureFactory,
    ContactPointFactory,
    OfficeFactory,
    OpeningHoursFactory,
)

pytestmark = pytest.mark.django_db

# Monday 25 January 2027, the day before Republic Day.
MONDAY = datetime.date(2027, 1, 25)


def html(response):
    assert response.status_code == 200
    return lxml.html.fromstring(response.content.decode())


def text_of(element):
    return " ".join(element.text_content().split())


@pytest.fixture
def office():
    office = OfficeFactory(slug="embassy", name_en="Embassy of Russia", name_ru="Посольство России")
    ContactPointFactory(office=office, phone="+91 11 2611 0640", label_en="Switchboard")
    ContactPointFactory(office=office, fax=True)
    ContactPointFactory(office=office, emergency=True)
    for weekday in range(5):
        OpeningHoursFactory(office=office, weekday=weekday)
    return office


def test_emergency_numbers_come_first_with_audience_and_availability(client, office):
    page = html(client.get(reverse("contacts:index")))
    main = page.get_element_by_id("main")
    first_section = main.xpath(".//section")[0]
    assert "emergency" in first_section.get("class")
    link = first_section.xpath(".//a[starts-with(@href, 'tel:')]")[0]
    assert link.get("href") == "tel:+918130300551"
    assert "tel" in link.get("class").split()
    assert link.text == "+91 81303 00551"
    text = text_of(first_section)
    assert "Only for citizens of Russia in an emergency in India" in text
    assert "24 hours a day, 7 days a week" in text


def test_an_emergency_line_for_everyone_says_so(client):
    ContactPointFactory(emergency=True, audience_en="", availability=Availability.OFFICE_HOURS)
    section = html(client.get(reverse("contacts:index"))).find_class("emergency")[0]
    assert "Everyone" in text_of(section)
    assert "During office hours" in text_of(section)


def test_telephone_and_fax_numbers_are_one_tap_links_kept_left_to_right(client, office):
    page = html(client.get(office.get_absolute_url()))
    links = {a.get("href"): a for a in page.xpath("//a[starts-with(@href, 'tel:')]")}
    assert set(links) == {"tel:+911126110640", "tel:+911126873799", "tel:+918130300551"}
    for link in links.values():
        assert "tel" in link.get("class").split()
        assert link.get("dir") == "ltr"
    assert links["tel:+911126110640"].text == "+91 11 2611 0640"
    fax_item = links["tel:+911126873799"].getparent()
    assert "(fax)" in text_of(fax_item)


def test_the_address_links_to_a_map_and_embeds_nothing_from_elsewhere(client, office):
    page = html(client.get(office.get_absolute_url()))
    lines = page.find_class("postal-address")[0].xpath("text()")
    assert lines == ["Shantipath", "Chanakyapuri", "New Delhi 110021", "India"]
    hrefs = [a.get("href") for a in page.xpath("//a")]
    assert (
        "https://www.openstreetmap.org/?mlat=28.5975&mlon=77.1875#map=17/28.5975/77.1875" in hrefs
    )
    assert not page.xpath("//iframe | //script[@src] | //img[starts-with(@src, 'http')]")
    assert [s.get("type") for s in page.xpath("//script")] == ["application/ld+json"]


def test_open_now_during_hours(client, office, freeze_now):
    freeze_now(2027, 1, 25, 10, 0)
    status = html(client.get(office.get_absolute_url())).find_class("open-status")[0]
    assert text_of(status) == "Open now, closes at 13:00."


def test_closed_on_friday_evening_opens_monday(client, office, freeze_now):
    freeze_now(2027, 1, 29, 19, 0)
    status = html(client.get(office.get_absolute_url())).find_class("open-status")[0]
    assert text_of(status) == "Closed, opens on Monday at 09:00."


@pytest.mark.parametrize(
    ("language", "closed", "holiday"),
    [
        (
            "ru",
            "Закрыто, откроется в понедельник в 09:00.",
            "Вторник 26 января 2027: День Республики (закрыты все учреждения)",
        ),
        (
            "hi",
            "बंद, सोमवार को 09:00 बजे खुलेगा।",
            "मंगलवार 26 जनवरी 2027: गणतंत्र दिवस (सभी कार्यालय बंद)",
        ),
    ],
    ids=["ru", "hi"],
)
def test_the_open_status_and_closures_read_naturally_in_each_language(
    client, office, freeze_now, language, closed, holiday
):
    freeze_now(2027, 1, 22, 19, 0)  # Friday evening
    ClosureFactory(
        office=None,
        start_date=datetime.date(2027, 1, 26),
        reason_en="Republic Day",
        reason_ru="День Республики",
        reason_hi="गणतंत्र दिवस",
    )
    page = html(client.get(f"/{language}/contacts/{office.slug}/"))
    assert text_of(page.find_class("open-status")[0]) == closed
    assert text_of(page.find_class("closures")[0]) == holiday


def test_the_open_status_uses_the_offices_zone(client, freeze_now):
    moscow = OfficeFactory(time_zone="Europe/Moscow")
    OpeningHoursFactory(office=moscow, weekday=0)
    freeze_now(2027, 1, 25, 12, 0)  # 12:00 in New Delhi is 09:30 in Moscow
    page = html(client.get(moscow.get_absolute_url()))
    assert text_of(page.find_class("open-status")[0]) == "Open now, closes at 13:00."
    # Named as people name it (embassy.dates.zone_label), not "Europe/Moscow, UTC+03:00".
    assert "Moscow time, UTC+3" in text_of(page.find_class("tz-note")[0])


def test_a_holiday_closes_the_office_and_is_announced(client, office, freeze_now):
    freeze_now(2027, 1, 26, 10, 0)
    ClosureFactory(office=None, start_date=datetime.date(2027, 1, 26), reason_en="Republic Day")
    page = html(client.get(office.get_absolute_url()))
    assert text_of(page.find_class("open-status")[0]) == (
        "Closed today (Republic Day), opens tomorrow at 09:00."
    )
    closures = text_of(page.find_class("closures")[0])
    assert "Tuesday 26 January 2027: Republic Day (all offices closed)" in closures


def test_only_closures_of_the_next_60_days_for_this_office_or_all_are_listed(
    client, office, freeze_now
):
    freeze_now(2027, 1, 25, 10, 0)
    ClosureFactory(office=office, start_date=MONDAY + datetime.timedelta(days=60), reason_en="In")
    ClosureFactory(office=None, start_date=MONDAY + datetime.timedelta(days=61), reason_en="Late")
    ClosureFactory(office=office, start_date=MONDAY - datetime.timedelta(days=1), reason_en="Past")
    ClosureFactory(reason_en="Another office's holiday", start_date=MONDAY)
    ClosureFactory(
        office=office,
        start_date=MONDAY - datetime.timedelta(days=3),
        end_date=MONDAY,
        reason_en="Still running",
    )
    page = html(client.get(office.get_absolute_url()))
    items = [text_of(li) for li in page.find_class("closures")[0].xpath("li")]
    assert len(items) == 2
    assert items[0].endswith("Still running")
    assert items[1].endswith(": In")


def test_without_closures_the_page_says_none_are_planned(client, office):
    page = html(client.get(office.get_absolute_url()))
    assert "No closures are planned." in text_of(page)


def test_hidden_and_unknown_offices_are_not_found(client):
    hidden = OfficeFactory(is_active=False, name_en="Closed consulate")
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(reverse("contacts:vcard", args=[hidden.slug])).status_code == 404
    assert client.get("/en/contacts/no-such-office/").status_code == 404
    assert "Closed consulate" not in client.get(reverse("contacts:index")).content.decode()


def test_the_pages_are_publicly_cacheable_for_a_minute_and_set_no_cookie(client, office):
    for url in (
        reverse("contacts:index"),
        office.get_absolute_url(),
        reverse("contacts:vcard", args=[office.slug]),
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert "public" in response["Cache-Control"]
        assert "max-age=60" in response["Cache-Control"]
        assert not response.cookies


def test_the_home_page_shows_the_emergency_number(client, office):
    page = html(client.get("/en/"))
    block = page.find_class("emergency")[0]
    assert block.xpath(".//a[@href='tel:+918130300551']")
    assert "Only for citizens of Russia" in text_of(block)


def test_the_home_page_without_an_emergency_line_points_to_local_services(client):
    block = html(client.get("/en/")).find_class("emergency")[0]
    assert "112" in text_of(block)


def test_each_language_shows_its_own_texts_with_english_as_fallback(client, office):
    assert "Посольство России" in client.get("/ru/contacts/").content.decode()
    hindi = client.get("/hi/contacts/embassy/").content.decode()
    assert "Embassy of Russia" in hindi  # no Hindi name: English is shown


# Each page: its own queries, plus one for the crisis banner (notices/banner.py).
def test_the_index_makes_the_same_number_of_queries_for_one_or_many_offices(
    client, django_assert_num_queries
):
    def populate(count):
        for _ in range(count):
            office = OfficeFactory()
            ContactPointFactory(office=office)
            ContactPointFactory(office=office, emergency=True)
            ContactPointFactory(office=office, protected_email=True)
            OpeningHoursFactory(office=office)
            OpeningHoursFactory(office=office, service_en="Telephone enquiries")
            ClosureFactory(office=office, start_date=timezone.localdate())
        ClosureFactory(office=None, start_date=timezone.localdate())

    populate(1)
    with django_assert_num_queries(5):
        client.get(reverse("contacts:index"))
    populate(3)
    with django_assert_num_queries(5):
        response = client.get(reverse("contacts:index"))
    assert len(html(response).find_class("office")) == 4


def test_the_office_page_and_vcard_make_a_fixed_number_of_queries(
    client, office, django_assert_num_queries
):
    with django_assert_num_queries(5):
        client.get(office.get_absolute_url())
    ContactPointFactory(office=office, emergency=True, phone="+91 11 2611 0641")
    with django_assert_num_queries(5):
        client.get(office.get_absolute_url())
    with django_assert_num_queries(3):
        client.get(reverse("contacts:vcard", args=[office.slug]))


def test_more_emergency_lines_add_no_query_to_the_home_page(client, office, count_queries):
    # Only the difference matters here: the home page belongs to the releases app.
    before = count_queries(lambda: client.get("/en/"))
    ContactPointFactory(emergency=True, phone="+91 11 2611 0641")
    ContactPointFactory(emergency=True, phone="+91 11 2611 0642")
    assert count_queries(lambda: client.get("/en/")) == before
    response = client.get("/en/")
    assert len(html(response).xpath("//ul[@class='emergency-numbers']/li")) == 3


@pytest.mark.parametrize(
    "path",
    [
        "/en/contacts/?q=" + "x" * 10_000,
        "/en/contacts/embassy/?" + "a=" + "%F0%9F%92%A5" * 3000,
        "/en/contacts/embassy/vcard/?x=%00%ff%fe" + "y" * 10_000,
        "/en/contacts/%E2%80%AEyssabme/",
        "/en/contacts/%F0%9F%8F%9B%EF%B8%8F/",
        "/en/contacts/embassy%00/",
        "/en/contacts/e-mail/99999999999999999999999/",
        "/en/contacts/e-mail/1/?" + "z" * 10_000,
    ],
)
def test_hostile_addresses_never_cause_a_server_error(client, office, path):
    assert client.get(path).status_code in {200, 400, 404}
    assert client.post(path, {"x": "\u202e" * 1000}).status_code in {200, 400, 404, 405}


def test_odd_unicode_in_office_texts_is_shown_safely(client):
    odd = OfficeFactory(
        name_en="Консульство ‮ evil‬ 🏛️ e\u0301 </script><script>alert(1)</script>",
        visitor_notes_en="<b>bold?</b> \u200b zero-width",
    )
    response = client.get(odd.get_absolute_url())
    body = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert(1)" not in body
    assert "<b>bold?</b>" not in body
    with translation.override("en"):
        assert client.get(reverse("contacts:vcard", args=[odd.slug])).status_code == 200


def test_the_index_and_home_page_follow_every_change_and_the_clock(client, office, freeze_now):
    """The offices, closures and emergency lines are read once per content
    version: an edit shows on the next request, and "open now" still moves
    with the minute."""
    freeze_now(2027, 1, 25, 12, 59)
    index = reverse("contacts:index")
    assert "Open now" in text_of(html(client.get(index)).find_class("open-status")[0])
    assert "tel:+918130300551" in client.get("/en/").text
    freeze_now(2027, 1, 25, 13, 1)
    assert "Closed" in text_of(html(client.get(index)).find_class("open-status")[0])

    line = office.contact_points.get(kind="emergency")
    line.phone = "+91 99 1111 2222"
    line.save()
    ClosureFactory(office=None, start_date=datetime.date(2027, 1, 27), reason_en="Sudden closure")
    assert "tel:+919911112222" in client.get("/en/").text
    page = client.get(index).text
    assert "tel:+919911112222" in page
    assert "Sudden closure" in page
    office.is_active = False
    office.save()
    assert "Embassy of Russia" not in client.get(index).text
