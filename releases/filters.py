import django_filters
from django import forms
from django.db.models.functions import ExtractYear
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ModelChoiceField

from embassy import fragments

from .models import Event, Release, ReleaseKind, Speaker, Topic


def release_years(request=None):
    return fragments.cached("release-years", (), read_release_years)


def read_release_years():
    years = (
        Release.objects.published()
        .annotate(year=ExtractYear("date"))
        .values_list("year", flat=True)
        .distinct()
        .order_by("-year")
    )
    return [(year, str(year)) for year in years]


class CachedSelect(forms.Select):
    """A <select> whose options (every speaker, event and topic) are rendered
    once per content version and language, not through the form renderer's
    templates on every request, which took most of the list page's time.
    Gives the same HTML as Django's Select; only the chosen option differs
    from one request to the next, and it is marked in the cached text."""

    def __init__(self, attrs=None, choices=(), *, cache_name):
        super().__init__(attrs, choices)
        self.cache_name = cache_name

    def render(self, name, value, attrs=None, renderer=None):
        options = fragments.cached(
            "select-options", (self.cache_name, get_language()), self.render_options
        )
        chosen = self.format_value(value)
        if chosen:
            option = format_html('\n  <option value="{}">', chosen[0])
            options = options.replace(option, option[:-1] + " selected>", 1)
        attrs = flatatt(self.build_attrs(self.attrs, attrs))
        # The options were escaped by format_html when they were rendered.
        options = mark_safe(options)  # noqa: S308
        return format_html('<select name="{}"{}>{}\n</select>', name, attrs, options)

    def render_options(self):
        return "".join(
            format_html('\n  <option value="{}">{}</option>', "" if value is None else value, label)
            for value, label in self.choices
        )


class KeptModelChoiceField(ModelChoiceField):
    """A speaker, topic or event named in the query string, looked up once
    per content version: the list's links repeat the same few values, and a
    query per value per request was a third of a filtered list's time. The
    widget's `cache_name` names the options, valid values included."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        found = fragments.cached(
            "filter-choice", (self.widget.cache_name, str(value)), lambda: self.look_up(value)
        )
        if found is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return found

    def look_up(self, value):
        try:
            return super().to_python(value)
        except forms.ValidationError:
            return None


class KeptModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = KeptModelChoiceField


class DateInput(forms.DateInput):
    """A native date picker: no JavaScript, and the browser validates."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class ReleaseFilter(django_filters.FilterSet):
    """The filters of the release list. Every value lives in the query string,
    so a filtered list can be bookmarked, paginated and shared; a value that
    does not validate is ignored rather than failing the page."""

    kind = django_filters.ChoiceFilter(
        label=_("Kind"),
        choices=ReleaseKind.choices,
        empty_label=_("All kinds"),
        widget=CachedSelect(cache_name="release-filter-kind"),
    )
    speaker = KeptModelChoiceFilter(
        label=_("Speaker"),
        field_name="speakers",
        to_field_name="slug",
        queryset=Speaker.objects.with_public_releases(),
        empty_label=_("All speakers"),
        widget=CachedSelect(cache_name="release-filter-speaker"),
    )
    topic = KeptModelChoiceFilter(
        label=_("Topic"),
        field_name="topics",
        to_field_name="slug",
        queryset=Topic.objects.all(),
        empty_label=_("All topics"),
        widget=CachedSelect(cache_name="release-filter-topic"),
    )
    event = KeptModelChoiceFilter(
        label=_("Event"),
        field_name="event",
        to_field_name="slug",
        queryset=Event.objects.published(),
        empty_label=_("All events"),
        widget=CachedSelect(cache_name="release-filter-event"),
    )
    year = django_filters.ChoiceFilter(
        label=_("Year"),
        field_name="date__year",
        choices=release_years,
        empty_label=_("All years"),
        widget=CachedSelect(cache_name="release-filter-year"),
    )
    date_from = django_filters.DateFilter(
        label=_("From"), field_name="date", lookup_expr="gte", widget=DateInput
    )
    date_to = django_filters.DateFilter(
        label=_("To"), field_name="date", lookup_expr="lte", widget=DateInput
    )

    class Meta:
        model = Release
        fields = ["kind", "speaker", "topic", "event", "year", "date_from", "date_to"]

    @classmethod
    def of_query(cls, query, queryset):
        """The filter set of a query string, bound to it only when it gives a
        filter's value: unbound, no form is built (about a millisecond) until
        a template shows one, and then from the fragment cache."""
        given = any(name in query for name in cls.base_filters)
        return cls(query if given else None, queryset=queryset)

    @classmethod
    def given_in(cls, query):
        """The filters' values as the query string gives them, to name the
        list they make (its count, pages and cards are kept under it). An
        invalid value is ignored by the query and only makes a name of its own.
        Read from the query string alone: no filter set needs building."""
        names = [name for name in cls.base_filters if name in query]
        return tuple((name, tuple(query.getlist(name))) for name in names)

    def given(self):
        return self.given_in(self.data) if self.data else ()

    @property
    def active(self):
        """True when at least one valid filter narrows the list."""
        if not self.is_bound:
            return False
        self.is_valid()  # fills cleaned_data with the valid values only
        return any(value not in (None, "") for value in self.form.cleaned_data.values())
