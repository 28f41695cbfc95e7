"""Demo content for the newsroom, written for this project.

The facts (who, when, where) come from the embassy's old site of 2018; the
wording is our own. `manage.py load_demo` loads it; it is never loaded on the
production path.
"""

import datetime
from collections import Counter

from django.db import transaction
from django.utils import timezone

from releases.models import (
    Event,
    EventKind,
    EventParticipant,
    EventStatus,
    PublicationStatus,
    Release,
    ReleaseKind,
    ReleaseSpeaker,
    Speaker,
    Topic,
)

TOPICS = {
    "information-security": {
        "name_en": "Information security",
        "name_ru": "Информационная безопасность",
        "name_hi": "सूचना सुरक्षा",
    },
    "bilateral-relations": {
        "name_en": "Bilateral relations",
        "name_ru": "Двусторонние отношения",
        "name_hi": "द्विपक्षीय संबंध",
    },
    "brics": {"name_en": "BRICS", "name_ru": "БРИКС", "name_hi": "ब्रिक्स"},
    "diplomatic-service": {
        "name_en": "Diplomatic service",
        "name_ru": "Дипломатическая служба",
        "name_hi": "राजनयिक सेवा",
    },
    "culture-and-education": {
        "name_en": "Culture and education",
        "name_ru": "Культура и образование",
        "name_hi": "संस्कृति और शिक्षा",
    },
    "consular-matters": {
        "name_en": "Consular matters",
        "name_ru": "Консульские вопросы",
        "name_hi": "कांसुलर मामले",
    },
}

SPEAKERS = {
    "sergey-lavrov": {
        "name_en": "Sergey Lavrov",
        "name_ru": "Сергей Лавров",
        "name_hi": "सर्गेई लावरोव",
        "position_en": "Minister of Foreign Affairs",
        "position_ru": "Министр иностранных дел",
        "position_hi": "विदेश मंत्री",
        "organisation_en": "Russian Federation",
        "organisation_ru": "Российская Федерация",
        "organisation_hi": "रूसी संघ",
        "country_en": "Russia",
        "country_ru": "Россия",
        "country_hi": "रूस",
    },
    "vladimir-putin": {
        "name_en": "Vladimir Putin",
        "name_ru": "Владимир Путин",
        "name_hi": "व्लादिमीर पुतिन",
        "position_en": "President",
        "position_ru": "Президент",
        "position_hi": "राष्ट्रपति",
        "organisation_en": "Russian Federation",
        "organisation_ru": "Российская Федерация",
        "organisation_hi": "रूसी संघ",
        "country_en": "Russia",
        "country_ru": "Россия",
        "country_hi": "रूस",
    },
    "dmitry-medvedev": {
        "name_en": "Dmitry Medvedev",
        "name_ru": "Дмитрий Медведев",
        "name_hi": "दमित्री मेदवेदेव",
        "position_en": "Prime Minister (2012–2020)",
        "position_ru": "Председатель Правительства (2012–2020)",
        "position_hi": "प्रधानमंत्री (2012–2020)",
        "organisation_en": "Government of the Russian Federation",
        "organisation_ru": "Правительство Российской Федерации",
        "organisation_hi": "रूसी संघ की सरकार",
        "country_en": "Russia",
        "country_ru": "Россия",
        "country_hi": "रूस",
    },
    "rajinder-khanna": {
        "name_en": "Rajinder Khanna",
        "name_ru": "Раджиндер Кханна",
        "name_hi": "राजिंदर खन्ना",
        "honorific_en": "Mr",
        "honorific_ru": "г-н",
        "honorific_hi": "श्री",
        "position_en": "Deputy National Security Adviser",
        "position_ru": "Заместитель советника по национальной безопасности",
        "position_hi": "उप राष्ट्रीय सुरक्षा सलाहकार",
        "organisation_en": "Government of India",
        "organisation_ru": "Правительство Индии",
        "organisation_hi": "भारत सरकार",
        "country_en": "India",
        "country_ru": "Индия",
        "country_hi": "भारत",
    },
    "gulshan-rai": {
        "name_en": "Gulshan Rai",
        "name_ru": "Гулшан Рай",
        "name_hi": "गुलशन राय",
        "honorific_en": "Dr",
        "honorific_ru": "д-р",
        "honorific_hi": "डॉ.",
        "position_en": "National Cyber Security Coordinator",
        "position_ru": "Национальный координатор по кибербезопасности",
        "position_hi": "राष्ट्रीय साइबर सुरक्षा समन्वयक",
        "organisation_en": "Government of India",
        "organisation_ru": "Правительство Индии",
        "organisation_hi": "भारत सरकार",
        "country_en": "India",
        "country_ru": "Индия",
        "country_hi": "भारत",
    },
    "oleg-khramov": {
        "name_en": "Oleg Khramov",
        "name_ru": "Олег Храмов",
        "name_hi": "ओलेग ख्रामोव",
        "honorific_en": "Mr",
        "honorific_ru": "г-н",
        "honorific_hi": "श्री",
        "position_en": "Deputy Secretary of the Security Council",
        "position_ru": "Заместитель Секретаря Совета Безопасности",
        "position_hi": "सुरक्षा परिषद के उप सचिव",
        "organisation_en": "Security Council of the Russian Federation",
        "organisation_ru": "Совет Безопасности Российской Федерации",
        "organisation_hi": "रूसी संघ की सुरक्षा परिषद",
        "country_en": "Russia",
        "country_ru": "Россия",
        "country_hi": "रूस",
    },
}

