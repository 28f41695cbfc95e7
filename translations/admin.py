"""Admin pieces for models with tracked translations (TrackedTranslationModel):
a list filter and a column for translations that need attention, and one
"checked against the current original" checkbox per language on the form.

    class ReleaseAdmin(TranslationReviewMixin, TranslationAdmin):
        list_display = [..., "translations_column"]
        list_filter = [TranslationAttentionFilter, ...]
        fieldsets = [..., translation_review_fieldset()]
"""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from .tracking import (
    TranslationState,
    missing_translations,
    original_language,
    out_of_date_translations,
    translation_languages,
)


def confirm_field_name(language):
    return f"confirm_translation_{language}"


def language_name(language):
    """The language's name, translated when shown (settings use gettext_lazy)."""
    return dict(settings.LANGUAGES)[language]


def in_every_language(*fields):
    """`("name",)` → `["name_en", "name_ru", "name_hi"]`, one column per
    language of the settings: for `search_fields`, so the admin finds a text
    in whichever language it is typed."""
    return [
        build_localized_fieldname(field, language)
        for field in fields
        for language in settings.MODELTRANSLATION_LANGUAGES
    ]


class TranslationAttentionFilter(admin.SimpleListFilter):
    # Translators: the admin shows it after "By" ("By translations needing
    # attention"); in Russian the title stands alone.
    title = _("translations needing attention")
    parameter_name = "translation"

    def lookups(self, request, model_admin):
        for language in translation_languages():
            name = language_name(language)
            yield (
                f"{language}-missing",
                format_lazy(_("{language}: missing or incomplete"), language=name),
            )
            yield (
                f"{language}-out-of-date",
                format_lazy(_("{language}: may be out of date"), language=name),
            )

    def queryset(self, request, queryset):
        language, _sep, state = (self.value() or "").partition("-")
        if language not in translation_languages():
            return None  # no choice, or one we do not know: the whole list
        if state == "missing":
            return missing_translations(queryset, language)
        if state == "out-of-date":
            return out_of_date_translations(queryset, language)
        return None


class _TranslationReviewForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            return
        for language in translation_languages():
            field = self.fields.get(confirm_field_name(language))
            if field is not None:
                state = self.instance.translation_state(language)
                field.help_text = format_lazy(_("Now: {state}."), state=state.label)

    def confirmed_languages(self):
        return [
            language
            for language in translation_languages()
            if self.cleaned_data.get(confirm_field_name(language))
        ]


# One checkbox per translation language. Unticked it changes nothing; ticked
# it records that the translation was checked against the original as it is
# now. It never starts ticked, so saving an edited original cannot confirm
# the old translations by accident.
TranslationReviewForm = type(
    "TranslationReviewForm",
    (_TranslationReviewForm,),
    {
        confirm_field_name(language): forms.BooleanField(
            required=False,
            label=format_lazy(
                _("{language}: the translation matches the current original"),
                language=language_name(language),
            ),
        )
        for language in translation_languages()
    },
)


def translation_review_fieldset():
    return (
        _("Translations"),
        {
            "fields": [confirm_field_name(language) for language in translation_languages()],
            "description": _(
                "When the original text changes, its translations are marked as possibly "
                "out of date. Editing a translation, or ticking its box after checking it, "
                "marks it as up to date again."
            ),
        },
    )


class TranslationReviewMixin:
    """For a TranslationAdmin of a TrackedTranslationModel."""

    form = TranslationReviewForm

    def save_model(self, request, obj, form, change):
        for language in form.confirmed_languages():
            obj.confirm_translation(language)
        super().save_model(request, obj, form, change)

    @admin.display(description=_("translations"))
    def translations_column(self, obj):
        """For example "RU: may be out of date · HI: missing or incomplete"."""
        return " · ".join(
            f"{language.upper()}: {obj.translation_state(language).label}"
            for language in translation_languages()
        )


class LanguageTabsMixin:
    """One language at a time on the form: tabs above it name each language
    with its translation's state, and a static script (no inline script,
    for the CSP) hides the other languages' rows. The change form template
    includes "translations/language_tabs.html" where the tabs belong."""

    class Media:
        js = ["translations/language-tabs.js"]
        css = {"all": ["translations/language-tabs.css"]}

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["language_tabs"] = language_tabs(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)


def language_tabs(obj):
    """[{code, name, state}] for the tabs: the original first, then each
    translation with its state ("missing", "up to date", "may be out of date")."""
    tabs = [{"code": original_language(), "name": language_name(original_language()), "state": ""}]
    for language in translation_languages():
        if obj is None or obj.pk is None or not hasattr(obj, "translation_state"):
            state = TranslationState.MISSING.label if obj is None or obj.pk is None else ""
        else:
            state = obj.translation_state(language).label
        tabs.append({"code": language, "name": language_name(language), "state": state})
    return tabs
