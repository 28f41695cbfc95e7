"""Which language a translated field is actually shown in.

django-modeltranslation returns the English text when a field has no
translation in the active language. Pages must then say so: the fallback text
gets its own `lang` attribute (screen readers switch voice, browsers pick the
right hyphenation) and the reader is told the text is not yet translated.
The rules here are modeltranslation's own (its descriptor decides what counts
as "empty"), so the marking can never disagree with the value shown.
"""

from dataclasses import dataclass

from modeltranslation.fields import NONE, TranslationFieldDescriptor
from modeltranslation.utils import build_localized_fieldname, get_language, resolution_order


def shown_language(obj, name):
    """The language of the value `obj.<name>` shows in the active language,
    or None when it shows nothing. `name` is a translated field, or an
    attribute listed in the model's `translation_sources` (such as
    `full_name`, built from `honorific` and `name`)."""
    sources = getattr(obj, "translation_sources", {}).get(name)
    if sources:
        return _composite_language([shown_language(obj, source) for source in sources])
    descriptor = getattr(type(obj), name, None)
    if not isinstance(descriptor, TranslationFieldDescriptor):
        return None
    undefined = descriptor.fallback_undefined
    if undefined is NONE:
        undefined = descriptor.field.get_default()
    for language in resolution_order(get_language(), descriptor.fallback_languages):
        value = getattr(obj, build_localized_fieldname(name, language), None)
        if descriptor.meaningful_value(value, undefined):
            return language
    return None


def _composite_language(languages):
    """A value built from several fields is in the active language only if
    every part that shows something is; otherwise in the fallback's."""
    current = get_language()
    shown = [language for language in languages if language is not None]
    fallbacks = [language for language in shown if language != current]
    if fallbacks:
        return fallbacks[0]
    return current if shown else None


def fallback_language(obj, *names):
    """The language the first of `names` that falls back is shown in, or None
    when every one of them is in the active language (or empty)."""
    current = get_language()
    for name in names:
        language = shown_language(obj, name)
        if language is not None and language != current:
            return language
    return None


@dataclass(frozen=True)
class TranslationStatus:
    """What a page should tell the reader about the fields it shows."""

    language: str
    fallback_fields: tuple[str, ...]
    fallback_language: str | None
    out_of_date: bool

    @property
    def needs_notice(self):
        return bool(self.fallback_fields) or self.out_of_date


def translation_status(obj, names):
    """The status of `names` of `obj` in the active language (no queries)."""
    current = get_language()
    languages = {name: shown_language(obj, name) for name in names}
    fallbacks = tuple(name for name, lang in languages.items() if lang not in (None, current))
    is_out_of_date = getattr(obj, "is_translation_out_of_date", None)
    return TranslationStatus(
        language=current,
        fallback_fields=fallbacks,
        fallback_language=languages[fallbacks[0]] if fallbacks else None,
        out_of_date=bool(is_out_of_date and is_out_of_date(current)),
    )


class TranslatedFieldsMixin:
    """For models registered with modeltranslation: lets templates and code
    ask which language each shown value is in.

    `translation_sources` maps attributes built from several translated
    fields to those fields, so that they are marked like the fields."""

    translation_sources: dict[str, tuple[str, ...]] = {}

    def translation_status(self, field_names):
        return translation_status(self, field_names)

    def shown_language(self, name):
        return shown_language(self, name)
