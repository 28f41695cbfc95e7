"""How two versions of an object differ, field by field and word by word,
for the history's compare and restore pages and the "someone saved in the
meantime" message. Reads reversion's field dicts; writes nothing."""

from difflib import SequenceMatcher

from django.db import models
from django.utils.html import escape, format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django_prose_editor.fields import ProseEditorField

from embassy.dates import local_datetime

# Columns whose changes say nothing to an editor.
NOISE_FIELDS = {
    "id",
    "version",
    "created_at",
    "updated_at",
    "image_width",
    "image_height",
    # The translations' bookkeeping (hashes): its meaning is shown as states.
    "source_fingerprint",
    "translation_fingerprints",
}
# Unchanged stretches longer than this are shortened in a word diff.
DIFF_CONTEXT_WORDS = 12


def _translated_originals(model):
    """Names like "title" whose language columns ("title_en", ...) hold the data."""
    from modeltranslation.translator import NotRegistered, translator

    try:
        return set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return set()


def compared_fields(model):
    skip = NOISE_FIELDS | _translated_originals(model)
    # Many-to-many with a model of its own (speakers) are followed objects,
    # compared by related_changes(); reversion stores only the plain ones.
    plain_m2m = [f for f in model._meta.many_to_many if f.remote_field.through._meta.auto_created]
    return [f for f in [*model._meta.concrete_fields, *plain_m2m] if f.name not in skip]


def display_value(field, value):
    """A stored value as an editor would recognise it."""
    if value in (None, "", []):
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.many_to_many:
        names = field.related_model._default_manager.filter(pk__in=value)
        return ", ".join(str(obj) for obj in names) or "—"
    if field.is_relation:
        related = field.related_model._base_manager.filter(pk=value).first()
        return str(related) if related else f"#{value}"
    if isinstance(field, models.DateTimeField):
        return local_datetime(value)
    if isinstance(field, ProseEditorField):
        return strip_tags(value)
    return str(value)


def word_diff(old, new):
    """`old` → `new` with <del> and <ins> around the changed words."""
    a, b = old.split(), new.split()
    parts = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            words = a[i1:i2]
            if len(words) > 2 * DIFF_CONTEXT_WORDS:
                words = [*words[:DIFF_CONTEXT_WORDS], "…", *words[-DIFF_CONTEXT_WORDS:]]
            parts.append(escape(" ".join(words)))
            continue
        if i2 > i1:
            parts.append(format_html("<del>{}</del>", " ".join(a[i1:i2])))
        if j2 > j1:
            parts.append(format_html("<ins>{}</ins>", " ".join(b[j1:j2])))
    return mark_safe(" ".join(parts))  # noqa: S308 - every part was escaped above


def field_changes(model, old, new):
    """What differs between two field dicts of `model` (reversion's
    `Version.field_dict`, or the current row's), as rows for a template."""
    rows = []
    for field in compared_fields(model):
        key = field.name if field.many_to_many else field.attname
        before, after = old.get(key), new.get(key)
        if field.many_to_many:
            before, after = sorted(before or []), sorted(after or [])
        if before == after:
            continue
        old_text, new_text = display_value(field, before), display_value(field, after)
        rows.append(
            {
                "label": capfirst(field.verbose_name),
                "old": old_text,
                "new": new_text,
                "diff": word_diff(old_text, new_text),
            }
        )
    return rows


def current_field_dict(obj):
    """The live row in the shape of `Version.field_dict`."""
    data = {}
    for field in compared_fields(type(obj)):
        if field.many_to_many:
            data[field.name] = list(getattr(obj, field.name).values_list("pk", flat=True))
        else:
            data[field.attname] = getattr(obj, field.attname)
    return data


def related_changes(old_version, new_version):
    """Followed objects (speakers, attachments...) that differ between the
    revisions of two versions, by kind: [(label, removed, added)]."""
    main = old_version.content_type_id

    def by_kind(version):
        kinds = {}
        for other in version.revision.version_set.exclude(content_type_id=main):
            kinds.setdefault(other.content_type, set()).add(other.object_repr)
        return kinds

    before, after = by_kind(old_version), by_kind(new_version)
    rows = []
    for content_type in sorted({*before, *after}, key=lambda ct: ct.pk):
        removed = sorted(before.get(content_type, set()) - after.get(content_type, set()))
        added = sorted(after.get(content_type, set()) - before.get(content_type, set()))
        if removed or added:
            label = capfirst(content_type.model_class()._meta.verbose_name_plural)
            rows.append({"label": label, "removed": removed, "added": added})
    return rows
