from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from releases.workflow_admin import HistoryAdmin

from .hours import find_overlaps
from .models import Closure, ContactPoint, Office, OpeningHours


class ContactPointInline(TranslationStackedInline):
    model = ContactPoint
    extra = 0
    fieldsets = [
        (None, {"fields": [("kind", "order"), "label", ("phone", "email", "url")]}),
        (None, {"fields": ["is_protected", "audience", "availability"]}),
    ]


class OpeningHoursFormSet(BaseInlineFormSet):
    """Slots are checked against each other here, all rows at once: a slot
    moved out of the way and another moved into its place in the same save
    are fine, and two new overlapping rows are caught."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.instance.check_overlaps_in_database = False
        return form

    def clean(self):
        super().clean()
        rows = []
        for form in self.forms:
            if not form.is_valid() or self._should_delete_form(form):
                continue
            if form.instance.pk is None and not form.has_changed():
                continue  # an empty extra row
            rows.append(form)
        # Unsaved instances are unhashable, hence the lookup by identity.
        form_of = {id(form.instance): form for form in rows}
        for earlier, later in find_overlaps(form.instance for form in rows):
            form_of[id(later)].add_error(None, later.overlap_message(earlier))


class OpeningHoursInline(TranslationTabularInline):
    model = OpeningHours
    formset = OpeningHoursFormSet
    extra = 1


class ClosureInline(TranslationTabularInline):
    model = Closure
    extra = 0
    fields = ["start_date", "end_date", "kind", "reason"]
    verbose_name_plural = _("closures of this office only")

    def get_queryset(self, request):
        return super().get_queryset(request).order_by("-start_date")


@admin.register(Office)
class OfficeAdmin(HistoryAdmin, TranslationAdmin):
    list_display = ["name", "kind", "city", "time_zone", "order", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name_en", "name_ru", "name_hi", "city_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
    readonly_fields = ["closures_of_all_offices"]
    inlines = [ContactPointInline, OpeningHoursInline, ClosureInline]
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
class ClosureAdmin(TranslationAdmin):
    list_display = ["reason", "start_date", "end_date", "office", "kind"]
    list_filter = ["kind", "office", "start_date"]
    list_select_related = ["office"]
    search_fields = ["reason_en", "reason_ru", "reason_hi"]
    date_hierarchy = "start_date"
    # An empty office means every office, in the list and in the filter.
    empty_value_display = _("All offices")
    fields = ["office", ("start_date", "end_date"), "kind", "reason"]
