"""The office form's weekly hours: one row per service, one text cell per
weekday ("09:00–13:00, 14:00–17:00"), instead of one inline row per slot.

The grid speaks the formset interface the admin expects of an inline
(management form, is_valid, has_changed, save, and the new, changed and
deleted objects its change message lists), so OfficeAdmin keeps its
transaction, its revision history (the inline's model is followed) and its
"nothing saved on error". Reading and writing a cell's text is in
contacts/hours_text.py.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.formsets import BaseFormSet, formset_factory
from django.utils.translation import gettext_lazy as _

from embassy.dates import zone_label
from services.models import Service

from .hours import Weekday
from .hours_text import format_day, parse_day
from .models import OpeningHours

# A cell holds a few slots; anything longer is not a day's hours.
CELL_MAX_LENGTH = 200


def day_field_name(weekday):
    return f"day_{weekday}"


class DayField(forms.CharField):
    """One weekday's slots as text; cleaned into (opens, closes) pairs."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", CELL_MAX_LENGTH)
        # A text box of two lines: a day of two slots wraps in a narrow
        # column instead of hiding its second slot; the stylesheet lets it
        # grow with its text where the browser can (field-sizing).
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 2, "cols": 12}))
        super().__init__(**kwargs)

    def clean(self, value):
        return parse_day(super().clean(value))

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        # "9-13" typed over "09:00–13:00" is the same day.
        try:
            return parse_day(initial or "") != parse_day(data or "")
        except ValidationError:
            return True

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        # maxlength only: the browser's own "too long" bubble is not needed.
        attrs.update({"class": "hours-cell", "autocomplete": "off", "spellcheck": "false"})
        return attrs