ICT_BODY_EN = """
<p>India and Russia held the second round of their consultations on security in the use of information and communication technologies in New Delhi on 15 and 16 February 2018.</p>
<p>The talks take forward the intergovernmental agreement on cooperation in this field that the two countries concluded on 15 October 2016, during the eighth BRICS summit in Goa.</p>
<p>Mr Rajinder Khanna, Deputy National Security Adviser, headed the Indian side, working together with Dr Gulshan Rai, the National Cyber Security Coordinator. Mr Oleg Khramov, Deputy Secretary of the Security Council of the Russian Federation, headed the Russian side.</p>
<p>The delegations compared their assessment of threats arising from the use of ICTs and agreed to deepen contacts between the specialised agencies of both countries. They discussed exchanging information on new threats, building capacity, and working together against the use of ICTs for criminal and terrorist ends.</p>
<p>Both sides supported rules, norms and principles of responsible behaviour of states in this sphere, developed under the auspices of the United Nations, and spoke in favour of resuming the work of a UN Group of Governmental Experts on the subject.</p>
<p>During the visit the head of the Russian delegation called on India's National Security Adviser. The sides agreed to keep up a regular bilateral dialogue on these questions.</p>
"""

ICT_BODY_RU = """
<p>15 и 16 февраля 2018 года в Нью-Дели Индия и Россия провели второй раунд консультаций по вопросам безопасности в сфере использования информационно-коммуникационных технологий.</p>
<p>Консультации развивают межправительственное соглашение о сотрудничестве в этой области, которое две страны заключили 15 октября 2016 года в ходе восьмого саммита БРИКС в Гоа.</p>
<p>Индийскую сторону возглавил заместитель советника по национальной безопасности г-н Раджиндер Кханна, работавший вместе с национальным координатором по кибербезопасности д-ром Гулшаном Раем. Российскую сторону возглавил заместитель Секретаря Совета Безопасности Российской Федерации г-н Олег Храмов.</p>
<p>Делегации сопоставили оценки угроз, возникающих в связи с использованием ИКТ, и договорились углублять контакты между профильными ведомствами двух стран. Обсуждались обмен информацией о новых угрозах, наращивание потенциала и совместное противодействие использованию ИКТ в преступных и террористических целях.</p>
<p>Обе стороны поддержали правила, нормы и принципы ответственного поведения государств в этой сфере, вырабатываемые под эгидой Организации Объединённых Наций, и высказались за возобновление работы Группы правительственных экспертов ООН по этой теме.</p>
<p>В ходе визита глава российской делегации был принят советником по национальной безопасности Индии. Стороны договорились поддерживать регулярный двусторонний диалог по этим вопросам.</p>
"""


def _greeting_body(paragraphs):
    return "".join(f"<p>{text}</p>" for text in paragraphs)


