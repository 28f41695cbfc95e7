"""Text as editors paste it, made fit for every page, feed and file.

Word, PDFs and web pages paste characters that no XML 1.0, iCalendar or vCard
file may hold (a vertical tab for Word's soft line break, NUL and the other
control characters, the non-characters U+FFFE and U+FFFF), and line breaks
into fields that are one line wherever they appear (titles, names, labels).

- On save: `clean_model_text()` cleans every text column of a model instance
  (each language's column of a translated field included) and sanitises its
  rich text. `clean_on_save()` runs it before every save of every model of an
  app; each app calls it from its `AppConfig.ready()`, so a new model or field
  is covered without a line of its own.
- For places that cannot show HTML (calendar descriptions, sharing
  descriptions, search snippets): `plain_text()`, one definition of rich text
  as plain words.
- At output: `clean_output()` cleans what a feed or JSON-LD block is given,
  and `clean_file()` a finished iCalendar or vCard file, for
  values stored without the cleaning (rows saved before it existed, or written
  with `QuerySet.update()`, which skips save()).
"""

import html
import re

from django.db import models
from django.db.models.signals import pre_save
from django.utils.html import strip_tags
from django_prose_editor.fields import ProseEditorField

# Every character Python's str.splitlines() ends a line at: CR LF, CR, LF, the
# vertical tab (Word's soft line break), form feed, the file, group and record
# separators, NEL, and the Unicode line and paragraph separators.
LINE_BREAKS = re.compile("\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# Those of them that are also control characters, besides CR and LF.
CONTROL_LINE_BREAKS = re.compile("[\x0b\x0c\x1c-\x1e]")
# What neither XML 1.0 nor iCalendar nor vCard allows in text: the C0 control
# characters but tab, LF and CR; DEL; the non-characters U+FFFE and U+FFFF;
# and lone surrogates, which cannot even be encoded as UTF-8.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote)>|<br\s*/?>", re.IGNORECASE)


def clean_text(value):
    """Multi-line text: every line break becomes "\\n" (so a soft line break
    still separates its words) and the forbidden characters go."""
    return FORBIDDEN.sub("", LINE_BREAKS.sub("\n", value))


def clean_line(value):
    """One-line text: as `clean_text`, with each line break made a space."""
    return clean_text(value).replace("\n", " ")


def clean_file(text):
    """A finished iCalendar or vCard file without the forbidden characters.
    The library that wrote it escaped CR and LF inside values, so its own
    line breaks stay; a vertical tab or form feed becomes a space, so that
    the words it separated stay apart."""
    return FORBIDDEN.sub("", CONTROL_LINE_BREAKS.sub(" ", text))


def clean_output(value):
    """`value` with every string in it cleaned, through dicts, lists and tuples."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {key: clean_output(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(clean_output(item) for item in value)
    return value


def clean_field_value(field, value):
    """`value` as the text column `field` stores it."""
    if isinstance(field, ProseEditorField):
        return field.sanitize(clean_text(value))
    if isinstance(field, models.TextField):
        return clean_text(value)
    return clean_line(value)


def clean_model_text(instance, update_fields=None):
    """Clean every text column of `instance` in place (only `update_fields`,
    when given: the others are not written).

    Values are read from and written to the instance's raw storage, so that a
    translated field's fallback value is never copied into another language
    and a deferred field is not loaded."""
    for field in instance._meta.concrete_fields:
        if not isinstance(field, models.CharField | models.TextField):
            continue
        if update_fields is not None and field.name not in update_fields:
            continue
        raw = instance.__dict__.get(field.attname)
        if isinstance(raw, str) and raw:
            instance.__dict__[field.attname] = clean_field_value(field, raw)


def _clean_before_save(sender, instance, update_fields=None, **kwargs):
    clean_model_text(instance, update_fields)


def clean_on_save(app_config):
    """Clean the text of every model of `app_config` before each save:
    through the admin, other code, fixtures and restored revisions alike."""
    for model in app_config.get_models():
        pre_save.connect(
            _clean_before_save, sender=model, dispatch_uid=f"clean-text:{model._meta.label}"
        )


def plain_text(rich_text):
    """The text without tags, entities decoded; each paragraph, heading,
    list item or line break ends with a blank line, so words of adjacent
    blocks stay apart."""
    return html.unescape(strip_tags(BLOCK_END.sub("\n\n", rich_text or ""))).strip()
