"""Service texts in English, Russian and Hindi (django-modeltranslation adds
a column per language). Amounts, dates, slugs and links are the same in
every language."""

from modeltranslation.translator import TranslationOptions, register

from .models import Fee, Question, RequiredDocument, Service, ServiceForm


@register(Service)
class ServiceTranslation(TranslationOptions):
    fields = ("name", "summary", "eligibility", "apply_notes", "processing_time")
    required_languages = ("en",)


@register(RequiredDocument)
class RequiredDocumentTranslation(TranslationOptions):
    fields = ("name", "variant", "note")
    required_languages = {"en": ("name",)}


@register(Fee)
class FeeTranslation(TranslationOptions):
    # The English variant identifies the row (see Fee's constraints).
    fields = ("variant", "how_to_pay")
    required_languages = {"en": ("variant",)}


@register(Question)
class QuestionTranslation(TranslationOptions):
    fields = ("question", "answer")
    required_languages = ("en",)


@register(ServiceForm)
class ServiceFormTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = ("en",)