RELEASES = [
    {
        "slug": "india-russia-ict-security-consultations-second-round",
        "kind": ReleaseKind.PRESS_RELEASE,
        "date": datetime.date(2018, 2, 16),
        "place_en": "New Delhi",
        "place_ru": "Нью-Дели",
        "place_hi": "नई दिल्ली",
        "title_en": "Second round of India–Russia consultations on security in the use of ICTs",
        "title_ru": "Второй раунд российско-индийских консультаций по безопасности в сфере использования ИКТ",
        "summary_en": "Delegations led by Rajinder Khanna and Oleg Khramov met in New Delhi on 15–16 February 2018.",
        "title_hi": "सूचना और संचार प्रौद्योगिकियों के उपयोग में सुरक्षा पर भारत–रूस परामर्श का दूसरा दौर",
        "summary_ru": "Делегации во главе с Раджиндером Кханной и Олегом Храмовым встретились в Нью-Дели 15–16 февраля 2018 года.",
        "summary_hi": "राजिंदर खन्ना और ओलेग ख्रामोव के नेतृत्व में दोनों प्रतिनिधिमंडल 15–16 फ़रवरी 2018 को नई दिल्ली में मिले।",
        "body_en": ICT_BODY_EN,
        "body_ru": ICT_BODY_RU,
        "event": "india-russia-ict-security-consultations-2018",
        "topics": ["information-security", "bilateral-relations", "brics"],
        "speakers": [],
    },
    {
        "slug": "lavrov-greetings-diplomats-day",
        "kind": ReleaseKind.GREETINGS,
        "date": datetime.date(2018, 2, 10),
        "place_en": "Moscow",
        "place_ru": "Москва",
        "place_hi": "मॉस्को",
        "title_en": "Foreign Minister Sergey Lavrov's greetings on Diplomats' Day",
        "title_ru": "Поздравление Министра иностранных дел Сергея Лаврова с Днём дипломатического работника",
        "title_hi": "राजनयिक दिवस पर विदेश मंत्री सर्गेई लावरोव की शुभकामनाएँ",
        "summary_en": "The Minister congratulated serving diplomats and veterans on their professional holiday.",
        "summary_ru": "Министр поздравил действующих дипломатов и ветеранов с профессиональным праздником.",
        "body_en": _greeting_body(
            [
                "The Minister congratulated the staff of the Foreign Ministry and its veterans on their professional day.",
                "He recalled that Russian diplomacy has a history of several centuries and named statesmen and writers who served in the foreign service, and he paid tribute to those who died in the Great Patriotic War and in the line of duty.",
                "Turning to the present, he said the ministry would keep working for the country's security and development, for the central role of the United Nations and for joint efforts against terrorism, and he wished his colleagues and their families health and success.",
            ]
        ),
        "body_ru": _greeting_body(
            [
                "Министр поздравил сотрудников и ветеранов Министерства иностранных дел с профессиональным праздником.",
                "Он напомнил, что у российской дипломатии многовековая история, назвал государственных деятелей и писателей, служивших по дипломатической линии, и почтил память тех, кто погиб в годы Великой Отечественной войны и при исполнении служебного долга.",
                "Говоря о сегодняшнем дне, министр сказал, что министерство и впредь будет работать на безопасность и развитие страны, за центральную роль Организации Объединённых Наций и за объединение усилий в борьбе с терроризмом, и пожелал коллегам и их семьям здоровья и успехов.",
            ]
        ),
        "speakers": [("sergey-lavrov", "Minister of Foreign Affairs", "Министр иностранных дел")],
        "event": "diplomats-day-2018",
        "topics": ["diplomatic-service"],
        "source_name_en": "Ministry of Foreign Affairs of the Russian Federation",
        "source_name_ru": "Министерство иностранных дел Российской Федерации",
        "source_url": "https://mid.ru/",
    },
    {
        "slug": "putin-greetings-diplomats-day",
        "kind": ReleaseKind.GREETINGS,
        "date": datetime.date(2018, 2, 10),
        "place_en": "Moscow",
        "place_ru": "Москва",
        "place_hi": "मॉस्को",
        "title_en": "President Vladimir Putin's greetings to Foreign Ministry staff and veterans",
        "title_ru": "Поздравление Президента России Владимира Путина сотрудникам и ветеранам МИД",
        "title_hi": "विदेश मंत्रालय के कर्मचारियों और पूर्व कर्मियों को राष्ट्रपति व्लादिमीर पुतिन की शुभकामनाएँ",
        "summary_en": "The President sent his greetings on Diplomats' Day, 10 February 2018.",
        "summary_ru": "Президент направил поздравление по случаю Дня дипломатического работника 10 февраля 2018 года.",
        "body_en": _greeting_body(
            [
                "The President greeted the employees and veterans of the Foreign Ministry on Diplomats' Day.",
                "He spoke of the service's long record and of its work to protect the rights of Russian citizens and compatriots abroad, and he named priorities: the key role of the UN, a common front against terrorism, strategic stability and non-proliferation.",
                "He also mentioned integration within the Eurasian Economic Union and cooperation in BRICS, the SCO and the CSTO, and wished the diplomats success and the veterans good health.",
            ]
        ),
        "body_ru": _greeting_body(
            [
                "Президент поздравил сотрудников и ветеранов Министерства иностранных дел с Днём дипломатического работника.",
                "Он отметил давние традиции дипломатической службы и её работу по защите прав российских граждан и соотечественников за рубежом и назвал приоритеты: ключевую роль ООН, единый фронт против терроризма, стратегическую стабильность и нераспространение.",
                "Он также упомянул интеграцию в рамках Евразийского экономического союза и сотрудничество в БРИКС, ШОС и ОДКБ, пожелал дипломатам успехов, а ветеранам — крепкого здоровья.",
            ]
        ),
        "speakers": [("vladimir-putin", "President of Russia", "Президент России")],
        "event": "diplomats-day-2018",
        "topics": ["diplomatic-service", "brics"],
        "source_name_en": "Official website of the President of Russia",
        "source_name_ru": "Официальный сайт Президента России",
        "source_url": "http://kremlin.ru/",
    },
    {
        "slug": "medvedev-greetings-diplomats-day",
        "kind": ReleaseKind.GREETINGS,
        "date": datetime.date(2018, 2, 10),
        "place_en": "Moscow",
        "place_ru": "Москва",
        "place_hi": "मॉस्को",
        "title_en": "Prime Minister Dmitry Medvedev's greetings to Foreign Ministry staff and veterans",
        "title_ru": "Поздравление Председателя Правительства Дмитрия Медведева сотрудникам и ветеранам МИД",
        "title_hi": "विदेश मंत्रालय के कर्मचारियों और पूर्व कर्मियों को प्रधानमंत्री दमित्री मेदवेदेव की शुभकामनाएँ",
        "summary_en": "The Prime Minister's message on Diplomats' Day, 10 February 2018.",
        "summary_ru": "Обращение Председателя Правительства по случаю Дня дипломатического работника 10 февраля 2018 года.",
        "body_en": _greeting_body(
            [
                "The Prime Minister congratulated the Foreign Ministry on its professional holiday.",
                "He pointed to Eurasian economic integration, diplomatic support for Russian companies and foreign investment, the rights of compatriots abroad and the promotion of the Russian language and culture as areas of the ministry's work.",
                "He wished the staff and veterans health and further achievements.",
            ]
        ),
        "body_ru": _greeting_body(
            [
                "Председатель Правительства поздравил Министерство иностранных дел с профессиональным праздником.",
                "В числе направлений работы министерства он назвал евразийскую экономическую интеграцию, дипломатическую поддержку российских компаний и привлечение иностранных инвестиций, защиту прав соотечественников за рубежом и продвижение русского языка и культуры.",
                "Он пожелал сотрудникам и ветеранам здоровья и новых достижений.",
            ]
        ),
        "speakers": [
            ("dmitry-medvedev", "Prime Minister of Russia", "Председатель Правительства России")
        ],
        "event": "diplomats-day-2018",
        "topics": ["diplomatic-service"],
        "source_name_en": "Official website of the Government of Russia",
        "source_name_ru": "Официальный сайт Правительства России",
        "source_url": "http://government.ru/",
    },
    {
        "slug": "lavrov-remarks-wreath-laying-ceremony",
        "kind": ReleaseKind.SPEECH,
        "date": datetime.date(2018, 2, 9),
        "place_en": "Moscow",
        "place_ru": "Москва",
        "place_hi": "मॉस्को",
        "title_en": "Foreign Minister Sergey Lavrov's remarks at the wreath-laying ceremony at the memorial plaques",
        "title_ru": "Выступление Министра иностранных дел Сергея Лаврова на церемонии возложения венков к мемориальным доскам",
        "summary_en": "Ahead of Diplomats' Day, the Minister honoured colleagues who died in the war, on duty or in the repressions.",
        "summary_ru": "Накануне Дня дипломатического работника Министр почтил память коллег, погибших на войне, при исполнении служебного долга или ставших жертвами репрессий.",
        "body_ru": _greeting_body(
            [
                "Каждый год накануне Дня дипломатического работника министерство возлагает венки в память о коллегах, в том числе сотрудниках внешнеторговой службы, погибших в годы Великой Отечественной войны, при исполнении служебного долга или ставших жертвами политических репрессий. Венки возлагают в Москве и на могилах в других столицах.",
                "Министр напомнил о годовщинах 2018 года: 75 лет назад завершилась Сталинградская битва и прошли Московская конференция министров иностранных дел и Тегеранская конференция, подготовившие создание Организации Объединённых Наций.",
                "По его словам, союз военных лет показал, что страны с разными взглядами способны объединиться перед лицом общей угрозы, и этот опыт нужен и сегодня.",
            ]
        ),
        "body_en": _greeting_body(
            [
                "Each year before Diplomats' Day the ministry lays wreaths in memory of colleagues, including staff of the foreign trade service, who died in the Great Patriotic War, in the line of duty or as victims of political repression. Wreaths are laid in Moscow and at graves in other capitals.",
                "The Minister recalled the anniversaries of 2018: 75 years since the Battle of Stalingrad, and since the Moscow conference of foreign ministers and the Tehran conference of 1943, which prepared the founding of the United Nations.",
                "He said the wartime alliance showed that countries with different outlooks could unite against a common threat, and that this experience is needed today.",
            ]
        ),
        "speakers": [("sergey-lavrov", "Minister of Foreign Affairs", "Министр иностранных дел")],
        "event": "wreath-laying-diplomats-day-2018",
        "topics": ["diplomatic-service"],
        "source_name_en": "Ministry of Foreign Affairs of the Russian Federation",
        "source_name_ru": "Министерство иностранных дел Российской Федерации",
        "source_url": "https://mid.ru/",
    },
]

