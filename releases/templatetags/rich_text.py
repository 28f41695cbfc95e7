"""Rich text as a page shows it: its images at their current addresses
(files/inline.py), since object storage signs addresses that expire."""

from django import template
from django.utils.safestring import mark_safe

from files.inline import current_image_sources

register = template.Library()


@register.filter
def with_current_images(text):
    """The sanitised body, its stored images' `src` written anew."""
    return mark_safe(current_image_sources(text))  # noqa: S308 - sanitised on save
