"""A large synthetic newsroom for measuring speed at scale.

`manage.py load_synthetic --releases 100000 --speakers 2000 --events 5000`
fills an empty database in a few minutes: rows are built in memory and
written with `bulk_create` in large batches, bypassing `save()` (which would
cost one query per row and per version check). The texts are generated from
a fixed vocabulary with a seeded random generator, so two runs build the same
site; about one release in five has a Russian translation, so that Russian
search (a Cyrillic name) finds something. Never loaded on the production path.
"""

import datetime
import random

from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from releases.models import (
    Event,
    EventKind,
    EventParticipant,
    PublicationStatus,
    Release,
    ReleaseKind,
    ReleaseSpeaker,
    Speaker,
    Topic,
)

BATCH = 2000
FIRST_DAY = datetime.date(1999, 1, 1)
# (English, Russian) pairs: names are found in either alphabet.
SURNAMES = [
    ("Lavrov", "Лавров"),
    ("Petrov", "Петров"),
    ("Ivanova", "Иванова"),
    ("Sokolov", "Соколов"),
    ("Morozova", "Морозова"),
    ("Volkov", "Волков"),
    ("Kuznetsov", "Кузнецов"),
    ("Orlova", "Орлова"),
    ("Smirnov", "Смирнов"),
    ("Fedorov", "Фёдоров"),
    ("Sharma", "Шарма"),
    ("Gupta", "Гупта"),
    ("Iyer", "Айер"),
    ("Menon", "Менон"),
    ("Reddy", "Редди"),
    ("Singh", "Сингх"),
]
FIRST_NAMES = [
    ("Sergey", "Сергей"),
    ("Anna", "Анна"),
    ("Dmitry", "Дмитрий"),
    ("Elena", "Елена"),
    ("Arjun", "Арджун"),
    ("Priya", "Прия"),
    ("Nikolai", "Николай"),
    ("Olga", "Ольга"),
]
TOPICS = [
    ("Bilateral relations", "Двусторонние отношения"),
    ("Trade and investment", "Торговля и инвестиции"),
    ("Energy", "Энергетика"),
    ("Culture", "Культура"),
    ("Education", "Образование"),
    ("Consular affairs", "Консульские вопросы"),
    ("Space", "Космос"),
    ("Defence", "Оборона"),
    ("Climate", "Климат"),
    ("Health", "Здравоохранение"),
    ("BRICS", "БРИКС"),
    ("Information security", "Информационная безопасность"),
    ("Science", "Наука"),
    ("Tourism", "Туризм"),
    ("Sport", "Спорт"),
    ("Agriculture", "Сельское хозяйство"),
    ("Transport", "Транспорт"),
    ("Digital economy", "Цифровая экономика"),
    ("Nuclear energy", "Атомная энергетика"),
    ("Multilateral diplomacy", "Многосторонняя дипломатия"),
]
WORDS = [
    "the",
    "sides",
    "discussed",
    "bilateral",
    "cooperation",
    "trade",
    "investment",
    "energy",
    "security",
    "regional",
    "situation",
    "agreement",
    "memorandum",
    "signed",
    "minister",
    "ambassador",
    "delegation",
    "visit",
    "talks",
    "partnership",
    "strategic",
    "dialogue",
    "summit",
    "economic",
    "cultural",
    "humanitarian",
    "ties",
    "development",
    "joint",
    "commission",
    "session",
    "projects",
    "nuclear",
    "space",
    "education",
    "science",
    "technology",
    "health",
    "tourism",
    "railway",
    "port",
    "defence",
    "consular",
    "citizens",
    "visa",
    "mission",
    "embassy",
    "statement",
    "press",
    "conference",
    "greeting",
    "anniversary",
    "friendship",
    "peoples",
    "mutual",
    "respect",
    "interests",
    "council",
]
WORDS_RU = [
    "стороны",
    "обсудили",
    "двустороннее",
    "сотрудничество",
    "торговля",
    "инвестиции",
    "энергетика",
    "безопасность",
    "министр",
    "посол",
    "делегация",
    "визит",
    "переговоры",
    "партнёрство",
    "стратегический",
    "диалог",
    "саммит",
    "экономический",
    "культурный",
    "соглашение",
    "меморандум",
    "подписан",
    "проекты",
]
CITIES = ["New Delhi", "Moscow", "Mumbai", "Kolkata", "Chennai", "Saint Petersburg"]


class Texts:
    """Sentences and paragraphs from the fixed vocabulary."""

    def __init__(self, seed=12):
        self.random = random.Random(seed)  # noqa: S311 - made-up texts, not secrets

    def sentence(self, words=WORDS, length=(8, 18)):
        chosen = self.random.choices(words, k=self.random.randint(*length))
        return " ".join(chosen).capitalize() + "."

    def body(self, words=WORDS, paragraphs=(4, 8), extra=""):
        """HTML of a few paragraphs, about 2 KB: a typical press release."""
        count = self.random.randint(*paragraphs)
        parts = [
            "<p>" + " ".join(self.sentence(words) for _ in range(4)) + "</p>" for _ in range(count)
        ]
        if extra:
            parts.insert(1, f"<p>{extra}</p>")
        return "".join(parts)


def bulk(model, rows):
    model.objects.bulk_create(rows, batch_size=BATCH)


def make_topics():
    bulk(
        Topic,
        [Topic(name=en, name_en=en, name_ru=ru, slug=slugify(en)) for en, ru in TOPICS],
    )
    return list(Topic.objects.order_by("pk"))


