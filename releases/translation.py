"""Fields written in English, Russian and Hindi (django-modeltranslation adds
a column per language, e.g. title_en, title_ru, title_hi). Slugs are not
translated: one address per item, whatever the language."""

from modeltranslation.translator import TranslationOptions, register

from .models import (
    Attachment,
    ChangeNote,
    Event,
    EventParticipant,
    Release,
    ReleaseSpeaker,
    Speaker,
    Topic,
)


@register(Topic)
class TopicTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("en",)


@register(Speaker)
class SpeakerTranslation(TranslationOptions):
    fields = (
        "name",
        "honorific",
        "position",
        "organisation",
        "country",
        "portrait_alt",
        "biography",
    )
    required_languages = ("en",)


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "venue", "city", "description", "withdrawal_reason")
    required_languages = ("en",)


@register(EventParticipant)
class EventParticipantTranslation(TranslationOptions):
    fields = ("role",)


@register(Release)
class ReleaseTranslation(TranslationOptions):
    fields = (
        "title",
        "summary",
        "body",
        "place",
        "image_alt",
        "image_caption",
        "image_credit",
        "source_name",
        "withdrawal_reason",
    )
    required_languages = ("en",)


@register(ReleaseSpeaker)
class ReleaseSpeakerTranslation(TranslationOptions):
    fields = ("role",)


@register(Attachment)
class AttachmentTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = ("en",)


@register(ChangeNote)
class ChangeNoteTranslation(TranslationOptions):
    fields = ("note",)
    required_languages = ("en",)
