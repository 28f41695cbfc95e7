"""Old addresses, normalised so that every way of writing one finds it.

A Joomla page has many addresses: `index.php?option=com_content&view=article
&id=12&catid=3&Itemid=101` in any parameter order, `id=12:visit`, the
search-engine-friendly (SEF) `/news/12-visit.html`, `/index.php/news/12-visit`,
with a language prefix (`/ru/news/12-visit`). `legacy_key()` reduces each to
the one key that `LegacyAddress.old_address` stores."""

from urllib.parse import unquote

# The parameters that pick the page; catid, Itemid (with an option), layout,
# lang, limitstart and the rest only change how Joomla rendered it.
SIGNIFICANT = ("option", "view", "id")
SUFFIXES = (".html", ".htm", ".php")


def query_key(params):
    """The key of an `index.php?…` address from its parameters (a mapping
    of lists, as `QueryDict` or `parse_qs` give), or "" if it names no page."""
    values = {name.lower(): value for name, value in _first_values(params).items()}
    if "option" not in values:
        itemid = values.get("itemid", "").strip()
        return f"index.php?itemid={int(itemid)}" if itemid.isdigit() else ""
    parts = []
    for name in SIGNIFICANT:
        value = values.get(name, "").strip().lower()
        if name == "id":
            # "12:visit" is Joomla's slug form of id 12.
            value = value.split(":", 1)[0]
        if value:
            parts.append(f"{name}={value}")
    return "index.php?" + "&".join(parts)


def path_key(path):
    """The key of a SEF address: "/ru/news/12-visit.html" → "/ru/news/12-visit"."""
    path = unquote(path).strip().lower()
    path = "/" + path.strip("/")
    if path.startswith("/index.php/"):
        path = path[len("/index.php") :]
    for suffix in SUFFIXES:
        if path.endswith(suffix) and path != "/index.php":
            path = path[: -len(suffix)]
            break
    return path


def legacy_key(path, params):
    """The key for a request's path and query parameters."""
    key = path_key(path)
    if key == "/index.php" or key == "/":
        return query_key(params) if params else ""
    return key


def key_of_url(url):
    """The key of an address written as text (a link, `#__redirect_links`):
    relative or absolute, with or without the site's host."""
    from urllib.parse import parse_qs, urlsplit

    parts = urlsplit(url.strip())
    path = parts.path if parts.path.startswith("/") else "/" + parts.path
    return legacy_key(path, parse_qs(parts.query))


def _first_values(params):
    result = {}
    for name in params:
        value = params.getlist(name) if hasattr(params, "getlist") else params[name]
        if isinstance(value, list | tuple):
            value = value[0] if value else ""
        result[name] = value
    return result
