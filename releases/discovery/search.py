"""Searching the public releases, in the language of the page.

PostgreSQL (production): full-text search with a stemming configuration per
language, web-search syntax ("a phrase", OR, -word), ranking with the title
weighted over the summary over the body, highlighted snippets, and a stored
document per language, kept by PostgreSQL and indexed with GIN (migration
release_stored_search_documents; see StoredDocument). Each word is looked
for both stemmed and as written, so that a name is found in any grammatical
case and the form typed ranks first (see SearchConfig).

SQLite (development): every word or phrase is matched as a substring of the
case-folded text, by a Python function registered on each connection, because
SQLite's LIKE folds ASCII letters only ("посол" would not find "Посол").
Titles rank before summaries before bodies. Linear in the size of the corpus:
fine for a laptop, not for a large archive.

Both search the page's language and, where a text has no translation, the
English the page falls back to (the same fallback django-modeltranslation
uses for display), so a visitor finds what they are shown.

A search ranks a bounded set: the newest RANKED_MATCHES releases that match
(all of them, for any word rarer than that), best first, and the page says
"more than RANKED_MATCHES" when there are more. Ranking and counting every
match of a common word meant reading every matching document (100,000 at
the archive's size): most of a second, for an order no one reads to the end
of. See SearchResults.
"""

import functools
import html
import json
import re
import string
import unicodedata
from dataclasses import dataclass, replace

from django.conf import settings
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQueryField,
    SearchRank,
    SearchVector,
    SearchVectorField,
)
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import BooleanField, Expression, F, Func, IntegerField, TextField, Value
from django.db.models.functions import Coalesce, Concat, Left, NullIf
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.generic import ListView

from embassy import fragments
from embassy.text import FORBIDDEN, plain_text

from ..filters import ReleaseFilter
from ..views import RELEASES_PER_PAGE, PublicPageMixin

MAX_QUERY_LENGTH = 200
# More words than this add nothing a visitor can judge and cost time.
MAX_TERMS = 16
SNIPPET_CHARS = 220
NOTICES_IN_SEARCH = 5
# A search ranks the newest this many matches, and no more (see SearchResults).
# Smaller is not simply faster: PostgreSQL then walks the date index looking
# for them, which at 100,000 releases made a name found in 1 % of them take
# 270 ms at 300 (106 ms at 1,000, where it reads the GIN index instead), while
# a phrase fell from 205 to 99 ms.
RANKED_MATCHES = 1000
# PostgreSQL's headline reads this much of the summary and body: the time it
# takes grows with the text, and the match a snippet shows is nearly always
# near the start. A release matched only further on gets its snippet from
# snippet(), over the whole text, instead.
HEADLINE_SOURCE_CHARS = 2000


@dataclass(frozen=True)
class SearchConfig:
    """How PostgreSQL reads the texts and the queries of one language.

    A stemmer alone misses names: Russian's reads "Лавров" as the stem "лавр"
    but "Лаврова" and "Лаврову" as "лавров", so the nominative found neither.
    The document is therefore indexed twice, stemmed and with every word as
    written (`exact`), and each word of a query may match either: "Лавров"
    finds "лавров" among the stems of "Лаврова", and the document that has
    the very form typed matches twice and ranks first. With `prefixes`, a
    word of PREFIX_MIN_LETTERS or more also matches longer words starting
    with its stem: "Сергей" (stem "серг") finds "Сергея" (stem "серге"), and
    "Сталинград" finds "Сталинградская битва".
    """

    stemmer: str
    exact: str | None = "simple"
    prefixes: bool = False

    @property
    def names(self):
        return [name for name in (self.stemmer, self.exact) if name]


# PostgreSQL's text-search configuration per language of the settings.
# "russian" stems Cyrillic words and sends Latin ones to the English stemmer.
# A language PostgreSQL has no stemmer for (Hindi) is only lower-cased, which
# already is its exact form.
STEMMED = {"en": SearchConfig("english"), "ru": SearchConfig("russian", prefixes=True)}
UNSTEMMED = SearchConfig("simple", exact=None)
SEARCH_CONFIGS = {code: STEMMED.get(code, UNSTEMMED) for code, _name in settings.LANGUAGES}
# Shorter stems would find too many unrelated words ("Дели" → "дело").
PREFIX_MIN_LETTERS = 6

# Private-use characters mark the matches in PostgreSQL's headlines: the text
# is escaped first and only then are these turned into <mark> elements.
START_SEL, STOP_SEL = "\ue000", "\ue001"
# What no page may hold (embassy/text.py), and the marks of the matches.
CONTROL_CHARACTERS = re.compile(f"{FORBIDDEN.pattern}|[{START_SEL}{STOP_SEL}]")
TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class CleanQuery:
    text: str
    truncated: bool = False


