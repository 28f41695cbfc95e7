"""Notices in the admin: the releases' publishing workflow (states by role,
scheduling, withdrawal, history with compare and restore, change notes), and
the alert subscriptions as counts (addresses for superusers only)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from embassy.constraints import RefusedSaveAdminMixin
from history.admin import UnchangedFormMixin
from history.versions import register_history
from releases.workflow.admin import PublishableAdmin, PublishableAdminForm, StateFilter
from translations.admin import (
    TranslationAttentionFilter,
    TranslationReviewForm,
    TranslationReviewMixin,
    in_every_language,
    translation_review_fieldset,
)

from .alerts.admin import SubscriptionAdmin
from .models import Notice, NoticeChangeNote, Subscription

# Change notes stay out of a notice's revisions, as with releases: restoring
# an old text must not delete the notes published since.
register_history(Notice)
admin.site.register(Subscription, SubscriptionAdmin)


class NoticeAdminForm(PublishableAdminForm, TranslationReviewForm):
    """The workflow's version check and the translation checkboxes."""


class NoticeChangeNoteInline(TranslationTabularInline):
    model = NoticeChangeNote
    extra = 0
    verbose_name_plural = _(
        "Public change notes (each one sends an update to the alert subscribers)"
    )


@admin.register(Notice)
class NoticeAdmin(
    UnchangedFormMixin,
    RefusedSaveAdminMixin,
    TranslationReviewMixin,
    PublishableAdmin,
    TranslationAdmin,
):
    form = NoticeAdminForm
    list_display = ["title", "severity", "office", "state_label", "published_at", "unpublish_at"]
    list_filter = [StateFilter, "severity", "office", TranslationAttentionFilter]
    list_select_related = ["office"]
    search_fields = [*in_every_language("title"), "slug"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title_en"]}
    autocomplete_fields = ["replaced_by"]
    inlines = [NoticeChangeNoteInline]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["severity", "title", "slug", "summary", "body"]}),
        (_("For whom"), {"fields": ["audience", "office"]}),
        PublishableAdmin.publication_fieldset,
        translation_review_fieldset(),
    ]
