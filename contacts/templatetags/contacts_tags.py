from django import template

from contacts.models import ContactPoint
from embassy import fragments
from embassy.jsonld import jsonld_script

register = template.Library()


@register.inclusion_tag("contacts/includes/emergency_numbers.html")
def emergency_numbers(contacts=None):
    """The emergency lines, with whom they serve and when. Pages that have
    already loaded the offices pass their lines; otherwise they are read
    once per content version."""
    if contacts is None:
        contacts = fragments.cached(
            "emergency-numbers", (), lambda: list(ContactPoint.objects.emergency())
        )
    return {"contacts": contacts}


# A schema.org block, written as the releases' pages write theirs.
register.filter("jsonld", jsonld_script)