def clean_query(raw):
    """What a visitor typed, made safe to search for: no NUL or control
    characters (PostgreSQL rejects NUL), whitespace collapsed, and no longer
    than MAX_QUERY_LENGTH characters."""
    text = " ".join(CONTROL_CHARACTERS.sub(" ", raw or "").split())
    if len(text) <= MAX_QUERY_LENGTH:
        return CleanQuery(text)
    return CleanQuery(text[:MAX_QUERY_LENGTH].rstrip(), truncated=True)


def search_language(language=None):
    language = (language or get_language() or "en").split("-")[0]
    return language if language in SEARCH_CONFIGS else "en"


def localized(field, language):
    """The column the page shows: the language's own, or English when empty."""
    if language == "en":
        return F(f"{field}_en")
    return Coalesce(
        NullIf(F(f"{field}_{language}"), Value(""), output_field=TextField()),
        F(f"{field}_en"),
        output_field=TextField(),
    )


WEIGHTS = {"title": "A", "summary": "B", "body": "C"}
# Tables whose documents PostgreSQL stores (StoredDocument); the others, a
# few hundred rows at most (notices), build theirs in the query.
STORED_DOCUMENTS = {"releases.release"}


def search_vector(language):
    """The document of a row with title, summary and body: its stemmed
    words, then its words as written, weighted title over summary over body."""
    vectors = [
        SearchVector(localized(field, language), config=config, weight=weight)
        for config in SEARCH_CONFIGS[language].names
        for field, weight in WEIGHTS.items()
    ]
    return functools.reduce(lambda left, right: left + right, vectors)


def document(model, language):
    if model._meta.label_lower in STORED_DOCUMENTS:
        return StoredDocument(language)
    return search_vector(language)


class StoredDocument(Expression):
    """search_vector() of a release, stored: the generated column
    `search_<language>`, which PostgreSQL keeps up to date itself and indexes
    with GIN (migration release_stored_search_documents, which freezes the
    expression; to change what releases are searched by, write a migration
    that redefines the column). Reading it costs nothing, where building the
    document again for every match cost most of a search."""

    output_field = SearchVectorField()

    def __init__(self, language):
        super().__init__()
        self.language = language

    def as_sql(self, compiler, connection):
        table = compiler.quote_name(compiler.query.get_initial_alias())
        return f"{table}.{connection.ops.quote_name(f'search_{self.language}')}", []


@dataclass(frozen=True)
class Sql:
    """A piece of SQL and its parameters."""

    text: str
    params: tuple = ()

    @classmethod
    def join(cls, separator, parts):
        parts = list(parts)
        return cls(
            separator.join(part.text for part in parts),
            tuple(param for part in parts for param in part.params),
        )


class WordFormsQuery(Expression):
    """The groups of parse_query() as a PostgreSQL tsquery, every word in
    each form SearchConfig indexes: groups joined by OR, the terms of a group
    by AND, -terms negated. A phrase matches as PostgreSQL reads it in the
    stemmed configuration, or word by word in any of the forms, so that
    "Сергей Лавров" finds "Сергея Лаврова"."""

    output_field = SearchQueryField()

    def __init__(self, groups, config):
        super().__init__()
        self.groups = groups
        self.config = config

    def as_sql(self, compiler, connection):
        query = Sql.join(" || ", (self._group(group) for group in self.groups))
        return f"({query.text})", query.params

    def _group(self, group):
        terms = Sql.join(" && ", (self._term(term, negated) for term, negated in group))
        return Sql(f"({terms.text})", terms.params)

    def _term(self, term, negated):
        words = term.split()
        if len(words) == 1:
            forms = self._word(term)
        else:
            stemmed = self._tsquery("phraseto_tsquery", self.config.stemmer, term)
            chain = functools.reduce(self._followed_by, map(self._word, words))
            forms = Sql.join(" || ", [stemmed, chain]) if self.config.exact else stemmed
        return Sql(f"!!({forms.text})" if negated else f"({forms.text})", forms.params)

    def _word(self, word):
        """The word stemmed, as written, and as the start of longer words. A
        word the stemmer drops (a stop word such as "the" or "и") stays
        dropped: found as written it would match nearly every release."""
        config = self.config
        stemmed = self._tsquery("phraseto_tsquery", config.stemmer, word)
        if not config.exact:
            return stemmed
        forms = [stemmed, self._tsquery("phraseto_tsquery", config.exact, word)]
        if config.prefixes and word.isalpha() and len(word) >= PREFIX_MIN_LETTERS:
            forms.append(self._tsquery("to_tsquery", config.stemmer, f"{word}:*"))
        either = Sql.join(" || ", forms)
        return Sql(
            f"(CASE WHEN numnode({stemmed.text}) = 0 THEN {stemmed.text} ELSE {either.text} END)",
            stemmed.params * 2 + either.params,
        )

    @staticmethod
    def _tsquery(function, config, text):
        return Sql(f"{function}(%s::regconfig, %s)", (config, text))

    @staticmethod
    def _followed_by(left, right):
        return Sql(f"tsquery_phrase({left.text}, {right.text})", left.params + right.params)


