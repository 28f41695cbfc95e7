"""A notice's texts in English, Russian and Hindi (see releases/translation.py)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Notice, NoticeChangeNote


@register(Notice)
class NoticeTranslation(TranslationOptions):
    fields = ("title", "summary", "body", "audience", "withdrawal_reason")
    required_languages = ("en",)


@register(NoticeChangeNote)
class NoticeChangeNoteTranslation(TranslationOptions):
    fields = ("note",)
    required_languages = ("en",)
