"""Demo consular services, written for this project: four services of the
demo mission in English, Russian and Hindi, with fees in Indian rupees and
appointments by booking. The amounts, times and document lists are made up
for the demo and are not the mission's real rules. `manage.py load_demo`
loads this after the contacts (the services are offered by the demo office).
"""

import datetime
from collections import Counter
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from contacts.models import Office, OpeningHours
from services.models import (
    ApplyMethod,
    Category,
    DocumentKind,
    Fee,
    Question,
    RequiredDocument,
    Service,
)

BOOKING_URL = "https://example.org/consular-appointments/"
WEEKDAYS = range(0, 5)


def t(en, ru, hi):
    return {"en": en, "ru": ru, "hi": hi}


PASSPORT = {
    "slug": "passport-renewal",
    "category": Category.PASSPORTS,
    "order": 0,
    "name": t(
        "Renewing a passport for travel abroad",
        "Замена заграничного паспорта",
        "विदेश यात्रा के पासपोर्ट का नवीनीकरण",
    ),
    "summary": t(
        "A new passport for travel abroad when yours is about to expire, is full or was damaged.",
        "Новый заграничный паспорт взамен того, у которого заканчивается срок, нет свободных страниц или который повреждён.",
        "जब आपका पासपोर्ट समाप्त होने वाला हो, भर गया हो या क्षतिग्रस्त हो, तब विदेश यात्रा के लिए नया पासपोर्ट।",
    ),
    "eligibility": t(
        "Citizens of Russia who live in India or stay here for a long time.",
        "Граждане России, которые живут в Индии или находятся здесь длительное время.",
        "रूस के नागरिक जो भारत में रहते हैं या यहाँ लंबे समय से ठहरे हुए हैं।",
    ),
    "apply_notes": t(
        "Book a time online, then come in person with the documents. "
        "Fingerprints and a photo are taken at the appointment.",
        "Запишитесь на приём через сайт и приходите лично с документами. "
        "Отпечатки пальцев и фотографию снимают на приёме.",
        "ऑनलाइन समय बुक करें, फिर दस्तावेज़ों के साथ स्वयं आएँ। अपॉइंटमेंट पर उंगलियों के निशान और फ़ोटो लिए जाते हैं।",
    ),
    "processing_time": t("About three months", "Около трёх месяцев", "लगभग तीन महीने"),
    "processing_days": 60,
    "documents": [
        (
            DocumentKind.FORM,
            t("Application form", "Заявление", "आवेदन पत्र"),
            t("", "", ""),
            t(
                "Filled in online and printed.",
                "Заполняется на сайте и распечатывается.",
                "ऑनलाइन भरकर प्रिंट किया हुआ।",
            ),
        ),
        (
            DocumentKind.ORIGINAL_AND_COPY,
            t("Internal passport of Russia", "Общегражданский паспорт", "रूस का आंतरिक पासपोर्ट"),
            t("", "", ""),
            t(
                "If you have one; the pages with your details and address.",
                "Если он у вас есть; страницы с данными и пропиской.",
                "यदि आपके पास हो; विवरण और पते वाले पृष्ठ।",
            ),
        ),
        (
            DocumentKind.ORIGINAL,
            t("Your current passport", "Действующий заграничный паспорт", "आपका वर्तमान पासपोर्ट"),
            t("Renewal", "Замена", "नवीनीकरण"),
            t("", "", ""),
        ),
        (
            DocumentKind.PHOTO,
            t("Two colour photographs", "Две цветные фотографии", "दो रंगीन फ़ोटो"),
            t("", "", ""),
            t(
                "35 × 45 mm, on a plain light background, taken in the last six months.",
                "35 × 45 мм, на светлом однотонном фоне, сделанные не раньше чем полгода назад.",
                "35 × 45 मिमी, सादी हल्की पृष्ठभूमि पर, पिछले छह महीनों में खींची गई।",
            ),
        ),
        (
            DocumentKind.ORIGINAL_AND_COPY,
            t(
                "Indian visa or residence permit",
                "Индийская виза или вид на жительство",
                "भारतीय वीज़ा या निवास परमिट",
            ),
            t("", "", ""),
            t("", "", ""),
        ),
    ],
    "fees": [
        (t("Adult", "Взрослый", "वयस्क"), "6000", -400),
        (t("Child under 14", "Ребёнок до 14 лет", "14 वर्ष से कम आयु का बच्चा"), "3000", -400),
        # A scheduled change: the page shows "from …" beside today's fee.
        (t("Adult", "Взрослый", "वयस्क"), "6500", 90),
    ],
    "payment": t("By card at the window", "Картой в окне приёма", "खिड़की पर कार्ड से"),
    "questions": [
        (
            t(
                "Can someone else collect my new passport?",
                "Может ли кто-то другой получить мой новый паспорт?",
                "क्या कोई और मेरा नया पासपोर्ट ले सकता है?",
            ),
            t(
                "No. You collect it yourself, bringing the old passport.",
                "Нет. Паспорт получают лично, со старым паспортом.",
                "नहीं। आप पुराना पासपोर्ट लेकर इसे स्वयं लेते हैं।",
            ),
        ),
    ],
    "hours": [(WEEKDAYS, "09:30", "12:30")],
}

