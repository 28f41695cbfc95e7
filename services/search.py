"""Finding services by words, in the page's language (with the English the
page falls back to, as modeltranslation shows it). A mission has a few dozen
services at most, so they are matched in Python, the same on every
database: every word typed must appear in the name, summary, eligibility or
a required document."""

from releases.discovery.search import fold

MAX_QUERY_LENGTH = 200


def search_text(service):
    documents = " ".join(document.name for document in service.documents.all())
    return fold(" ".join((service.name, service.summary, service.eligibility, documents)))


def matching(services, text):
    words = fold(text[:MAX_QUERY_LENGTH]).split()
    if not words:
        return []
    return [service for service in services if all(word in search_text(service) for word in words)]
