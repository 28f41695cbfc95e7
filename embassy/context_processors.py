from django.conf import settings
from django.utils.translation import get_language, get_language_info

from translations.addresses import page_in


def site(request):
    """Values every public template needs: the site's name and the addresses
    of the current page in every language (for the language switcher and the
    hreflang alternates, which must be absolute)."""
    current = get_language()
    path = request.get_full_path()
    languages = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        url = page_in(path, code)
        languages.append(
            {
                "code": code,
                "name_local": info["name_local"],
                "url": url,
                "absolute_url": request.build_absolute_uri(url),
                "is_current": code == current,
            }
        )
    # Visitors whose language we do not offer get the original, English.
    default_url = request.build_absolute_uri(page_in(path, settings.LANGUAGE_CODE))
    return {
        "EMBASSY_NAME": settings.EMBASSY_NAME,
        "page_languages": languages,
        "default_language_url": default_url,
    }