# A few more items, in our own words, so that lists paginate and filters bite.
EXTRA_RELEASES = [
    (
        "russian-language-olympiad-new-delhi",
        ReleaseKind.NEWS,
        (2018, 1, 26),
        "Russian language olympiad for school students held in New Delhi",
        ["culture-and-education"],
    ),
    (
        "consular-section-new-appointment-system",
        ReleaseKind.NEWS,
        (2018, 1, 22),
        "Consular section introduces appointments for passport applications",
        ["consular-matters"],
    ),
    (
        "photo-exhibition-russian-architecture",
        ReleaseKind.NEWS,
        (2018, 1, 15),
        "Photo exhibition of Russian wooden architecture opens",
        ["culture-and-education"],
    ),
    (
        "embassy-statement-visa-processing-times",
        ReleaseKind.STATEMENT,
        (2018, 1, 10),
        "Statement on visa processing times during the winter holidays",
        ["consular-matters"],
    ),
    (
        "students-meet-embassy-diplomats",
        ReleaseKind.NEWS,
        (2017, 12, 14),
        "Meeting with students of Russian studies",
        ["culture-and-education", "bilateral-relations"],
    ),
    (
        "new-year-holiday-closure-consular-section",
        ReleaseKind.NEWS,
        (2017, 12, 28),
        "Consular section closed over the New Year holidays",
        ["consular-matters"],
    ),
    (
        "article-seventy-years-diplomatic-relations",
        ReleaseKind.ARTICLE,
        (2017, 4, 13),
        "Seventy years of diplomatic relations between India and Russia",
        ["bilateral-relations"],
    ),
    (
        "brics-cooperation-briefing",
        ReleaseKind.PRESS_RELEASE,
        (2017, 9, 5),
        "Briefing on cooperation within BRICS after the Xiamen summit",
        ["brics"],
    ),
]


