import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from contacts.models import ContactPoint

register = template.Library()

# As in Django's json_script: nothing in the data can close the script element.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.inclusion_tag("contacts/includes/emergency_numbers.html")
def emergency_numbers(contacts=None):
    """The emergency lines, with whom they serve and when. Pages that have
    already loaded the offices pass their lines; otherwise one query."""
    if contacts is None:
        contacts = ContactPoint.objects.emergency()
    return {"contacts": contacts}


@register.filter
def jsonld(data):
    """A schema.org block. A data block is not executed, so the Content
    Security Policy needs no nonce for it (and a nonce would make the page
    uncacheable)."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(JSON_SCRIPT_ESCAPES)),  # noqa: S308 - escaped above
    )
