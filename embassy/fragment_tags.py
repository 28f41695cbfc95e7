"""`{% fragment %}`: a piece of a template rendered once per content version.

    {% load fragments %}
    {% fragment "release-cards" object_list %}{% if object_list %}...{% endif %}{% endfragment %}

The piece is kept with embassy/fragments.py under its name, the language and
the values named after it (a tuple as it is, such as a list view's
`cards_key`; a model instance by its label and key; a queryset by its SQL and
parameters, the clock left out, which costs a compilation of the query),
until the content version moves on or the next scheduled moment passes. A
queryset in the context is not even run when the piece is kept: a warm list
page reads no release rows. A name missing from the context keeps nothing.

Only for markup that depends on public content and the language alone:
nothing of the request (its address, query string, user, CSRF token or CSP
nonce) may be inside. Nothing is kept while a page made for one person
renders: a staff preview, or a release opened with a journalist's embargo link
(whose notice names them).
"""

from django import template
from django.core.exceptions import EmptyResultSet
from django.db.models import Model
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from . import fragments

register = template.Library()

# Context names that mark a page made for one person: nothing of it is kept.
PERSONAL = ("preview", "embargo")


class Uncacheable(Exception):
    pass


def key_part(value):
    if hasattr(value, "query") and hasattr(value, "model"):
        try:
            return ("query", fragments.query_key(value))
        except EmptyResultSet:  # matches nothing: cheap to render afresh
            raise Uncacheable from None
    if isinstance(value, Model):
        return (value._meta.label_lower, value.pk)
    if value == "":  # a name missing from the context: no key, no keeping
        raise Uncacheable
    if value is None or isinstance(value, str | int | bool | tuple):
        return value
    raise Uncacheable


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, parts):
        self.nodelist, self.name, self.parts = nodelist, name, parts

    def render(self, context):
        if any(context.get(name) for name in PERSONAL):  # never kept, not even in part
            return self.nodelist.render(context)
        name = self.name.resolve(context)
        try:
            parts = tuple(key_part(part.resolve(context)) for part in self.parts)
        except Uncacheable:
            return self.nodelist.render(context)
        html = fragments.cached(
            "template", (name, get_language(), *parts), lambda: str(self.nodelist.render(context))
        )
        # Markup that this node list rendered (and escaped) itself.
        return mark_safe(html)  # noqa: S308


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name")
    name, *parts = (parser.compile_filter(bit) for bit in bits[1:])
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, name, parts)