def _events(today):
    return {
        "india-russia-ict-security-consultations-2018": {
            "title_en": "India–Russia consultations on security in the use of ICTs (second round)",
            "title_ru": "Российско-индийские консультации по безопасности в сфере использования ИКТ (второй раунд)",
            "title_hi": "सूचना और संचार प्रौद्योगिकियों के उपयोग में सुरक्षा पर भारत–रूस परामर्श (दूसरा दौर)",
            "kind": EventKind.CONSULTATIONS,
            "event_status": EventStatus.HELD,
            "start_date": datetime.date(2018, 2, 15),
            "end_date": datetime.date(2018, 2, 16),
            "city_en": "New Delhi",
            "city_ru": "Нью-Дели",
            "city_hi": "नई दिल्ली",
            "participants": [
                ("rajinder-khanna", "Head of the Indian delegation", "Глава индийской делегации"),
                (
                    "gulshan-rai",
                    "National Cyber Security Coordinator",
                    "Национальный координатор по кибербезопасности",
                ),
                ("oleg-khramov", "Head of the Russian delegation", "Глава российской делегации"),
            ],
        },
        "diplomats-day-2018": {
            "title_en": "Diplomats' Day",
            "title_ru": "День дипломатического работника",
            "title_hi": "राजनयिक दिवस",
            "kind": EventKind.NATIONAL_DAY,
            "event_status": EventStatus.HELD,
            "start_date": datetime.date(2018, 2, 10),
            "city_en": "Moscow",
            "city_ru": "Москва",
            "city_hi": "मॉस्को",
            "participants": [],
        },
        "wreath-laying-diplomats-day-2018": {
            "title_en": "Wreath-laying ceremony at the memorial plaques of the Foreign Ministry",
            "title_ru": "Церемония возложения венков к мемориальным доскам МИД России",
            "title_hi": "विदेश मंत्रालय की स्मारक पट्टिकाओं पर पुष्पांजलि समारोह",
            "kind": EventKind.CEREMONY,
            "event_status": EventStatus.HELD,
            "start_date": datetime.date(2018, 2, 9),
            "city_en": "Moscow",
            "city_ru": "Москва",
            "city_hi": "मॉस्को",
            "participants": [
                ("sergey-lavrov", "Minister of Foreign Affairs", "Министр иностранных дел")
            ],
        },
        # Dated from today, so that the home page always has something to come.
        "russia-day-reception": {
            "title_en": "Russia Day reception",
            "title_ru": "Приём по случаю Дня России",
            "title_hi": "रूस दिवस पर स्वागत समारोह",
            "kind": EventKind.RECEPTION,
            "event_status": EventStatus.ANNOUNCED,
            "start_date": today + datetime.timedelta(days=21),
            "start_time": datetime.time(18, 30),
            "end_time": datetime.time(21, 0),
            "venue_en": "Embassy of Russia, Shantipath",
            "venue_ru": "Посольство России, Шантипатх",
            "venue_hi": "रूसी दूतावास, शांतिपथ",
            "city_en": "New Delhi",
            "city_ru": "Нью-Дели",
            "city_hi": "नई दिल्ली",
            "participants": [],
        },
        "russian-cinema-week": {
            "title_en": "Russian cinema week",
            "title_ru": "Неделя российского кино",
            "title_hi": "रूसी सिनेमा सप्ताह",
            "kind": EventKind.EXHIBITION,
            "event_status": EventStatus.TO_BE_CONFIRMED,
            "start_date": today + datetime.timedelta(days=45),
            "end_date": today + datetime.timedelta(days=51),
            "city_en": "New Delhi",
            "city_ru": "Нью-Дели",
            "city_hi": "नई दिल्ली",
            "participants": [],
        },
    }


