"""Marking text that is shown in another language than the page.

    {% load translated %}
    <h1{% lang_attr release "title" %}>{{ release.title }}</h1>
    <p>{{ link.speaker|translated:"full_name" }}</p>
    {% translation_notice release "title" "summary" "body" %}

None of these runs a query: they look at values already loaded.
"""

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.translation import get_language_info, gettext
from django.utils.translation import gettext_lazy as _

from translations.addresses import page_in
from translations.status import fallback_language, translation_status
from translations.tracking import original_language

register = template.Library()

# Russian and Hindi need the language names in forms a template cannot build
# ("на русском", "на английском"), so the usual pairs get whole sentences.
FALLBACK_NOTICES = {
    ("ru", "en"): _("This text is not yet available in Russian; shown in English."),
    ("hi", "en"): _("This text is not yet available in Hindi; shown in English."),
}
FALLBACK_LABELS = {"en": _("In English")}


def _language_name(code):
    return get_language_info(code)["name_translated"]


def fallback_notice_text(page_language, shown_in):
    notice = FALLBACK_NOTICES.get((page_language, shown_in))
    if notice is None:
        notice = gettext(
            "This text is not yet available in this language; shown in %(language)s."
        ) % {"language": _language_name(shown_in)}
    return notice


def fallback_label_text(shown_in):
    label = FALLBACK_LABELS.get(shown_in)
    if label is None:
        label = gettext("In %(language)s") % {"language": _language_name(shown_in)}
    return label


@register.simple_tag
def lang_attr(obj, name):
    """` lang="en"` when `obj.<name>` is shown in another language than the
    page (a missing translation fell back), otherwise nothing."""
    language = fallback_language(obj, name)
    return format_html(' lang="{}"', language) if language else ""


@register.filter
def translated(obj, name):
    """`obj.<name>`, wrapped in `<span lang="…">` when it falls back."""
    value = getattr(obj, name)
    language = fallback_language(obj, name)
    if language and value:
        return format_html('<span lang="{}">{}</span>', language, value)
    return value


@register.simple_tag(takes_context=True)
def translation_notice(context, obj, *names, short=False):
    """Tell the reader that some of `names` are not translated yet (shown in
    the original language), or that the translation may be out of date.
    Most pages have nothing to say: then no template is rendered at all."""
    status = translation_status(obj, names)
    if not status.needs_notice:
        return ""
    request = context.get("request")
    fallback = status.fallback_language
    notice = {
        "status": status,
        "short": short,
        "fallback_notice": fallback and fallback_notice_text(status.language, fallback),
        "fallback_label": fallback and fallback_label_text(fallback),
        "original_language": original_language(),
        "original_url": request and page_in(request.get_full_path(), original_language()),
    }
    return render_to_string("includes/translation_notice.html", notice)
