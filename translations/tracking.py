"""Knowing when a translation was made from an older original.

Each tracked model stores a fingerprint (SHA-256) of its original-language
text, and for every other language the fingerprint of the original that the
translation was made from. When an editor changes the original, the two stop
matching and the translation "may be out of date" until someone updates the
translation or confirms that it still matches.

A translation counts as made from the current original when the translated
text itself changes in a save (the translator worked from what is there now),
or when an editor confirms it (`confirm_translation`, a checkbox in the
admin). Fingerprints, unlike timestamps, ignore saves that change nothing,
and an original edited and then put back makes the translation current again.
"""

import hashlib
import operator
from functools import reduce

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.fields.json import KT
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from embassy.text import clean_model_text


def original_language():
    return settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def translation_languages():
    """Every language a text can be translated into (all but the original)."""
    return [code for code, _name in settings.LANGUAGES if code != original_language()]


def fingerprint(values):
    """A fingerprint of some texts, blind to differences in white space only."""
    normalised = "\x1f".join(" ".join((value or "").split()) for value in values)
    return hashlib.sha256(normalised.encode()).hexdigest()


def fingerprints_for(values_in, stored):
    """The (source fingerprint, translation fingerprints) a row should store.

    `values_in(language)` gives the row's values of `fields` in a language;
    `stored` is what the row stores now. Used by the model and by the data
    migration, so both follow the same rule."""
    source = fingerprint(values_in(original_language()))
    result = {}
    for language in translation_languages():
        values = values_in(language)
        if not any(values):
            continue  # not translated: the page falls back, nothing to date
        text = fingerprint(values)
        previous = stored.get(language) or {}
        if previous.get("text") == text and previous.get("source"):
            result[language] = previous
        else:
            result[language] = {"source": source, "text": text}
    return source, result


class TranslationState(models.TextChoices):
    UP_TO_DATE = "up-to-date", _("up to date")
    OUT_OF_DATE = "out-of-date", _("may be out of date")
    MISSING = "missing", _("missing or incomplete")


class TrackedTranslationModel(models.Model):
    """Abstract model: tracks whether each translation of
    `tracked_translation_fields` was made from the current original."""

    source_fingerprint = models.CharField(
        _("fingerprint of the original text"), max_length=64, blank=True, editable=False
    )
    translation_fingerprints = models.JSONField(
        _("fingerprints of the originals the translations were made from"),
        default=dict,
        blank=True,
        editable=False,
    )

    tracked_translation_fields: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        # Fingerprint the text as it will be stored: the cleaning that
        # pre_save would do comes too late for the fingerprints.
        clean_model_text(self, update_fields)
        columns = set(self._tracked_columns())
        if update_fields is None:
            if not columns & self.get_deferred_fields():
                self._refresh_fingerprints()
        elif columns & set(update_fields):
            self._refresh_fingerprints()
            kwargs["update_fields"] = {
                *update_fields,
                "source_fingerprint",
                "translation_fingerprints",
            }
        super().save(*args, **kwargs)

    def _tracked_columns(self):
        languages = [original_language(), *translation_languages()]
        return [
            build_localized_fieldname(field, language)
            for field in self.tracked_translation_fields
            for language in languages
        ]

    def _values_in(self, language):
        return [
            getattr(self, build_localized_fieldname(field, language)) or ""
            for field in self.tracked_translation_fields
        ]

    def _refresh_fingerprints(self):
        self.source_fingerprint, self.translation_fingerprints = fingerprints_for(
            self._values_in, self.translation_fingerprints or {}
        )

    def confirm_translation(self, language):
        """Record that the translation into `language` matches the current
        original (an editor checked it). Saved with the next save()."""
        values = self._values_in(language)
        if language == original_language() or not any(values):
            return
        self.translation_fingerprints = {
            **(self.translation_fingerprints or {}),
            language: {
                "source": fingerprint(self._values_in(original_language())),
                "text": fingerprint(values),
            },
        }

    def translation_state(self, language):
        """UP_TO_DATE, OUT_OF_DATE or MISSING for a translation language."""
        original = self._values_in(original_language())
        translated = self._values_in(language)
        if any(
            text and not translation for text, translation in zip(original, translated, strict=True)
        ):
            return TranslationState.MISSING
        if self.is_translation_out_of_date(language):
            return TranslationState.OUT_OF_DATE
        return TranslationState.UP_TO_DATE

    def is_translation_out_of_date(self, language):
        """True when the text in `language` was translated from an original
        that has changed since. False for the original and for untranslated
        texts (those fall back to the original, which is current)."""
        if language == original_language() or not any(self._values_in(language)):
            return False
        made_from = (self.translation_fingerprints or {}).get(language, {}).get("source")
        return made_from != self.source_fingerprint


def _is_empty(column):
    return Q(**{f"{column}__isnull": True}) | Q(**{column: ""})


def _any(conditions):
    return reduce(operator.or_, conditions)


def missing_translations(queryset, language):
    """Rows with original text in a tracked field that has no translation."""
    fields = queryset.model.tracked_translation_fields
    return queryset.filter(
        _any(
            ~_is_empty(build_localized_fieldname(field, original_language()))
            & _is_empty(build_localized_fieldname(field, language))
            for field in fields
        )
    )


def out_of_date_translations(queryset, language):
    """Rows translated into `language` from an original that has changed."""
    fields = queryset.model.tracked_translation_fields
    translated = _any(~_is_empty(build_localized_fieldname(field, language)) for field in fields)
    made_from = f"_made_from_{language}"
    return (
        queryset.alias(**{made_from: KT(f"translation_fingerprints__{language}__source")})
        .filter(translated)
        .filter(Q(**{f"{made_from}__isnull": True}) | ~Q(**{made_from: F("source_fingerprint")}))
    )
