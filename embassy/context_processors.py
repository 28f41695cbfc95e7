from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info


def site(request):
    """Values every public template needs: the site's name and the addresses
    of the current page in the other languages (for the language switcher and
    the hreflang alternates)."""
    current = get_language()
    path = request.get_full_path()
    languages = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        languages.append(
            {
                "code": code,
                "name_local": info["name_local"],
                "url": translate_url(path, code),
                "is_current": code == current,
            }
        )
    return {"EMBASSY_NAME": settings.EMBASSY_NAME, "page_languages": languages}
