"""Names of people and places in any grammatical case: Russian declines them
("Сергей Лавров", "визит Сергея Лаврова", "Сергею Лаврову"), and PostgreSQL's
Russian stemmer reads some of those forms as different words."""

import datetime

import pytest

from releases.discovery.search import ReleaseSearch
from releases.models import Release
from tests.factories import ReleaseFactory

from .helpers import on_postgresql, on_sqlite

pytestmark = pytest.mark.django_db

LAVROV = ["Сергей Лавров в Дели", "Интервью Сергея Лаврова", "Вопросы Сергею Лаврову"]
MEDVEDEV = ["Дмитрий Медведев в Мумбаи", "Визит Дмитрия Медведева"]


def publish(*titles):
    """One release per Russian title, each a day older than the one before."""
    for age, title in enumerate(titles):
        ReleaseFactory(
            published=True,
            title_en=f"Release {age}",
            title_ru=title,
            date=datetime.date(2018, 2, 16) - datetime.timedelta(days=age),
        )


def found(q, language="ru"):
    """The titles, in the page's language, found for `q`, best first."""
    releases = ReleaseSearch(q, language).rank(Release.objects.published())
    return list(releases.values_list(f"title_{language}", flat=True))


@on_postgresql
@pytest.mark.parametrize("query", ["Лавров", "Лаврова", "Лаврову"])
def test_a_surname_in_any_case_finds_all_its_cases(query):
    publish(*LAVROV)

    assert sorted(found(query)) == sorted(LAVROV)


@on_postgresql
@pytest.mark.parametrize("query", ["Медведев", "Медведева"])
def test_a_surname_in_ov_or_ev_finds_both_cases(query):
    publish(*MEDVEDEV)

    assert sorted(found(query)) == sorted(MEDVEDEV)


@on_postgresql
def test_or_finds_each_name_in_the_genitive():
    publish("Послание Владимира Путина", "Визит Дмитрия Медведева", "Консульские часы")

    assert sorted(found("Путин OR Медведев")) == [
        "Визит Дмитрия Медведева",
        "Послание Владимира Путина",
    ]


@on_postgresql
def test_a_first_name_and_surname_in_quotes_find_them_in_another_case():
    publish(*LAVROV, "Сергей Шойгу и Лавров")

    assert sorted(found('"Сергей Лавров"')) == sorted(LAVROV)


@on_postgresql
def test_minus_excludes_a_name_in_every_case():
    publish("Визит Дмитрия Медведева", "Визит в Ченнаи")

    assert found("визит -Медведев") == ["Визит в Ченнаи"]


@on_postgresql
def test_a_place_name_finds_the_adjective_made_from_it():
    publish("75 лет назад завершилась Сталинградская битва", "Московская конференция")

    assert found("Сталинград") == ["75 лет назад завершилась Сталинградская битва"]


@on_postgresql
@pytest.mark.parametrize(
    ("query", "other_form", "exact_form"),
    [
        ("Лавров", "Интервью Сергея Лаврова", "Сергей Лавров в Дели"),
        ("Лаврова", "Вопросы Сергею Лаврову", "Интервью Сергея Лаврова"),
        ("Путин", "Послание Владимира Путина", "Владимир Путин в Нью-Дели"),
        ("Путина", "Владимир Путин в Нью-Дели", "Послание Владимира Путина"),
        ("Индия", "Посол России в Индии", "Россия и Индия"),
        ("Индии", "Россия и Индия", "Посол России в Индии"),
        ("Сталинград", "Память о Сталинграде", "Битва за Сталинград"),
        ("Сталинграде", "Битва за Сталинград", "Память о Сталинграде"),
    ],
)
def test_the_form_typed_ranks_first(query, other_form, exact_form):
    # The exact form is the older release: by date alone it would come second.
    publish(other_form, exact_form)

    assert found(query) == [exact_form, other_form]


@on_postgresql
def test_english_finds_a_possessive_and_ranks_the_word_as_typed_first():
    ReleaseFactory(
        published=True, title_en="Ministers meet in Delhi", date=datetime.date(2018, 2, 16)
    )
    ReleaseFactory(published=True, title_en="Jaishankar's meeting", date=datetime.date(2018, 2, 15))

    assert found("Jaishankar", "en") == ["Jaishankar's meeting"]
    assert found("meeting", "en") == ["Jaishankar's meeting", "Ministers meet in Delhi"]


@on_sqlite
@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("лавров", LAVROV),
        ("МЕДВЕДЕВ", MEDVEDEV),
        ("Путин OR Медведев", [*MEDVEDEV, "Послание Владимира Путина"]),
        ("Сталинград", ["75 лет назад завершилась Сталинградская битва", "Память о Сталинграде"]),
        ("Лаврова", ["Интервью Сергея Лаврова"]),
    ],
)
def test_the_sqlite_fallback_finds_the_words_typed_inside_longer_ones(query, titles):
    publish(
        *LAVROV,
        *MEDVEDEV,
        "Послание Владимира Путина",
        "75 лет назад завершилась Сталинградская битва",
        "Память о Сталинграде",
        "Посол России в Индии",
    )

    assert sorted(found(query)) == sorted(titles)