BIRTH = {
    "slug": "birth-registration",
    "category": Category.CIVIL_REGISTRATION,
    "order": 0,
    "name": t("Registering a birth", "Регистрация рождения", "जन्म का पंजीकरण"),
    "summary": t(
        "A Russian birth certificate for a child born in India to a parent who is a citizen of Russia.",
        "Российское свидетельство о рождении для ребёнка, родившегося в Индии, если хотя бы один родитель — гражданин России.",
        "भारत में जन्मे उस बच्चे के लिए रूसी जन्म प्रमाणपत्र जिसके माता या पिता रूस के नागरिक हैं।",
    ),
    "eligibility": t(
        "Parents of a child born in India, at least one of them a citizen of Russia.",
        "Родители ребёнка, родившегося в Индии, если хотя бы один из них — гражданин России.",
        "भारत में जन्मे बच्चे के माता-पिता, जिनमें से कम से कम एक रूस का नागरिक हो।",
    ),
    "apply_notes": t(
        "Both parents come to the appointment if they can.",
        "По возможности на приём приходят оба родителя.",
        "यदि संभव हो तो माता-पिता दोनों अपॉइंटमेंट पर आएँ।",
    ),
    "processing_time": t("On the day of the appointment", "В день приёма", "अपॉइंटमेंट के दिन ही"),
    "processing_days": 1,
    "documents": [
        (
            DocumentKind.ORIGINAL,
            t(
                "Indian birth certificate",
                "Индийское свидетельство о рождении",
                "भारतीय जन्म प्रमाणपत्र",
            ),
            t("", "", ""),
            t("", "", ""),
        ),
        (
            DocumentKind.TRANSLATION,
            t(
                "Translation of the birth certificate into Russian",
                "Перевод свидетельства о рождении на русский язык",
                "जन्म प्रमाणपत्र का रूसी अनुवाद",
            ),
            t("", "", ""),
            t("", "", ""),
        ),
        (
            DocumentKind.ORIGINAL,
            t("Passports of both parents", "Паспорта обоих родителей", "माता-पिता दोनों के पासपोर्ट"),
            t("", "", ""),
            t("", "", ""),
        ),
        (
            DocumentKind.ORIGINAL_AND_COPY,
            t(
                "Marriage certificate of the parents",
                "Свидетельство о браке родителей",
                "माता-पिता का विवाह प्रमाणपत्र",
            ),
            t("", "", ""),
            t(
                "If the parents are married.",
                "Если родители состоят в браке.",
                "यदि माता-पिता विवाहित हैं।",
            ),
        ),
    ],
    "fees": [(t("Registration", "Регистрация", "पंजीकरण"), "0", -400)],
    "payment": t("", "", ""),
    "questions": [],
    "hours": [((0, 2), "14:00", "16:00")],
}

ATTORNEY = {
    "slug": "power-of-attorney",
    "category": Category.NOTARIAL,
    "order": 0,
    "name": t("Power of attorney", "Доверенность", "मुख़्तारनामा"),
    "summary": t(
        "A consular officer certifies a power of attorney, so that someone in Russia can act for you.",
        "Консул удостоверяет доверенность, чтобы кто-то в России мог действовать от вашего имени.",
        "कांसुलर अधिकारी मुख़्तारनामा प्रमाणित करते हैं, ताकि रूस में कोई आपकी ओर से काम कर सके।",
    ),
    "eligibility": t(
        "Anyone who needs a document valid in Russia.",
        "Все, кому нужен документ, действительный в России.",
        "कोई भी व्यक्ति जिसे रूस में मान्य दस्तावेज़ चाहिए।",
    ),
    "apply_notes": t(
        "Send the draft text by e-mail before the appointment.",
        "Пришлите проект текста по электронной почте до приёма.",
        "अपॉइंटमेंट से पहले मसौदा ई-मेल से भेजें।",
    ),
    "processing_time": t("On the day of the appointment", "В день приёма", "अपॉइंटमेंट के दिन ही"),
    "processing_days": 1,
    "documents": [
        (
            DocumentKind.ORIGINAL,
            t("Your passport", "Ваш паспорт", "आपका पासपोर्ट"),
            t("", "", ""),
            t("", "", ""),
        ),
        (
            DocumentKind.COPY,
            t(
                "Passport details of the person you authorise",
                "Паспортные данные доверенного лица",
                "जिसे आप अधिकृत करते हैं उसके पासपोर्ट का विवरण",
            ),
            t("", "", ""),
            t("", "", ""),
        ),
        (
            DocumentKind.ORIGINAL_AND_COPY,
            t(
                "Papers of the property concerned",
                "Документы на имущество, о котором идёт речь",
                "संबंधित संपत्ति के काग़ज़ात",
            ),
            t("For property", "Для имущества", "संपत्ति के लिए"),
            t("", "", ""),
        ),
    ],
    "fees": [
        (t("Standard", "Обычная", "सामान्य"), "2500", -400),
        (t("For property", "Для имущества", "संपत्ति के लिए"), "4000", -400),
    ],
    "payment": t("By card at the window", "Картой в окне приёма", "खिड़की पर कार्ड से"),
    "questions": [],
    "hours": [(WEEKDAYS, "10:00", "12:00")],
}

