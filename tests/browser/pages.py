"""The pages every check visits, in one place.

When a feature lands, add its page here (and its weight budget below): the
accessibility, valid-HTML and page-weight checks then cover it in every
language. Paths are built inside a test, with the demo content loaded (see
`demo_content` in conftest.py) and the page's language active.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from contacts.models import Closure, Office
from releases.models import Event, Release, Speaker, Topic

LANGUAGES = [code for code, _name in settings.LANGUAGES]

# Demo objects the checks look at (releases/demo.py, contacts/demo.py). The featured release
# has a speaker, an event, topics and a source; the fixture adds a lead image
# and a PDF so that every part of the release page is checked.
FEATURED_RELEASE = "lavrov-greetings-diplomats-day"
SPEAKER = "sergey-lavrov"
EVENT = "india-russia-ict-security-consultations-2018"
TOPIC = "diplomatic-service"
OFFICE = "embassy"  # contacts/demo.py


def _featured_release():
    return Release.objects.published().get(slug=FEATURED_RELEASE).get_absolute_url()


# name -> function returning the path of that page type in the active language.
PUBLIC_PAGES = {
    "home": lambda: reverse("home"),
    "release-list": lambda: reverse("releases:index"),
    "release-list-filtered": lambda: (
        reverse("releases:index") + f"?speaker={SPEAKER}&topic={TOPIC}&kind=greetings"
    ),
    "release": _featured_release,
    "speakers": lambda: reverse("releases:speakers"),
    "speaker": lambda: reverse("releases:speaker", kwargs={"slug": SPEAKER}),
    "events": lambda: reverse("releases:events"),
    "event": lambda: reverse("releases:event", kwargs={"slug": EVENT}),
    "topic": lambda: reverse("releases:topic", kwargs={"slug": TOPIC}),
    "contacts": lambda: reverse("contacts:index"),
    "office": lambda: reverse("contacts:office", kwargs={"slug": OFFICE}),
    "404": lambda: f"/{translation.get_language()}/no-such-page/",
    # Still to come: "search" (issue 6).
}

# Pages that answer with something other than 200 on purpose.
EXPECTED_STATUS = {"404": 404}

# Transferred bytes (HTML + CSS + images + fonts, uncompressed as the test
# server sends them) a page type may weigh in any language: about 25% above
# what it weighed when the budget was set. Raise a budget only on purpose, in
# the commit that makes the page heavier.
PAGE_WEIGHT_BUDGETS = {  # measured when set: the heaviest language
    "home": 21_500,  # 17,042 (hi)
    "release-list": 27_000,  # 21,471 (hi)
    "release-list-filtered": 19_500,  # 15,514 (hi)
    "release": 22_000,  # 17,440 (ru), with a 2,908-byte WebP rendition of the lead image
    "speakers": 14_000,  # 10,966 (hi)
    "speaker": 16_000,  # 12,768 (hi)
    "events": 16_000,  # 12,524 (hi)
    "event": 16_500,  # 13,105 (hi)
    "topic": 17_000,  # 13,576 (hi)
    "contacts": 29_500,  # 23,533 (hi)
    "office": 30_000,  # 23,653 (hi)
    "404": 13_500,  # 10,672 (hi)
}

# The admin forms of our own models: their add and change pages are checked.
ADMIN_MODELS = [Release, Event, Speaker, Topic, Office, Closure]
ADMIN_PAGES = [(model, action) for model in ADMIN_MODELS for action in ("add", "change")]


def public_path(page, language):
    with translation.override(language):
        return PUBLIC_PAGES[page]()


def public_pages():
    """(page, language) pairs, for pytest.mark.parametrize."""
    return [(page, language) for page in PUBLIC_PAGES for language in LANGUAGES]


def admin_path(model, action):
    name = f"admin:{model._meta.app_label}_{model._meta.model_name}_{action}"
    if action == "add":
        return reverse(name)
    return reverse(name, args=[model.objects.order_by("pk").first().pk])
