"""Contact texts in English, Russian and Hindi (django-modeltranslation adds
a column per language). Numbers, addresses of e-mail and web sites, slugs and
postal codes are the same in every language."""

from modeltranslation.translator import TranslationOptions, register

from .models import Closure, ContactPoint, Office


@register(Office)
class OfficeTranslation(TranslationOptions):
    fields = (
        "name",
        "address_line_1",
        "address_line_2",
        "locality",
        "city",
        "country",
        "visitor_notes",
    )
    required_languages = ("en",)


@register(ContactPoint)
class ContactPointTranslation(TranslationOptions):
    fields = ("label", "audience")
    required_languages = ("en",)


@register(Closure)
class ClosureTranslation(TranslationOptions):
    fields = ("reason",)
    required_languages = ("en",)