PENSION = {
    "slug": "certificate-of-residence-for-a-pension",
    "category": Category.PENSIONS,
    "order": 0,
    "name": t(
        "Certificate of residence for a pension",
        "Справка о проживании для пенсии",
        "पेंशन के लिए निवास प्रमाणपत्र",
    ),
    "summary": t(
        "Confirms that a pensioner is alive and lives in India, for the pension fund in Russia.",
        "Подтверждает для пенсионного фонда в России, что пенсионер жив и живёт в Индии.",
        "रूस के पेंशन कोष के लिए पुष्टि करता है कि पेंशनभोगी जीवित है और भारत में रहता है।",
    ),
    "eligibility": t(
        "People who receive a Russian pension and live in India.",
        "Получатели российской пенсии, живущие в Индии.",
        "भारत में रहने वाले रूसी पेंशन पाने वाले लोग।",
    ),
    "apply_notes": t(
        "Come in person; the certificate is usually needed once a year.",
        "Приходите лично; справка обычно нужна раз в год.",
        "स्वयं आएँ; यह प्रमाणपत्र आमतौर पर साल में एक बार चाहिए होता है।",
    ),
    "processing_time": t("On the day of the appointment", "В день приёма", "अपॉइंटमेंट के दिन ही"),
    "processing_days": 1,
    "documents": [
        (
            DocumentKind.ORIGINAL,
            t("Your passport", "Ваш паспорт", "आपका पासपोर्ट"),
            t("", "", ""),
            t("", "", ""),
        ),
        (
            DocumentKind.ORIGINAL_AND_COPY,
            t(
                "Proof of your address in India",
                "Подтверждение адреса в Индии",
                "भारत में आपके पते का प्रमाण",
            ),
            t("", "", ""),
            t(
                "E.g. a rental agreement or an electricity bill.",
                "Например, договор аренды или счёт за электричество.",
                "जैसे किराया अनुबंध या बिजली का बिल।",
            ),
        ),
    ],
    "fees": [(t("Certificate", "Справка", "प्रमाणपत्र"), "0", -400)],
    "payment": t("", "", ""),
    "questions": [],
    "hours": [((1, 3), "10:00", "12:00")],
}

SERVICES = [PASSPORT, BIRTH, ATTORNEY, PENSION]


def translated(name, texts):
    return {f"{name}_{language}": text or None for language, text in texts.items()}


@transaction.atomic
def load():
    """Add the demo services that are missing (found by slug). A service that
    exists is left as staff left it, with its documents, fees and hours."""
    counts = Counter()
    office = Office.objects.filter(slug="embassy").first()
    today = timezone.localdate()
    for data in SERVICES:
        if Service.objects.filter(slug=data["slug"]).exists():
            continue
        service = _create(data, today)
        counts["services"] += 1
        if office is not None:
            service.offices.add(office)
            counts["opening-hours slots"] += _add_hours(service, office, data["hours"])
    return counts


def _create(data, today):
    service = Service.objects.create(
        slug=data["slug"],
        category=data["category"],
        order=data["order"],
        apply_method=ApplyMethod.APPOINTMENT,
        apply_url=BOOKING_URL,
        processing_days=data["processing_days"],
        last_checked_on=today,
        **translated("name", data["name"]),
        **translated("summary", data["summary"]),
        **translated("eligibility", data["eligibility"]),
        **translated("apply_notes", data["apply_notes"]),
        **translated("processing_time", data["processing_time"]),
    )
    for number, (kind, name, variant, note) in enumerate(data["documents"], start=1):
        RequiredDocument.objects.create(
            service=service,
            order=number,
            kind=kind,
            **translated("name", name),
            **translated("variant", variant),
            **translated("note", note),
        )
    for variant, amount, days in data["fees"]:
        Fee.objects.create(
            service=service,
            amount=Decimal(amount),
            currency="INR",
            valid_from=today + datetime.timedelta(days=days),
            **translated("variant", variant),
            **translated("how_to_pay", data["payment"]),
        )
    for order, (question, answer) in enumerate(data["questions"]):
        Question.objects.create(
            service=service,
            order=order,
            **translated("question", question),
            **translated("answer", answer),
        )
    return service


def _add_hours(service, office, hours):
    added = 0
    for weekdays, opens, closes in hours:
        for weekday in weekdays:
            OpeningHours.objects.create(
                office=office, service=service, weekday=weekday, opens=opens, closes=closes
            )
            added += 1
    return added
