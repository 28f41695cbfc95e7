"""The e-mails: plain text plus HTML, in the subscriber's language (texts
not translated yet fall back to English, and say so), each alert with a
link to manage the subscription and a one-click unsubscribe (RFC 8058:
List-Unsubscribe with an https address, List-Unsubscribe-Post)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from embassy.text import clean_line, plain_text
from translations.status import translation_status
from translations.templatetags.translated import fallback_label_text

from . import tokens


def absolute(path):
    return settings.SITE_URL + path


def subscriber_links(subscription):
    token = tokens.make_token(subscription, tokens.MANAGE)
    return {
        "manage_url": absolute(reverse("notices:manage", args=[token])),
        "unsubscribe_url": absolute(reverse("notices:unsubscribe", args=[token])),
    }


def list_headers(links):
    return {
        "List-Unsubscribe": f"<{links['unsubscribe_url']}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Id": f"<alerts.{urlsplit(settings.SITE_URL).hostname}>",
        "Auto-Submitted": "auto-generated",
    }


def entry(item):
    """One item as the messages show it, in the active language."""
    status = translation_status(item, ("title", "summary", "body"))
    return {
        "item": item,
        "title": clean_line(item.title),
        "url": absolute(item.get_absolute_url()),
        "text": item.summary or plain_text(item.body),
        "body_html": item.body,
        "fallback": fallback_label_text(status.fallback_language)
        if status.fallback_language
        else "",
        "emergency": getattr(item, "is_emergency", False),
    }


def build(subscription, subject, template, context):
    with translation.override(subscription.language):
        links = subscriber_links(subscription)
        context = {**context, **links, "EMBASSY_NAME": settings.EMBASSY_NAME}
        message = EmailMultiAlternatives(
            subject=clean_line(str(subject(context))),
            body=render_to_string(f"notices/alerts/email/{template}.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[subscription.email],
            headers=list_headers(links),
        )
        message.attach_alternative(
            render_to_string(f"notices/alerts/email/{template}.html", context), "text/html"
        )
    return message


def alert(subscription, item, dispatch):
    from ..models import DispatchKind

    def subject(context):
        title = context["entry"]["title"]
        if context["entry"]["emergency"]:
            return _("EMERGENCY: %(title)s") % {"title": title}
        if context["note"] is not None:
            return _("Updated: %(title)s") % {"title": title}
        return title

    with translation.override(subscription.language):
        note = None
        if dispatch.kind == DispatchKind.UPDATE:
            note = next(
                (n for n in item.change_notes.all() if n.pk == dispatch.change_note_id), None
            )
        context = {"entry": entry(item), "note": note}
        return build(subscription, subject, "alert", context)


def digest(subscription, day, items):
    with translation.override(subscription.language):
        context = {"entries": [entry(item) for _dispatch, item in items], "day": day}

        def subject(context):
            return _("%(site)s: daily alerts") % {"site": settings.EMBASSY_NAME}

        return build(subscription, subject, "digest", context)


def confirmation(subscription):
    with translation.override(subscription.language):
        if subscription.is_confirmed:
            context = {"already": True}
        else:
            token = tokens.make_token(subscription, tokens.CONFIRM)
            context = {
                "already": False,
                "confirm_url": absolute(reverse("notices:confirm", args=[token])),
            }

        def subject(context):
            if context["already"]:
                return _("Your e-mail alerts from %(site)s") % {"site": settings.EMBASSY_NAME}
            return _("Confirm your e-mail alerts from %(site)s") % {"site": settings.EMBASSY_NAME}

        return build(subscription, subject, "confirmation", context)
