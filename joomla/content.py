"""What an article's HTML becomes: Joomla's plugin tags and e-mail cloak
text removed, the trailing "Source: …" line made the source attribution,
the dateline read from the title or the first paragraph, images found.

The result is still sanitised on save by the body field (embassy/text.py);
these functions only take out what the sanitiser would keep as noise."""

import datetime
import html
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.utils.text import Truncator

from embassy.text import plain_text

# {loadposition user1}, {loadmodule mod_x,Title}, {emailcloak=off}, {gallery}…{/gallery}
PLUGIN_TAG = re.compile(r"\{/?[a-z][a-z0-9_-]*(?:[ =][^{}\n]{0,200})?\}")
# Joomla's e-mail cloak as it appears in text saved from the rendered page.
CLOAK_TEXT = re.compile(
    r"This email address is being protected from spambots\.\s*"
    r"You need JavaScript enabled to view it\.?"
    r"|Адрес электронной почты защищен от спам-ботов\.\s*"
    r"Для просмотра адреса в вашем браузере должен быть включен Javascript\.?",
    re.IGNORECASE,
)
CLOAK_SCRIPT = re.compile(r"<script[^>]*>.*?</script>", re.IGNORECASE | re.DOTALL)
# The last block of the text, when it is a source line.
SOURCE_LABELS = r"(?:Source|Sources|Источник|स्रोत)"
TRAILING_SOURCE = re.compile(
    rf"(?:<(?P<tag>p|div|h[1-6])[^>]*>|<br\s*/?>|^|\n)\s*(?:<(?:em|i|strong|b|span)[^>]*>\s*)*"
    rf"{SOURCE_LABELS}\s*:\s*(?P<rest>.*?)\s*(?:</(?P=tag)>)?\s*$",
    re.IGNORECASE | re.DOTALL,
)
LINK = re.compile(r"<a\s[^>]*href\s*=\s*[\"']([^\"']+)[\"'][^>]*>(.*?)</a>", re.I | re.S)
IMG = re.compile(r"<img\s[^>]*>", re.IGNORECASE)
HREF = re.compile(r"""(<a\b[^>]*?\shref\s*=\s*)(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
ATTRIBUTE = re.compile(r"([a-zA-Z-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
FIRST_BLOCK = re.compile(r"^\s*<(p|div)[^>]*>(.*?)</\1>", re.IGNORECASE | re.DOTALL)

MONTHS = {
    **{
        name: number
        for number, name in enumerate(
            [
                "january",
                "february",
                "march",
                "april",
                "may",
                "june",
                "july",
                "august",
                "september",
                "october",
                "november",
                "december",
            ],
            start=1,
        )
    },
    **{
        name: number
        for number, name in enumerate(
            [
                "января",
                "февраля",
                "марта",
                "апреля",
                "мая",
                "июня",
                "июля",
                "августа",
                "сентября",
                "октября",
                "ноября",
                "декабря",
            ],
            start=1,
        )
    },
}
MONTH = "(?i:" + "|".join(MONTHS) + ")"
# "February 10, 2018", "10 February 2018", "10 февраля 2018 года"
DATE = (
    rf"(?:(?P<m1>{MONTH})\s+(?P<d1>\d{{1,2}}),?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})\s+(?P<m2>{MONTH})\s+(?P<y2>\d{{4}})(?:\s*(?:года|г\.))?)"
)
PLACE = r"(?P<place>[A-ZА-ЯЁ][\w'’.-]*(?:[ -][A-ZА-ЯЁ][\w'’.-]*){0,2})"
# In a title only one capitalised word before the comma is taken for the
# place: "… on Diplomats' Day Moscow, February 10, 2018".
TITLE_PLACE = r"(?P<place>[A-ZА-ЯЁ][\w'’.-]+)"
# Words that end a title's subject, not a place, before a date.
NOT_PLACES = {"day", "days", "week", "year", "anniversary", "holiday", "festival", "eve"}
TITLE_DATELINE = re.compile(rf"(?:,|\s)\s*(?:{TITLE_PLACE},\s+)?{DATE}\s*$")
BODY_DATELINE = re.compile(rf"^\s*{PLACE},\s+{DATE}\s*(?:[–—-]\s*|\.?\s*$)")


def strip_plugin_tags(text):
    """The text without Joomla plugin tags, and the tags found."""
    found = PLUGIN_TAG.findall(text)
    return PLUGIN_TAG.sub("", text), found


def strip_cloak(text):
    """The text without the cloak's script and notice; how many were found.
    The real addresses come from the database, never from this text."""
    count = len(CLOAK_TEXT.findall(text))
    text = CLOAK_SCRIPT.sub("", text)
    return CLOAK_TEXT.sub("", text), count


def split_source(text):
    """(text without its trailing source line, source name, source URL)."""
    match = TRAILING_SOURCE.search(text)
    if not match:
        return text, "", ""
    rest = match.group("rest")
    link = LINK.search(rest)
    url = ""
    if link and link.group(1).startswith(("http://", "https://")):
        url = link.group(1)
    name = " ".join(plain_text(rest).split()).rstrip(".")
    if not name:
        return text, "", ""
    return text[: match.start()].rstrip(), name[:200], url[:500]


def _date_from(match):
    groups = match.groupdict()
    month = (groups["m1"] or groups["m2"]).lower()
    day = int(groups["d1"] or groups["d2"])
    year = int(groups["y1"] or groups["y2"])
    try:
        return datetime.date(year, MONTHS[month], day)
    except ValueError:
        return None


def split_title_dateline(title):
    """ "Remarks at the ceremony Moscow, February 10, 2018" → ("Remarks at
    the ceremony", "Moscow", date(2018, 2, 10)). Only a capitalised word just
    before the comma is taken for the place."""
    match = TITLE_DATELINE.search(title)
    if not match or not (date := _date_from(match)):
        return title, "", None
    place = match.group("place") or ""
    if place.lower() in NOT_PLACES:
        # "Greetings on Diplomats' Day, February 10, 2018": the day's name.
        return title[: match.start("place")].rstrip() + " " + place, "", date
    rest = title[: match.start()].rstrip(" ,–—-")
    return rest or title, place, date


def split_body_dateline(text):
    """A first paragraph that is (or opens with) "Moscow, February 10, 2018":
    (text without it, place, date)."""
    block = FIRST_BLOCK.match(text)
    inner = block.group(2) if block else text
    match = BODY_DATELINE.match(html.unescape(plain_text(inner)))
    if not match or not (date := _date_from(match)):
        return text, "", None
    words = html.unescape(plain_text(inner))
    remainder = words[match.end() :].strip()
    if block:
        replacement = f"<p>{html.escape(remainder)}</p>" if remainder else ""
        return replacement + text[block.end() :], match.group("place"), date
    return remainder, match.group("place"), date


def summary_from(intro, has_full_text):
    """The summary: the intro when the article has a "read more" break,
    else its first paragraph; plain text, at most 300 characters."""
    if not has_full_text:
        block = FIRST_BLOCK.match(intro)
        intro = block.group(2) if block else intro
    words = " ".join(plain_text(intro).split())
    return Truncator(words).chars(300)


def images_in(text):
    """(the <img> tag, its src, its alt) for each image of the text."""
    found = []
    for tag in IMG.findall(text):
        attributes = {
            name.lower(): html.unescape(double or single)
            for name, double, single in ATTRIBUTE.findall(tag)
        }
        if attributes.get("src"):
            found.append((tag, attributes["src"], attributes.get("alt", "")))
    return found


def rewrite_links(text, new_href):
    """`text` with the address of each link replaced by `new_href(address)`
    (the address unescaped; None keeps the link as it is)."""

    def replace(match):
        raw = match.group(2) if match.group(2) is not None else match.group(3)
        new = new_href(html.unescape(raw))
        if new is None:
            return match.group(0)
        return f'{match.group(1)}"{html.escape(new)}"'

    return HREF.sub(replace, text)


def site_prefix(url):
    """ "https://www.Old.example/site/" → ("www.old.example", "/site"): an
    old site's host and the folder it lived in."""
    url = url.strip()
    parts = urlsplit(url if "//" in url else "//" + url)
    return parts.netloc.lower(), parts.path.rstrip("/")


def joomla_image_path(value):
    """ "images/a.jpg#joomlaImage://local-images/a.jpg?width=…" → "images/a.jpg"."""
    return (value or "").split("#", 1)[0].strip()


class _TagBalance(HTMLParser):
    VOID = {"br", "img", "hr", "input", "meta", "link", "area", "base", "col", "source", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open = []
        self.broken = False

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if tag in self.open:
            while self.open and self.open.pop() != tag:
                self.broken = True
        else:
            self.broken = True


def is_broken_html(text):
    """True when tags are left open or closed out of order: the sanitiser
    repairs it, and the report says so, so that someone checks the page."""
    checker = _TagBalance()
    checker.feed(text)
    checker.close()
    # <p> and <li> may close themselves in HTML; anything else left open is broken.
    return checker.broken or any(tag not in ("p", "li") for tag in checker.open)