class Matches(Func):
    """vector @@ query, for a query the @@ lookup would wrap in plainto_tsquery()."""

    arg_joiner = " @@ "
    template = "(%(expressions)s)"
    output_field = BooleanField()


def strip_tags_sql(expression):
    return Func(
        expression,
        Value("<[^>]*>"),
        Value(" "),
        Value("g"),
        function="regexp_replace",
        output_field=TextField(),
    )


class ReleaseSearch:
    """A search for `text` in the current (or given) language."""

    def __init__(self, text, language=None):
        self.text = text
        self.language = search_language(language)
        self.groups = parse_query(text)

    def filter(self, queryset):
        """The releases of `queryset` that match, in the queryset's order."""
        return self._search(queryset, ranked=False)

    def rank(self, queryset):
        """The releases that match, best first (SearchResults gives each
        release of a page its `search_snippet`)."""
        return self._search(queryset, ranked=True)

    def _search(self, queryset, ranked):
        if not self.text:
            return queryset.none()
        if connections[queryset.db].vendor == "postgresql":
            searched = self._postgresql(queryset, ranked)
        else:
            searched = self._fallback(queryset, ranked)
        if ranked and not searched.query.is_empty():
            searched = searched.annotate(search_headline=self._headline_of(searched.db))
        return searched

    def _headline_of(self, db):
        if connections[db].vendor != "postgresql":
            return Value(None, output_field=TextField())
        config = SEARCH_CONFIGS[self.language]
        return self._headline(WordFormsQuery(self.pg_groups, config), config)

    @cached_property
    def pg_groups(self):
        return parse_query(self.text, normalize_term=normalize)

    def _postgresql(self, queryset, ranked):
        groups = self.pg_groups
        if not groups:
            return queryset.none()
        config = SEARCH_CONFIGS[self.language]
        vector = document(queryset.model, self.language)
        matching = queryset.filter(Matches(vector, WordFormsQuery(groups, config)))
        if not ranked:
            return matching
        # Prefixes widen what is found, not how well it matches: a release
        # found only through one ranks after those that have the word itself.
        rank = SearchRank(vector, WordFormsQuery(groups, replace(config, prefixes=False)))
        return self._best_of_newest(queryset, matching, rank)

    @staticmethod
    def _best_of_newest(queryset, matching, rank):
        """The newest RANKED_MATCHES + 1 releases of `matching`, best first.
        Finding them is a walk down the date index that stops there (or, for
        a rare word, the GIN index's few matches sorted by date); ranking
        them reads only their documents. One more than RANKED_MATCHES, so
        that SearchResults knows that there are more."""
        newest = matching.order_by("-date", "-pk").values("pk")[: RANKED_MATCHES + 1]
        return (
            queryset.filter(pk__in=newest)
            .annotate(search_rank=rank)
            .order_by("-search_rank", "-date", "-pk")
        )

    def _headline(self, query, config):
        text = Concat(
            localized("summary", self.language),
            Value(" "),
            strip_tags_sql(localized("body", self.language)),
            output_field=TextField(),
        )
        return SearchHeadline(
            Left(text, HEADLINE_SOURCE_CHARS),
            query,
            config=config.stemmer,
            start_sel=START_SEL,
            stop_sel=STOP_SEL,
            max_words=35,
            min_words=15,
            max_fragments=2,
            fragment_delimiter=" … ",
        )

    def _fallback(self, queryset, ranked):
        rank = Func(
            localized("title", self.language),
            localized("summary", self.language),
            localized("body", self.language),
            Value(json.dumps(self.groups)),
            function=FALLBACK_RANK_FUNCTION,
            output_field=IntegerField(),
        )
        matching = queryset.annotate(search_rank=rank).filter(search_rank__gt=0)
        if not ranked:
            return matching
        return self._best_of_newest(queryset, matching, rank)

    def results(self, queryset, key=None):
        """The releases of `queryset` that match, best first, as the search
        page shows them (see SearchResults). `key`, if given, names the
        search (words, language, filters): its results are kept under it."""
        return SearchResults(self, queryset, key)

    def add_snippets(self, releases):
        """Set `search_snippet` (safe HTML, matches in <mark>) on each release:
        PostgreSQL's headline where it marks a match in the text it reads,
        otherwise the match found in the whole text (or its start)."""
        for release in releases:
            headline = getattr(release, "search_headline", None)
            if headline is not None and START_SEL in headline:
                release.search_snippet = mark_headline(headline)
            else:
                release.search_snippet = snippet(
                    f"{release.summary} {plain_text(release.body)}", self.groups
                )
        return releases