# The Russian summary of this text was written before the English one was
# reworded, so the Russian page says "may be out of date" and the admin's
# "translations needing attention" filter lists it.
OUT_OF_DATE_DEMO = {
    "slug": "lavrov-remarks-wreath-laying-ceremony",
    "field": "summary_en",
    "earlier_text": "Before Diplomats' Day, the Minister laid wreaths in memory of fallen colleagues.",
    "language": "ru",
}


def _make_translation_out_of_date(slug, field, earlier_text, language):
    """Record the translation as made from `earlier_text`, then save the
    current text again: the same state as an original edited after translation."""
    release = Release.objects.get(slug=slug)
    current = getattr(release, field)
    setattr(release, field, earlier_text)
    release.confirm_translation(language)
    setattr(release, field, current)
    release.save()


def _noon(date):
    """A stable publication time: midday in the mission's zone on `date`, or
    now if that midday is still to come (before noon, today's items would
    otherwise be scheduled rather than public)."""
    midday = timezone.make_aware(datetime.datetime.combine(date, datetime.time(12, 0)))
    return min(midday, timezone.now())


def _add(model, counts, defaults, **natural_key):
    """Create the demo object unless one with this natural key exists; an
    existing one is left exactly as the user left it. Returns (object, created)."""
    obj, created = model.objects.get_or_create(**natural_key, defaults=defaults)
    counts[str(model._meta.verbose_name_plural)] += created
    return obj, created


