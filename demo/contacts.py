"""Demo contacts, written for this project.

The address and the telephone numbers are those the embassy's old site
(2018) published; the e-mail addresses are placeholders under example.org
(the old site hid the real ones), and the hours and visitor notes are
made up for the demo. `manage.py load_demo` loads this; it is never loaded
on the production path.
"""

import datetime
from collections import Counter

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from contacts.models import (
    Availability,
    Closure,
    ClosureKind,
    ContactKind,
    ContactPoint,
    Office,
    OfficeKind,
    OpeningHours,
)
from services.models import Service

EMBASSY = {
    "kind": OfficeKind.EMBASSY,
    "name_en": "Embassy of the Russian Federation in India",
    "name_ru": "Посольство Российской Федерации в Республике Индия",
    "name_hi": "भारत में रूसी संघ का दूतावास",
    "address_line_1_en": "Shantipath",
    "address_line_1_ru": "Шантипатх",
    "address_line_1_hi": "शांतिपथ",
    "locality_en": "Chanakyapuri",
    "locality_ru": "Чанакьяпури",
    "locality_hi": "चाणक्यपुरी",
    "city_en": "New Delhi",
    "city_ru": "Нью-Дели",
    "city_hi": "नई दिल्ली",
    "postal_code": "110021",
    "country_en": "India",
    "country_ru": "Индия",
    "country_hi": "भारत",
    "latitude": "28.597500",
    "longitude": "77.187500",
    "time_zone": "Asia/Kolkata",
    "visitor_notes_en": "Bring a passport or another identity document. Bags and phones may have to be left at the security desk at the entrance.",
    "visitor_notes_ru": "Возьмите с собой паспорт или другой документ, удостоверяющий личность. Сумки и телефоны, возможно, придётся оставить на посту охраны у входа.",
    "visitor_notes_hi": "अपना पासपोर्ट या कोई अन्य पहचान पत्र साथ लाएँ। बैग और फ़ोन प्रवेश द्वार पर सुरक्षा डेस्क पर जमा करने पड़ सकते हैं।",
    "order": 0,
    "is_active": True,
}

SWITCHBOARD = {"label_en": "Switchboard", "label_ru": "Коммутатор", "label_hi": "स्विचबोर्ड"}
TELEPHONE = {"label_en": "Telephone", "label_ru": "Телефон", "label_hi": "टेलीफ़ोन"}

# (kind, value, texts, availability, protected)
CONTACT_POINTS = [
    (
        ContactKind.EMERGENCY,
        "+91 81 3030 0551",
        {
            "label_en": "Emergency line",
            "label_ru": "Экстренная линия",
            "label_hi": "आपातकालीन लाइन",
            "audience_en": "Only for citizens of Russia in an emergency in India",
            "audience_ru": "Только для граждан России, попавших в экстренную ситуацию в Индии",
            "audience_hi": "केवल भारत में आपात स्थिति में फँसे रूसी नागरिकों के लिए",
        },
        Availability.ALWAYS,
        False,
    ),
    (ContactKind.TELEPHONE, "+91 11 2611 0640", SWITCHBOARD, Availability.OFFICE_HOURS, False),
    (ContactKind.TELEPHONE, "+91 11 2611 0641", SWITCHBOARD, Availability.OFFICE_HOURS, False),
    (ContactKind.TELEPHONE, "+91 11 2611 0642", SWITCHBOARD, Availability.OFFICE_HOURS, False),
    (ContactKind.TELEPHONE, "+91 11 2687 3802", TELEPHONE, Availability.OFFICE_HOURS, False),
    (ContactKind.TELEPHONE, "+91 11 2687 3799", TELEPHONE, Availability.OFFICE_HOURS, False),
    (
        ContactKind.EMAIL,
        "embassy@example.org",
        {
            "label_en": "General enquiries",
            "label_ru": "Общие вопросы",
            "label_hi": "सामान्य पूछताछ",
        },
        Availability.OFFICE_HOURS,
        False,
    ),
    (
        ContactKind.EMAIL,
        "consular@example.org",
        {
            "label_en": "Consular section",
            "label_ru": "Консульский отдел",
            "label_hi": "कांसुलर अनुभाग",
        },
        Availability.OFFICE_HOURS,
        True,
    ),
]

WEEKDAYS = range(0, 5)
# service names, then (weekdays, opens, closes) slots
OPENING_HOURS = [
    (
        {
            "service_en": "Consular reception",
            "service_ru": "Консульский приём",
            "service_hi": "कांसुलर सेवाएँ",
        },
        [(WEEKDAYS, "09:00", "13:00")],
    ),
    (
        {
            "service_en": "Telephone enquiries",
            "service_ru": "Справки по телефону",
            "service_hi": "टेलीफ़ोन पूछताछ",
        },
        [(WEEKDAYS, "09:00", "13:00"), (WEEKDAYS, "14:00", "17:00")],
    ),
    (
        {
            "service_en": "Visa documents",
            "service_ru": "Визовые документы",
            "service_hi": "वीज़ा दस्तावेज़",
        },
        [((1, 3), "15:00", "16:30")],
    ),
]

