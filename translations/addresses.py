"""The address of the current page in another language (the language
switch, the hreflang alternates, the link to the original of a fallback)."""

import functools

from django.core.signals import setting_changed
from django.urls import get_urlconf, translate_url
from django.utils.translation import get_language


def page_in(path, code):
    """`path` in the language `code`, as Django's translate_url gives it,
    worked out once per address: resolving and reversing it for every
    language was a tenth of a light page's time. The answer depends on the
    path, the active language and the URLconf alone."""
    return _page_in(path, code, get_language(), get_urlconf())


@functools.lru_cache(maxsize=1024)
def _page_in(path, code, _active, _urlconf):
    return translate_url(path, code)


setting_changed.connect(lambda **kwargs: _page_in.cache_clear(), weak=False)