def _add_people(through, owner, speakers, rows):
    """The speakers or participants of a new release or event, in order."""
    for order, (speaker_slug, role_en, role_ru) in enumerate(rows):
        through.objects.create(
            **owner,
            speaker=speakers[speaker_slug],
            role_en=role_en,
            role_ru=role_ru,
            order=order,
        )


# One draft, to show that drafts stay out of public pages.
DRAFT_RELEASE = {
    "kind": ReleaseKind.STATEMENT,
    "title_en": "Draft statement (not yet public)",
    "body_en": "<p>This draft is visible only in the admin.</p>",
    "status": PublicationStatus.DRAFT,
    "published_at": None,
}


@transaction.atomic
def load():
    """Add whatever of the demo newsroom is missing, found by slug (releases
    by date and slug). Objects that exist are never changed, so what someone
    did in the demo (edited, withdrew, unpublished) survives a second run;
    a demo object someone deleted comes back. Returns how many of each kind
    were added."""
    counts = Counter()
    topics = {slug: _add(Topic, counts, names, slug=slug)[0] for slug, names in TOPICS.items()}
    speakers = {
        slug: _add(Speaker, counts, fields, slug=slug)[0] for slug, fields in SPEAKERS.items()
    }
    events = _add_events(counts, speakers, timezone.localdate())
    _add_releases(counts, topics, speakers, events)
    _add_extra_releases(counts, topics)
    _add(
        Release,
        counts,
        DRAFT_RELEASE,
        date=datetime.date(2018, 2, 20),
        slug="draft-statement-not-yet-public",
    )
    return counts


def _add_events(counts, speakers, today):
    events = {}
    for slug, data in _events(today).items():
        data = dict(data)
        participants = data.pop("participants")
        data |= {
            "status": PublicationStatus.PUBLISHED,
            "published_at": _noon(min(data["start_date"], today)),
        }
        event, created = _add(Event, counts, data, slug=slug)
        if created:
            _add_people(EventParticipant, {"event": event}, speakers, participants)
        events[slug] = event
    return events


def _add_releases(counts, topics, speakers, events):
    for data in RELEASES:
        data = dict(data)
        speaker_rows = data.pop("speakers")
        topic_slugs = data.pop("topics")
        date = data.pop("date")
        slug = data.pop("slug")
        data |= {
            "event": events[data.pop("event")],
            "status": PublicationStatus.PUBLISHED,
            "published_at": _noon(date),
        }
        release, created = _add(Release, counts, data, date=date, slug=slug)
        if created:
            release.topics.set([topics[topic] for topic in topic_slugs])
            _add_people(ReleaseSpeaker, {"release": release}, speakers, speaker_rows)
            if slug == OUT_OF_DATE_DEMO["slug"]:
                _make_translation_out_of_date(**OUT_OF_DATE_DEMO)


def _add_extra_releases(counts, topics):
    for slug, kind, (year, month, day), title, topic_slugs in EXTRA_RELEASES:
        date = datetime.date(year, month, day)
        data = {
            "kind": kind,
            "title_en": title,
            "place_en": "New Delhi",
            "place_ru": "Нью-Дели",
            "place_hi": "नई दिल्ली",
            "summary_en": "A short demo item: the embassy's news in brief.",
            "body_en": f"<p>{title}. This demo text stands in for the full announcement.</p>",
            "status": PublicationStatus.PUBLISHED,
            "published_at": _noon(date),
        }
        release, created = _add(Release, counts, data, date=date, slug=slug)
        if created:
            release.topics.set([topics[topic] for topic in topic_slugs])