# Public holidays (month, day, number of days) on which every office closes.
HOLIDAYS = [
    (
        (1, 1),
        2,
        ClosureKind.HOME_HOLIDAY,
        "New Year holidays",
        "Новогодние каникулы",
        "नव वर्ष की छुट्टियाँ",
    ),
    (
        (1, 7),
        1,
        ClosureKind.HOME_HOLIDAY,
        "Orthodox Christmas",
        "Рождество Христово",
        "रूढ़िवादी क्रिसमस",
    ),
    ((1, 26), 1, ClosureKind.HOST_HOLIDAY, "Republic Day", "День Республики", "गणतंत्र दिवस"),
    (
        (2, 23),
        1,
        ClosureKind.HOME_HOLIDAY,
        "Defender of the Fatherland Day",
        "День защитника Отечества",
        "पितृभूमि रक्षक दिवस",
    ),
    (
        (3, 8),
        1,
        ClosureKind.HOME_HOLIDAY,
        "International Women's Day",
        "Международный женский день",
        "अंतर्राष्ट्रीय महिला दिवस",
    ),
    (
        (5, 1),
        1,
        ClosureKind.HOME_HOLIDAY,
        "Spring and Labour Day",
        "Праздник Весны и Труда",
        "वसंत और श्रम दिवस",
    ),
    ((5, 9), 1, ClosureKind.HOME_HOLIDAY, "Victory Day", "День Победы", "विजय दिवस"),
    ((6, 12), 1, ClosureKind.HOME_HOLIDAY, "Russia Day", "День России", "रूस दिवस"),
    (
        (8, 15),
        1,
        ClosureKind.HOST_HOLIDAY,
        "Independence Day of India",
        "День независимости Индии",
        "स्वतंत्रता दिवस",
    ),
    (
        (10, 2),
        1,
        ClosureKind.HOST_HOLIDAY,
        "Gandhi Jayanti",
        "День рождения Махатмы Ганди",
        "गांधी जयंती",
    ),
    (
        (11, 4),
        1,
        ClosureKind.HOME_HOLIDAY,
        "Unity Day",
        "День народного единства",
        "राष्ट्रीय एकता दिवस",
    ),
]
# How many of the coming holidays the demo shows, and the window in which at
# least one must fall (the contacts pages list the next 60 days).
UPCOMING_HOLIDAYS = 4
SOON_DAYS = 60


def _next_occurrence(month, day, today):
    date = datetime.date(today.year, month, day)
    return date if date >= today else date.replace(year=today.year + 1)


def _closures(today):
    """The next few holidays after `today`; if none falls in the next 60 days
    (mid-June to mid-August has none), a made-up training day does."""
    upcoming = sorted(
        (_next_occurrence(*md, today), length, kind, texts) for md, length, kind, *texts in HOLIDAYS
    )[:UPCOMING_HOLIDAYS]
    rows = [
        (None, start, start + datetime.timedelta(days=length - 1), kind, texts)
        for start, length, kind, texts in upcoming
    ]
    if upcoming[0][0] > today + datetime.timedelta(days=SOON_DAYS):
        training = today + datetime.timedelta(days=20)
        texts = ["Staff training day", "День учёбы сотрудников", "कर्मचारी प्रशिक्षण दिवस"]
        rows.append(("embassy", training, training, ClosureKind.OTHER, texts))
    return rows


@transaction.atomic
def load():
    """Add whatever of the demo contacts is missing. The office is found by
    its slug and, if it exists, left as it is with its contact points and
    hours: they are the user's now. Closures depend on today's date, so the
    coming ones are added by date and kind. Returns how many were added."""
    counts = Counter()
    office, created = Office.objects.get_or_create(slug="embassy", defaults=EMBASSY)
    counts["offices"] += created
    counts["contact points"] += _add_contact_points(office) if created else 0
    counts["opening-hours slots"] += _add_opening_hours(office) if created else 0
    for office_slug, start, end, kind, (reason_en, reason_ru, reason_hi) in _closures(
        timezone.localdate()
    ):
        _closure, created = Closure.objects.get_or_create(
            office=office if office_slug else None,
            start_date=start,
            kind=kind,
            defaults={
                "end_date": end if end != start else None,
                "reason_en": reason_en,
                "reason_ru": reason_ru,
                "reason_hi": reason_hi,
            },
        )
        counts["closures"] += created
    return counts


def _add_contact_points(office):
    for order, (kind, value, texts, availability, protected) in enumerate(CONTACT_POINTS):
        field = "email" if kind == ContactKind.EMAIL else "phone"
        ContactPoint.objects.create(
            office=office,
            kind=kind,
            **{field: value},
            **texts,
            availability=availability,
            is_protected=protected,
            order=order * 10,
        )
    return len(CONTACT_POINTS)


def _add_opening_hours(office):
    added = 0
    for names, slots in OPENING_HOURS:
        for weekdays, opens, closes in slots:
            for weekday in weekdays:
                OpeningHours.objects.create(
                    office=office,
                    weekday=weekday,
                    opens=opens,
                    closes=closes,
                    service=_hours_service(office, names),
                )
                added += 1
    return added


def _hours_service(office, names):
    """The service a timetable belongs to, found by its English name. These
    are timetables, not service pages: hidden until staff write a page."""
    service = Service.objects.filter(name_en=names["service_en"]).first()
    if service is None:
        service = Service.objects.create(
            slug=slugify(names["service_en"]),
            is_active=False,
            **{key.replace("service_", "name_"): value for key, value in names.items()},
        )
    service.offices.add(office)
    return service
