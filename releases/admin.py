from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from translations.admin import (
    TranslationAttentionFilter,
    TranslationReviewForm,
    TranslationReviewMixin,
    translation_review_fieldset,
)

from . import history
from .embargo import EmbargoIssueMixin, EmbargoLinkAdmin
from .models import (
    Attachment,
    AuditEntry,
    ChangeNote,
    EmbargoLink,
    Event,
    EventParticipant,
    Release,
    ReleaseSpeaker,
    Speaker,
    Topic,
)
from .workflow_admin import (
    AuditEntryAdmin,
    HistoryAdmin,
    PublishableAdmin,
    PublishableAdminForm,
    StateFilter,
)

# Before the admin classes below: VersionAdmin would otherwise register the
# models itself, following every inline (change notes and embargo links too).
history.register_models()
admin.site.register(AuditEntry, AuditEntryAdmin)
admin.site.register(EmbargoLink, EmbargoLinkAdmin)


class WorkflowTranslationForm(PublishableAdminForm, TranslationReviewForm):
    """Both the version check of the workflow and the translation checkboxes."""


def image_preview(image, alt=""):
    # Sized by a class of WORKFLOW_CSS: the Content Security Policy blocks
    # style attributes, which left the image at full size.
    if not image:
        return "—"
    return format_html('<img src="{}" alt="{}" class="admin-thumbnail">', image.url, alt)


@admin.register(Topic)
class TopicAdmin(TranslationAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name_en", "name_ru", "name_hi", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Speaker)
class SpeakerAdmin(TranslationReviewMixin, HistoryAdmin, TranslationAdmin):
    list_display = [
        "name",
        "position",
        "organisation",
        "country",
        "portrait_thumbnail",
        "translations_column",
    ]
    list_filter = [TranslationAttentionFilter, "country"]
    search_fields = ["name_en", "name_ru", "name_hi", "position_en", "organisation_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
    readonly_fields = ["portrait_preview"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "honorific", "position", "organisation", "country"]}),
        (_("Portrait"), {"fields": ["portrait", "portrait_preview", "portrait_alt"]}),
        (_("Biography"), {"fields": ["biography"]}),
        translation_review_fieldset(),
    ]

    @admin.display(description=_("portrait"))
    def portrait_thumbnail(self, obj):
        return image_preview(obj.portrait, obj.portrait_alt)

    @admin.display(description=_("current portrait"))
    def portrait_preview(self, obj):
        return image_preview(obj.portrait, obj.portrait_alt)


class EventParticipantInline(TranslationTabularInline):
    model = EventParticipant
    extra = 1
    autocomplete_fields = ["speaker"]


@admin.register(Event)
class EventAdmin(TranslationReviewMixin, PublishableAdmin, TranslationAdmin):
    form = WorkflowTranslationForm
    list_display = [
        "title",
        "kind",
        "event_status",
        "start_date",
        "end_date",
        "city",
        "state_label",
        "translations_column",
    ]
    list_filter = [StateFilter, "kind", "event_status", TranslationAttentionFilter]
    search_fields = ["title_en", "title_ru", "title_hi", "city_en", "venue_en", "slug"]
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ["title_en"]}
    inlines = [EventParticipantInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "event_status"]}),
        (_("When"), {"fields": [("start_date", "start_time"), ("end_date", "end_time")]}),
        (_("Where"), {"fields": ["venue", "city"]}),
        (None, {"fields": ["description"]}),
        PublishableAdmin.publication_fieldset,
        translation_review_fieldset(),
    ]
    autocomplete_fields = ["replaced_by"]


class ReleaseSpeakerInline(TranslationTabularInline):
    model = ReleaseSpeaker
    extra = 1
    autocomplete_fields = ["speaker"]


class AttachmentInline(TranslationTabularInline):
    model = Attachment
    extra = 1


class ChangeNoteInline(TranslationTabularInline):
    model = ChangeNote
    extra = 0
    verbose_name_plural = _("Public change notes (for substantive updates; minor fixes need none)")


@admin.register(Release)
class ReleaseAdmin(EmbargoIssueMixin, TranslationReviewMixin, PublishableAdmin, TranslationAdmin):
    form = WorkflowTranslationForm
    list_display = [
        "title",
        "kind",
        "date",
        "place",
        "state_label",
        "published_at",
        "translations_column",
    ]
    list_filter = [StateFilter, "kind", TranslationAttentionFilter, "topics", "date"]
    list_select_related = ["event"]
    search_fields = ["title_en", "title_ru", "title_hi", "summary_en", "slug"]
    date_hierarchy = "date"
    prepopulated_fields = {"slug": ["title_en"]}
    autocomplete_fields = ["event", "topics", "replaced_by"]
    readonly_fields = ["image_preview"]
    inlines = [ReleaseSpeakerInline, AttachmentInline, ChangeNoteInline]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["kind", "title", "slug", "summary", "body"]}),
        (_("Dateline"), {"fields": [("place", "date")]}),
        (_("Context"), {"fields": ["event", "topics"]}),
        (
            _("Lead image"),
            {"fields": ["image", "image_preview", "image_alt", "image_caption", "image_credit"]},
        ),
        (_("Source"), {"fields": ["source_name", "source_url"]}),
        PublishableAdmin.publication_fieldset,
        translation_review_fieldset(),
    ]

    @admin.display(description=_("current image"))
    def image_preview(self, obj):
        return image_preview(obj.image, obj.image_alt)
