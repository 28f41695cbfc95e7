"""Addresses of pages, reversed once per process.

`reverse()` tries the candidate patterns of a name with regular expressions
every time it is called, and a public page asks for the same addresses (its
speakers, topics, event and neighbours) on every request. The answer
depends only on the name, its arguments, the active language
(i18n_patterns), the script prefix and the URLconf, so it is kept under
exactly those.
"""

import functools

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

# Far more than the addresses a busy site's pages link to; each is a short string.
KEPT_ADDRESSES = 8192


def cached_reverse(viewname, **kwargs):
    """`reverse(viewname, kwargs=kwargs)`, remembered."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    arguments = tuple(sorted(kwargs.items()))
    return _reverse(viewname, arguments, get_language(), get_script_prefix(), urlconf)


@functools.lru_cache(maxsize=KEPT_ADDRESSES)
def _reverse(viewname, arguments, language, prefix, urlconf):
    return reverse(viewname, kwargs=dict(arguments), urlconf=urlconf)


@receiver(setting_changed)
def _forget(setting, **kwargs):
    # Tests that swap the URLconf or the languages must not see old addresses.
    if setting in {"ROOT_URLCONF", "LANGUAGES", "LANGUAGE_CODE"}:
        _reverse.cache_clear()
