from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from embassy.constraints import RefusedSaveAdminMixin
from files.admin import StoredFilesAdminMixin
from history.admin import HistoryAdmin, UnchangedFormMixin
from translations.admin import in_every_language

from .models import Fee, Question, RequiredDocument, Service, ServiceForm


class RequiredDocumentInline(TranslationTabularInline):
    model = RequiredDocument
    extra = 1
    fields = ["order", "name", "kind", "variant", "note"]


class FeeInline(TranslationTabularInline):
    """Every fee row ever entered: a new fee is a new row with a later date,
    so what applied before stays on record."""

    model = Fee
    extra = 1
    fields = ["variant", "amount", "currency", "how_to_pay", "valid_from"]


class QuestionInline(TranslationStackedInline):
    model = Question
    extra = 0
    fields = [("question", "order"), "answer"]


class ServiceFormInline(TranslationTabularInline):
    model = ServiceForm
    extra = 0
    fields = ["title", "file", "order"]


class CheckedFilter(admin.SimpleListFilter):
    """The review list: services whose documents and fees nobody has
    confirmed for six months or more."""

    title = _("last checked")
    parameter_name = "checked"

    def lookups(self, request, model_admin):
        return [
            ("stale", _("Not checked for 6 months or more")),
            ("recent", _("Checked in the last 6 months")),
        ]

    def queryset(self, request, queryset):
        stale = Service.objects.stale(timezone.localdate())
        if self.value() == "stale":
            return queryset.filter(pk__in=stale)
        if self.value() == "recent":
            return queryset.exclude(pk__in=stale)
        return queryset


@admin.register(Service)
class ServiceAdmin(
    UnchangedFormMixin,
    RefusedSaveAdminMixin,
    StoredFilesAdminMixin,
    HistoryAdmin,
    TranslationAdmin,
):
    list_display = ["name", "category", "apply_method", "last_checked_on", "is_active"]
    list_filter = [CheckedFilter, "category", "is_active", "offices"]
    search_fields = [*in_every_language("name"), "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [RequiredDocumentInline, FeeInline, QuestionInline, ServiceFormInline]
    actions = ["mark_checked_today"]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["name", "slug", "category", "order", "is_active", "last_checked_on"]}),
        (None, {"fields": ["summary", "eligibility"]}),
        (
            _("How to apply"),
            {
                "fields": [
                    "apply_method",
                    "apply_url",
                    "apply_notes",
                    ("processing_time", "processing_days"),
                    "offices",
                ]
            },
        ),
    ]

    @admin.action(description=_("Mark as checked today"), permissions=["change"])
    def mark_checked_today(self, request, queryset):
        # update(): a review date is not a content change worth a revision each.
        count = queryset.update(last_checked_on=timezone.localdate())
        self.message_user(
            request,
            ngettext(
                "%(count)d service marked as checked today.",
                "%(count)d services marked as checked today.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("last_checked_on", timezone.localdate())
        return initial