def make_speakers(count, texts):
    rows = []
    for index in range(count):
        first_en, first_ru = FIRST_NAMES[index % len(FIRST_NAMES)]
        last_en, last_ru = SURNAMES[(index // len(FIRST_NAMES)) % len(SURNAMES)]
        name_en = f"{first_en} {last_en} {index}" if index >= 128 else f"{first_en} {last_en}"
        name_ru = f"{first_ru} {last_ru} {index}" if index >= 128 else f"{first_ru} {last_ru}"
        rows.append(
            Speaker(
                name=name_en,
                name_en=name_en,
                name_ru=name_ru,
                slug=slugify(name_en),
                position_en="Minister" if index % 3 else "Ambassador",
                country_en="Russia" if index % 2 else "India",
            )
        )
    bulk(Speaker, rows)
    return list(Speaker.objects.order_by("pk"))


def publication(day, index, now):
    """One item in ten stays a draft; the rest went public on their date."""
    published_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    published_at = min(published_at, now - datetime.timedelta(hours=1))
    if index % 10 == 9:
        return {"status": PublicationStatus.DRAFT, "published_at": None}
    return {
        "status": PublicationStatus.PUBLISHED,
        "published_at": published_at,
        "first_published_at": published_at,
    }


def make_events(count, speakers, texts, now):
    span = (timezone.localdate() - FIRST_DAY).days + 60
    rows = []
    for index in range(count):
        day = FIRST_DAY + datetime.timedelta(days=index * span // count)
        title = texts.sentence(length=(4, 8))[:-1]
        rows.append(
            Event(
                title=title,
                title_en=title,
                slug=f"{slugify(title)[:60]}-{index}",
                kind=EventKind.values[index % len(EventKind.values)],
                start_date=day,
                city=CITIES[index % len(CITIES)],
                city_en=CITIES[index % len(CITIES)],
                description_en=texts.body(paragraphs=(1, 2)),
                **publication(min(day, now.date()), index, now),
            )
        )
    bulk(Event, rows)
    events = list(Event.objects.order_by("pk"))
    bulk(
        EventParticipant,
        [
            EventParticipant(
                event=event, speaker=speakers[(index * 7 + k) % len(speakers)], order=k
            )
            for index, event in enumerate(events)
            for k in range(3)
        ],
    )
    return events


def release_rows(start, stop, count, speakers, events, texts, now):
    span = (timezone.localdate() - FIRST_DAY).days
    kinds = ReleaseKind.values
    for index in range(start, stop):
        day = FIRST_DAY + datetime.timedelta(days=index * span // count)
        title = texts.sentence(length=(6, 12))[:-1]
        speaker = speakers[index % len(speakers)]
        release = Release(
            kind=kinds[index % len(kinds)],
            title=title,
            title_en=title,
            slug=f"{slugify(title)[:150]}-{index}",
            summary_en=texts.sentence(),
            body_en=texts.body(extra=f"{speaker.name_en} said the talks were constructive."),
            place_en=CITIES[index % len(CITIES)],
            date=day,
            event=events[index % len(events)] if index % 4 == 0 else None,
            **publication(day, index, now),
        )
        if index % 5 == 0:
            release.title_ru = texts.sentence(WORDS_RU, length=(5, 9))[:-1]
            release.body_ru = texts.body(WORDS_RU, extra=f"{speaker.name_ru} заявил о переговорах.")
        yield release


def make_releases(count, speakers, topics, events, texts, now):
    """In chunks, so that memory stays flat whatever the count."""
    through = Release.topics.through
    for start in range(0, count, BATCH):
        stop = min(start + BATCH, count)
        rows = Release.objects.bulk_create(
            list(release_rows(start, stop, count, speakers, events, texts, now))
        )
        links, tags = [], []
        for offset, release in enumerate(rows):
            index = start + offset
            links.append(ReleaseSpeaker(release=release, speaker=speakers[index % len(speakers)]))
            if index % 3 == 0:
                other = speakers[(index * 31 + 1) % len(speakers)]
                if other != speakers[index % len(speakers)]:
                    links.append(ReleaseSpeaker(release=release, speaker=other, order=1))
            tags.append(through(release_id=release.pk, topic_id=topics[index % len(topics)].pk))
        bulk(ReleaseSpeaker, links)
        bulk(through, tags)


def search_indexes_dropped(cursor):
    """Drop the full-text indexes of the releases and return how to make them
    again: building a GIN index once is several times faster than updating it
    row by row while 100,000 rows go in."""
    cursor.execute(
        "SELECT indexname, indexdef FROM pg_indexes "
        "WHERE tablename = 'releases_release' AND indexdef LIKE '%% USING gin %%'"
    )
    indexes = cursor.fetchall()
    for name, _definition in indexes:
        cursor.execute(f'DROP INDEX "{name}"')
    return [definition for _name, definition in indexes]


@transaction.atomic
def load(*, releases, speakers, events, log=lambda message: None):
    now = timezone.now()
    texts = Texts()
    postgres = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        indexes = []
        if postgres:
            # Foreign keys checked row by row as the rows go in, rather than
            # queued to the commit (a queue of 300,000 checks), and no
            # statement limit: building an index takes a minute.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET LOCAL statement_timeout = 0")
            indexes = search_indexes_dropped(cursor)
    topics = make_topics()
    speaker_rows = make_speakers(speakers, texts)
    event_rows = make_events(events, speaker_rows, texts, now)
    log("speakers and events in")
    make_releases(releases, speaker_rows, topics, event_rows, texts, now)
    log("releases in")
    if postgres:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            for definition in indexes:
                cursor.execute(definition)
            log("search indexes built")
            cursor.execute("ANALYZE")
