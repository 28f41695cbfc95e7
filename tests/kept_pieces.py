"""What the fragment cache (embassy/fragments.py) keeps, searched in tests
that must show a private page left nothing behind: in this process and in
the shared cache (the tests' local-memory backend)."""

from django.core.cache import cache

from embassy import fragments


def kept_pieces_holding(text):
    """Every kept piece, in the process or in the shared cache, with `text` in it."""
    kept = [entry for _key, entry in fragments._local.items()]
    kept += [cache.get(key) for key in cache._cache if ":fragment:" in key]
    return [entry for entry in kept if text in repr(entry)]
