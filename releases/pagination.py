"""Paginators of the public lists: a count computed once per content version,
and deep pages found by seeking rather than by OFFSET.

`?page=5000` of 100,000 releases with OFFSET makes the database walk 50,000
rows and throw them away, on every request. Instead, the first item of every
page (its date and id, the list's order) is read once per filter set and
content version, with one pass of a window function, and kept (see
embassy/fragments.py); page N is then "the 10 items from that boundary on",
an index range scan whatever N is. The first pages use OFFSET, which costs
nothing there, so that the boundary table is only built for lists someone
reads deep into. The page numbers in the addresses stay as they were.
"""

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.db.models import F, Q, Window
from django.db.models.functions import Mod, RowNumber
from django.utils.functional import SimpleLazyObject, cached_property

from embassy import fragments
from embassy.fragments import query_key

# Pages up to this one use OFFSET (at most a few hundred rows skipped).
SHALLOW_PAGES = 20
# The order that the seek follows: the Meta ordering of releases.
KEYSET_ORDER = ["-date", "-pk"]


class CachedCountPaginator(Paginator):
    """A paginator whose COUNT runs once per filter set and content version,
    however many pages and sharing tags ask for it.

    `key`, when the view gives one, names the list (the view, its arguments
    and its filters: everything the list depends on besides public content).
    Without it the list is known by its SQL, which costs a compilation of the
    query (a millisecond or more) each time it is asked."""

    def __init__(self, object_list, per_page, *args, key=None, **kwargs):
        self.key = key
        super().__init__(object_list, per_page, *args, **kwargs)

    def _check_object_list_is_ordered(self):
        # A list the view hands over lazily (ReleaseListView) is built only
        # when its rows are read; looking at its ordering would build it.
        if not isinstance(self.object_list, SimpleLazyObject):
            super()._check_object_list_is_ordered()

    def list_key(self, queryset):
        if self.key is not None:
            return self.key
        return query_key(queryset.order_by())

    @cached_property
    def count(self):
        try:
            key = self.list_key(self.object_list)
        except (AttributeError, EmptyResultSet):  # a list, or a query that matches nothing
            return super().count
        return fragments.cached("count", key, lambda: Paginator.count.func(self))


class KeysetPaginator(CachedCountPaginator):
    """Deep pages of a list in KEYSET_ORDER seek to their first item."""

    def page(self, number):
        number = self.validate_number(number)
        # The rows are only looked for when the page's cards are rendered
        # afresh: a warm page has them kept, and builds no query for them.
        return Page(SimpleLazyObject(lambda: self.rows(number)), number, self)

    def rows(self, number):
        if number <= SHALLOW_PAGES or not self.seekable():
            return super().page(number).object_list
        boundaries = self.boundaries()
        if number > len(boundaries):  # cannot happen while count and table agree
            return super().page(number).object_list
        date, pk = boundaries[number - 1]
        # `date <= boundary` alone is what the index's range scan can use;
        # the rest drops the items of the same date that an earlier page shows.
        items = self.object_list.filter(Q(date__lt=date) | Q(date=date, pk__lte=pk), date__lte=date)
        return items[: self.per_page]

    def seekable(self):
        query = getattr(self.object_list, "query", None)
        if query is None:
            return False
        order = list(query.order_by) or list(self.object_list.model._meta.ordering)
        return order == KEYSET_ORDER

    def boundaries(self):
        """(date, id) of the first item of every page, in page order."""
        queryset = self.object_list.select_related(None).prefetch_related(None)
        key = (self.list_key(queryset), self.per_page)
        return fragments.cached("page-boundaries", key, lambda: self.read_boundaries(queryset))

    def read_boundaries(self, queryset):
        numbered = queryset.annotate(
            row=Window(RowNumber(), order_by=[F("date").desc(), F("pk").desc()])
        ).annotate(slot=Mod(F("row") - 1, self.per_page))
        rows = numbered.filter(slot=0).order_by("-date", "-pk").values_list("date", "pk")
        return list(rows)