class SearchResults:
    """What the search page pages through: the ranked releases of
    ReleaseSearch.rank(), found with one query (their ids, at most
    RANKED_MATCHES + 1), each page's releases then loaded by id with their
    snippets, both kept per content version under the search's key. No
    COUNT: the number of ids is the count, capped at RANKED_MATCHES, with
    `more` set when there are more matches than that; the pages end there.
    A Paginator takes it as it takes a queryset."""

    def __init__(self, search, queryset, key=None):
        self.search = search
        self.queryset = queryset
        self.key = key

    @cached_property
    def ids(self):
        """The ranked ids, kept per content version under the search's key:
        on the day of a crisis thousands search for the same few words."""
        if self.key is None:
            return self.read_ids()
        return fragments.cached("search-ids", self.key, self.read_ids)

    def read_ids(self):
        """The ids, read with a plain cursor: through the ORM's iterables
        each of the thousand rows cost more than ranking them all did."""
        ranked = self.search.rank(self.queryset.select_related(None).prefetch_related(None))
        try:
            sql, params = ranked.values_list("pk", flat=True).query.sql_with_params()
        except EmptyResultSet:
            return []
        with connections[ranked.db].cursor() as cursor:
            cursor.execute(sql, params)
            return [row[0] for row in cursor.fetchall()]

    @property
    def limit(self):
        return RANKED_MATCHES

    @property
    def more(self):
        """Whether more releases match than are ranked and counted."""
        return len(self.ids) > self.limit

    def count(self):
        return min(len(self.ids), self.limit)

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        ids = self.ids[: self.limit][index]
        if not ids:
            return []
        if self.key is None:
            return self.load(ids)
        return fragments.cached(
            "search-page", (self.key, index.start, index.stop), lambda: self.load(ids)
        )

    def load(self, ids):
        """The releases of `ids`, in that order, with their snippets."""
        releases = self.queryset.filter(pk__in=ids).annotate(
            search_headline=self.search._headline_of(self.queryset.db)
        )
        by_id = {release.pk: release for release in releases.order_by()}
        return self.search.add_snippets([by_id[pk] for pk in ids if pk in by_id])


# --- Query syntax ------------------------------------------------------------

TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
PUNCTUATION = string.punctuation + "«»„“”‘’…–—"


def normalize(text):
    """Text Unicode-normalised, with any run of spaces or line breaks as one
    space (phrases span lines). PostgreSQL does the rest: lower-casing, and ё
    read as е by the Russian stemmer (but not in the exact forms)."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def fold(text):
    """Text as the fallback compares it: normalised, case-folded, and with ё
    read as е (Russian writers often type one for the other)."""
    return normalize(text).casefold().replace("ё", "е")


def parse_query(text, normalize_term=fold):
    """Web-search syntax as PostgreSQL reads it, for both searches and the
    snippets: groups separated by OR; in each group, words and "phrases" that
    must all occur and -words that must not. [[["visit", false]], ...]"""
    groups = [[]]
    count = 0
    for match in TOKEN.finditer(text):
        negated, phrase, word = match.groups()
        if word is not None:
            if word.casefold() == "or":
                groups.append([])
                continue
            negated = "-" if word.startswith("-") else ""
            phrase = word.lstrip("-")
        term = normalize_term(phrase).strip(PUNCTUATION + " ")
        if term and count < MAX_TERMS:
            groups[-1].append([term, bool(negated)])
            count += 1
    return [group for group in groups if group]


@functools.lru_cache(maxsize=64)
def _groups(groups_json):
    return json.loads(groups_json)


def fallback_rank(title, summary, body, groups_json):
    """0 when the release does not match; otherwise 1 plus 100 per word found
    in the title, 10 per word in the summary, 1 per word in the body, so that
    title matches come first. Registered as an SQLite function."""
    fields = [fold(title or ""), fold(summary or ""), fold(html.unescape(TAG.sub(" ", body or "")))]
    document = " ".join(fields)
    best = 0
    for group in _groups(groups_json):
        if any((term in document) == negated for term, negated in group):
            continue
        score = 1 + sum(
            100 * (term in fields[0]) + 10 * (term in fields[1]) + (term in fields[2])
            for term, negated in group
            if not negated
        )
        best = max(best, score)
    return best


FALLBACK_RANK_FUNCTION = "embassy_release_search_rank"


def register_sqlite_functions(sender, connection, **kwargs):
    """connection_created receiver: give SQLite the fallback's rank function."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            FALLBACK_RANK_FUNCTION, 4, fallback_rank, deterministic=True
        )


