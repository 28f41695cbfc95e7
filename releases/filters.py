import django_filters
from django import forms
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from .models import Event, Release, ReleaseKind, Speaker, Topic


def release_years(request=None):
    years = (
        Release.objects.published()
        .annotate(year=ExtractYear("date"))
        .values_list("year", flat=True)
        .distinct()
        .order_by("-year")
    )
    return [(year, str(year)) for year in years]


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
        label=_("Kind"), choices=ReleaseKind.choices, empty_label=_("All kinds")
    )
    speaker = django_filters.ModelChoiceFilter(
        label=_("Speaker"),
        field_name="speakers",
        to_field_name="slug",
        queryset=Speaker.objects.with_public_releases(),
        empty_label=_("All speakers"),
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("Topic"),
        field_name="topics",
        to_field_name="slug",
        queryset=Topic.objects.all(),
        empty_label=_("All topics"),
    )
    event = django_filters.ModelChoiceFilter(
        label=_("Event"),
        field_name="event",
        to_field_name="slug",
        queryset=Event.objects.published(),
        empty_label=_("All events"),
    )
    year = django_filters.ChoiceFilter(
        label=_("Year"), field_name="date__year", choices=release_years, empty_label=_("All years")
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

    @property
    def active(self):
        """True when at least one valid filter narrows the list."""
        return self.is_bound and any(
            value not in (None, "") for value in self.form.cleaned_data.values()
        )
