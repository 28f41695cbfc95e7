from django.contrib import admin
from django.contrib.admin import helpers
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from embassy.constraints import RefusedSaveAdminMixin
from history.admin import HistoryAdmin, UnchangedFormMixin
from translations.admin import in_every_language

from .hours_grid import HoursGrid
from .models import Closure, ContactPoint, Office, OpeningHours


class ContactPointInline(TranslationStackedInline):
    model = ContactPoint
    extra = 0
    fieldsets = [
        (None, {"fields": [("kind", "order"), "label", ("phone", "email", "url")]}),
        (None, {"fields": ["is_protected", "audience", "availability"]}),
    ]


class HoursGridAdminFormSet(helpers.InlineAdminFormSet):
    """The admin's wrapper of an inline formset, for the grid: its template
    lays out the forms itself, so there are no per-object forms to wrap
    (and no queryset to zip them with)."""

    def __iter__(self):
        return iter(())


class OpeningHoursGridInline(admin.options.InlineModelAdmin):
    """The office's hours as one weekly grid per service (contacts/hours_grid.py)
    rather than one row per slot. Still an inline of OpeningHours, so the
    office's history follows its hours as before."""

    model = OpeningHours
    template = "admin/contacts/office/hours_grid.html"

    def get_formset(self, request, obj=None, **kwargs):
        # Replacing a service's slots adds, changes and deletes rows.
        can_edit = all(
            allowed(request, obj)
            for allowed in (
                self.has_add_permission,
                self.has_change_permission,
                self.has_delete_permission,
            )
        )
        # A new office has no services yet: room for a few at once.
        extra_rows = 1 if obj is not None else 3
        attrs = {"can_edit": can_edit, "extra_rows": extra_rows, "model": OpeningHours}
        return type("OfficeHoursGrid", (HoursGrid,), attrs)

    def get_fieldsets(self, request, obj=None):
        return []  # the grid's template lays out its own cells


class ClosureInline(TranslationTabularInline):
    model = Closure
    extra = 0
    fields = ["start_date", "end_date", "kind", "reason"]
    verbose_name_plural = _("closures of this office only")

    def get_queryset(self, request):
        return super().get_queryset(request).order_by("-start_date")


@admin.register(Office)
class OfficeAdmin(UnchangedFormMixin, RefusedSaveAdminMixin, HistoryAdmin, TranslationAdmin):
    list_display = ["name", "kind", "city", "time_zone", "order", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = [*in_every_language("name"), "city_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
    readonly_fields = ["closures_of_all_offices"]
    inlines = [ContactPointInline, OpeningHoursGridInline, ClosureInline]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "order", "is_active"]}),
        (
            _("Address"),
            {
                "fields": [
                    "address_line_1",
                    "address_line_2",
                    "locality",
                    ("city", "postal_code"),
                    "country",
                    ("latitude", "longitude"),
                    "time_zone",
                    "visitor_notes",
                ]
            },
        ),
        (_("Closures shared by every office"), {"fields": ["closures_of_all_offices"]}),
    ]

    class Media:
        # Office names are long: the admin's stylesheet gives them the form's width;
        # the weekly hours grid has its own.
        css = {"all": ["css/admin-workflow.css", "css/admin-hours.css"]}

    def get_inline_formsets(self, request, formsets, inline_instances, obj=None):
        wrapped = super().get_inline_formsets(request, formsets, inline_instances, obj)
        for wrapper in wrapped:
            if isinstance(wrapper.opts, OpeningHoursGridInline):
                wrapper.__class__ = HoursGridAdminFormSet
        return wrapped

    @admin.display(description=_("closures of all offices"))
    def closures_of_all_offices(self, obj):
        upcoming = Closure.objects.current_and_future(timezone.localdate()).filter(
            office__isnull=True
        )
        items = format_html_join(
            "", "<li>{}</li>", ((str(closure),) for closure in upcoming)
        ) or format_html("<li>{}</li>", _("None planned."))
        return format_html(
            '<ul>{}</ul><p><a href="{}">{}</a> · <a href="{}?office__isnull=True">{}</a></p>',
            items,
            reverse("admin:contacts_closure_add"),
            _("Add a closure for all offices"),
            reverse("admin:contacts_closure_changelist"),
            _("All closures for all offices"),
        )


@admin.register(Closure)
class ClosureAdmin(RefusedSaveAdminMixin, TranslationAdmin):
    list_display = ["reason", "start_date", "end_date", "office", "kind"]
    list_filter = ["kind", "office", "start_date"]
    list_select_related = ["office"]
    search_fields = in_every_language("reason")
    date_hierarchy = "start_date"
    # An empty office means every office, in the list and in the filter.
    empty_value_display = _("All offices")
    fields = ["office", ("start_date", "end_date"), "kind", "reason"]