# --- Snippets ----------------------------------------------------------------


def mark_headline(headline):
    """PostgreSQL's headline as safe HTML: everything escaped, then only the
    match markers turned into <mark> elements (always balanced)."""
    escaped = escape(" ".join(html.unescape(headline).split()))
    marked = re.sub(f"{START_SEL}(.*?){STOP_SEL}", r"<mark>\1</mark>", escaped, flags=re.S)
    return mark_safe(marked.replace(START_SEL, "").replace(STOP_SEL, ""))  # noqa: S308


def term_pattern(groups):
    terms = sorted(
        {term for group in groups for term, negated in group if not negated}, key=len, reverse=True
    )
    if not terms:
        return None
    alternatives = [
        r"\s+".join(re.escape(word).replace("е", "[её]") for word in term.split()) for term in terms
    ]
    return re.compile("|".join(alternatives), re.IGNORECASE)


def snippet(text, groups):
    """About SNIPPET_CHARS characters of `text` around the first match, as safe
    HTML with the matches in <mark>. Used where PostgreSQL's headline is not."""
    text = " ".join(text.split())
    pattern = term_pattern(groups)
    first = pattern.search(text) if pattern else None
    start = max(0, first.start() - SNIPPET_CHARS // 3) if first else 0
    if start:
        start = text.find(" ", start) + 1 or start
    end = start + SNIPPET_CHARS
    if end < len(text):
        end = text.rfind(" ", start, end) if " " in text[start:end] else end
    window = text[start:end]
    parts, position = [], 0
    for match in pattern.finditer(window) if pattern else ():
        parts.append(escape(window[position : match.start()]))
        parts.append(f"<mark>{escape(match.group())}</mark>")
        position = match.end()
    parts.append(escape(window[position:]))
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(parts) + suffix)  # noqa: S308


# --- The page ----------------------------------------------------------------


class SearchView(PublicPageMixin, ListView):
    """/search/?q=...: the public releases that match, best first, narrowed by
    the release list's filters (kind, speaker, topic, event, year, dates)."""

    paginate_by = RELEASES_PER_PAGE
    template_name = "releases/search.html"
    # SearchResults counts what it ranks: no COUNT to cache, no deep pages to seek.
    paginator_class = Paginator

    def get_queryset(self):
        self.query = clean_query(self.request.GET.get("q", ""))
        self.search = ReleaseSearch(self.query.text)
        self.filterset = ReleaseFilter.of_query(self.request.GET, self.public_releases())
        if not self.query.text:
            return self.filterset.qs.none()
        return self.search.results(self.filterset.qs, key=self.list_key())

    def list_key(self):
        """The search: its words, the language (whose stemming it uses) and
        its filters. Its ranked matches, pages and cards are kept under it."""
        return (*super().list_key(), self.filterset.given(), self.query.text, get_language())

    def get_context_data(self, **kwargs):
        results = self.object_list
        context = super().get_context_data(
            query=self.query,
            filter=self.filterset,
            filter_key=self.filterset.given(),
            filter_active=self.filterset.active,
            max_query_length=MAX_QUERY_LENGTH,
            notices=self.matching_notices(),
            more_results=getattr(results, "more", False),
            ranked_matches=RANKED_MATCHES,
            **kwargs,
        )
        return context

    def matching_notices(self):
        """Consular notices that match, newest first, above the releases (on
        the first page only): the same search over their title, summary and
        text. Imported here: the notices app builds on this one."""
        from notices.models import Notice

        if not self.query.text or self.request.GET.get("page", "1") != "1":
            return []
        notices = self.search.filter(Notice.objects.published())
        return fragments.cached(
            "search-notices",
            (self.query.text, get_language()),
            lambda: list(notices.order_by("-published_at", "-pk")[:NOTICES_IN_SEARCH]),
        )