class ServiceWeekForm(forms.Form):
    """One service's week at one office. Existing rows carry their service
    in a hidden field; the empty row at the end picks one."""

    service = forms.TypedChoiceField(
        label=_("service"), coerce=int, required=False, empty_value=None
    )

    def __init__(
        self, *args, services=None, service_choices=(), is_new_row=False, grid_prefix="", **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.services = services or {}
        self.is_new_row = is_new_row
        field = self.fields["service"]
        field.choices = [("", _("Choose a service")), *service_choices]
        if not is_new_row:
            field.widget = forms.HiddenInput()
        # Each cell is named by its row and column headers: "Visa documents Monday".
        self.row_header_id = f"{self.prefix}-name"
        for weekday in Weekday:
            self.fields[day_field_name(weekday)] = DayField(label=weekday.label)
            self.fields[day_field_name(weekday)].widget.attrs["aria-labelledby"] = (
                f"{self.row_header_id} {grid_prefix}-day-{weekday.value}"
            )

    @property
    def service_object(self):
        """The row's service, from what was sent or, unbound, the initial data."""
        value = self["service"].value()
        try:
            return self.services.get(int(value))
        except (TypeError, ValueError):
            return None

    @property
    def cells(self):
        """(weekday, bound field) for the template, Monday first."""
        return [(weekday, self[day_field_name(weekday)]) for weekday in Weekday]

    def clean(self):
        cleaned = super().clean()
        # What was typed, not what was read: a cell with a mistake counts.
        typed = any((self[day_field_name(weekday)].value() or "").strip() for weekday in Weekday)
        if cleaned.get("service") is None:
            if typed or not self.is_new_row:
                raise ValidationError(
                    _("Choose the service these hours are for."), code="no_service"
                )
        elif cleaned["service"] not in self.services:
            self.add_error("service", _("Choose a service from the list."))
        elif self.is_new_row and not typed:
            raise ValidationError(
                _("Type the hours of at least one day, or choose no service."), code="no_hours"
            )
        return cleaned

    def wanted_slots(self):
        """{(weekday, opens, closes)} this row asks for."""
        return {
            (weekday.value, opens, closes)
            for weekday in Weekday
            for opens, closes in self.cleaned_data[day_field_name(weekday)]
        }


def initial_rows(office, rows):
    """One initial row per service: those with hours first, in the order they
    were first entered (as the public page lists them), then the services
    the office offers that have no hours yet."""
    by_service = {}
    for row in sorted(rows, key=lambda row: row.pk):
        by_service.setdefault(row.service_id, []).append(row)
    offered = []
    if office is not None and office.pk is not None:
        offered = office.services.exclude(pk__in=by_service).values_list("pk", flat=True)
    result = []
    for service_id, slots in [*by_service.items(), *((pk, []) for pk in offered)]:
        initial = {"service": service_id}
        for weekday in Weekday:
            day = [(s.opens, s.closes) for s in slots if s.weekday == weekday]
            initial[day_field_name(weekday)] = format_day(day)
        result.append(initial)
    return result


def service_label(service):
    if service.is_active:
        return service.name
    return _("%(service)s (no public page)") % {"service": service.name}


class BaseHoursGrid(BaseFormSet):
    """The weekly grid of one office. Called by the admin as an inline
    formset: instance, prefix, queryset and, on POST, data."""

    # Set by OpeningHoursGridInline.get_formset() for the request.
    can_edit = True
    extra_rows = 1

    def __init__(self, data=None, files=None, instance=None, prefix=None, queryset=None, **kwargs):
        kwargs.pop("save_as_new", None)
        self.instance = instance
        rows = []
        if instance is not None and instance.pk is not None:
            queryset = queryset if queryset is not None else OpeningHours.objects.all()
            rows = list(queryset.filter(office=instance))
        self.services = {s.pk: s for s in Service.objects.order_by("name", "pk")}
        self.service_choices = [(pk, service_label(s)) for pk, s in self.services.items()]
        self.extra = self.extra_rows if self.can_edit else 0
        super().__init__(
            data,
            files,
            prefix=prefix or self.get_default_prefix(),
            initial=initial_rows(instance, rows),
            **kwargs,
        )
        self.new_objects, self.changed_objects, self.deleted_objects = [], [], []

    @classmethod
    def get_default_prefix(cls):
        return "opening_hours"

    def get_form_kwargs(self, index):
        return {
            "services": self.services,
            "service_choices": self.service_choices,
            "is_new_row": index is None or index >= self.initial_form_count(),
            "grid_prefix": self.prefix,
        }

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        if not self.can_edit:
            for field in form.fields.values():
                field.disabled = True
        return form

    @property
    def time_zone_label(self):
        """ "India time, UTC+5:30": the zone the times are in."""
        if self.instance is None:
            return ""
        try:
            return zone_label(self.instance.time_zone)
        except (ValueError, KeyError, OSError):
            return self.instance.time_zone  # the form shows the bad zone's own error

    @property
    def weekdays(self):
        """(weekday, header id) for the column headers."""
        return [(weekday, f"{self.prefix}-day-{weekday.value}") for weekday in Weekday]

    def clean(self):
        seen = set()
        for form in self.forms:
            if not form.is_valid() or (form.is_new_row and not form.has_changed()):
                continue
            service = form.cleaned_data["service"]
            if service in seen:
                form.add_error(
                    None if not form.is_new_row else "service",
                    _("This service has a row already: type its hours there."),
                )
            seen.add(service)

    def save(self, commit=True):
        """Replace, service by service, the rows of the services whose cells
        changed: slots typed as before keep their row, others reuse a row
        no longer needed, and the rest are added or deleted. Runs inside
        the admin's transaction; each row is saved or deleted one by one,
        so that its history and the page cache hear of it."""
        self.new_objects, self.changed_objects, self.deleted_objects = [], [], []
        if not self.can_edit:
            return []
        for form in self.forms:
            if not form.has_changed() or form.cleaned_data.get("service") is None:
                continue
            self._replace(self.services[form.cleaned_data["service"]], form.wanted_slots())
        return [*self.new_objects, *(row for row, _fields in self.changed_objects)]

    def _replace(self, service, wanted):
        existing = OpeningHours.objects.select_for_update().filter(
            office=self.instance, service=service
        )
        missing = set(wanted)
        spare = []
        for row in existing.order_by("pk"):
            key = (row.weekday, row.opens, row.closes)
            if key in missing:
                missing.remove(key)
            else:
                spare.append(row)
        missing = sorted(missing)
        for row, (weekday, opens, closes) in zip(spare, missing, strict=False):
            changed = [
                str(OpeningHours._meta.get_field(name).verbose_name)
                for name, value in (("weekday", weekday), ("opens", opens), ("closes", closes))
                if getattr(row, name) != value
            ]
            row.weekday, row.opens, row.closes = weekday, opens, closes
            row.check_overlaps_in_database = False  # the cells were checked together
            row.full_clean(validate_unique=False)
            row.save()
            self.changed_objects.append((row, changed))
        for row in spare[len(missing) :]:
            row.delete()
            self.deleted_objects.append(row)
        for weekday, opens, closes in missing[len(spare) :]:
            row = OpeningHours(
                office=self.instance, service=service, weekday=weekday, opens=opens, closes=closes
            )
            row.check_overlaps_in_database = False  # the cells were checked together
            row.full_clean(validate_unique=False)
            row.save()
            self.new_objects.append(row)


HoursGrid = formset_factory(ServiceWeekForm, formset=BaseHoursGrid, extra=1)
