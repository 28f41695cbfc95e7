import logging

from django import forms
from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from sorl.thumbnail import get_thumbnail

from embassy.constraints import RefusedSaveAdminMixin
from files.admin import StoredFilesAdminMixin
from history.admin import HistoryAdmin, UnchangedFormMixin
from history.versions import register_history
from translations.admin import (
    LanguageTabsMixin,
    TranslationAttentionFilter,
    TranslationReviewForm,
    TranslationReviewMixin,
    in_every_language,
    translation_review_fieldset,
)

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
from .workflow.admin import (
    WORKFLOW_CSS,
    AuditEntryAdmin,
    PublishableAdmin,
    PublishableAdminForm,
    StateFilter,
)
from .workflow.embargo import EmbargoIssueMixin, EmbargoLinkAdmin
from .workflow.event_publishing import ReleaseEventAdminMixin, ReleaseEventForm

logger = logging.getLogger(__name__)


def register_histories():
    """The newsroom's revision histories, registered before the admin classes
    below: `HistoryAdmin` would otherwise register each model itself,
    following every inline. Change notes and embargo links stay out of a
    release's revisions on purpose: restoring an old text must not delete the
    notes and links issued since. (The admin is loaded in every process, after
    modeltranslation has added the translated columns.)"""
    register_history(Speaker)
    register_history(EventParticipant)
    register_history(Event, follow=["participations"])
    register_history(ReleaseSpeaker)
    register_history(Attachment)
    register_history(Release, follow=["release_speakers", "attachments"])


register_histories()
admin.site.register(AuditEntry, AuditEntryAdmin)
admin.site.register(EmbargoLink, EmbargoLinkAdmin)


class WorkflowTranslationForm(PublishableAdminForm, TranslationReviewForm):
    """Both the version check of the workflow and the translation checkboxes."""


class ReleaseAdminForm(ReleaseEventForm, WorkflowTranslationForm):
    """The workflow form, asking about the event when the release goes live."""


# The admin's previews: a small rendition, never the upload itself (a
# list of twenty releases would otherwise load twenty full-size photos).
ADMIN_THUMBNAIL = "200x120"


def image_preview(image, alt=""):
    # Sized by a class of WORKFLOW_CSS too: the Content Security Policy
    # blocks style attributes.
    if not image:
        return "—"
    try:
        url = get_thumbnail(image, ADMIN_THUMBNAIL, upscale=False).url
    except Exception:  # an unreadable file must not break the admin page
        logger.exception("No admin thumbnail for %s", image.name)
        return "—"
    return format_html('<img src="{}" alt="{}" class="admin-thumbnail">', url, alt)


@admin.register(Topic)
class TopicAdmin(RefusedSaveAdminMixin, TranslationAdmin):
    list_display = ["name", "slug"]
    search_fields = [*in_every_language("name"), "slug"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Speaker)
class SpeakerAdmin(
    UnchangedFormMixin,
    RefusedSaveAdminMixin,
    StoredFilesAdminMixin,
    TranslationReviewMixin,
    HistoryAdmin,
    TranslationAdmin,
):
    list_display = [
        "name",
        "position",
        "organisation",
        "country",
        "portrait_thumbnail",
        "translations_column",
    ]
    list_filter = [TranslationAttentionFilter, "country"]
    search_fields = [*in_every_language("name"), "position_en", "organisation_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
    readonly_fields = ["portrait_preview"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "honorific", "position", "organisation", "country"]}),
        (_("Portrait"), {"fields": ["portrait", "portrait_preview", "portrait_alt"]}),
        (_("Biography"), {"fields": ["biography"]}),
        translation_review_fieldset(),
    ]

    class Media:
        css = {"all": [WORKFLOW_CSS]}

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
class EventAdmin(
    UnchangedFormMixin,
    RefusedSaveAdminMixin,
    LanguageTabsMixin,
    TranslationReviewMixin,
    PublishableAdmin,
    TranslationAdmin,
):
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
    search_fields = [*in_every_language("title"), "city_en", "venue_en", "slug"]
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
    verbose_name_plural = _("Who spoke")


class AttachmentInline(TranslationTabularInline):
    model = Attachment
    extra = 1


class ChangeNoteInline(TranslationTabularInline):
    model = ChangeNote
    extra = 0
    verbose_name_plural = _("Public change notes (for substantive updates; minor fixes need none)")


@admin.register(Release)
class ReleaseAdmin(
    UnchangedFormMixin,
    RefusedSaveAdminMixin,
    StoredFilesAdminMixin,
    ReleaseEventAdminMixin,
    EmbargoIssueMixin,
    LanguageTabsMixin,
    TranslationReviewMixin,
    PublishableAdmin,
    TranslationAdmin,
):
    form = ReleaseAdminForm
    actions = [
        "submit_for_review",
        "publish_now",
        "publish_with_events",
        "return_to_draft",
        "withdraw",
        "unpublish",
    ]
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
    search_fields = [*in_every_language("title"), "summary_en", "slug"]
    date_hierarchy = "date"
    prepopulated_fields = {"slug": ["title_en"]}
    autocomplete_fields = ["event", "topics", "replaced_by"]
    readonly_fields = ["image_preview"]
    inlines = [ReleaseSpeakerInline, AttachmentInline, ChangeNoteInline]
    # No second row of buttons at the top: the first screen is for the text.
    # In the order an editor thinks: what it is; who spoke, and at what;
    # where and when; publication; image and attachments; source; translations.
    fieldsets = [
        (_("What it is"), {"fields": ["kind", "title", "summary", "body"]}),
        (_("At what"), {"fields": ["event", "topics"]}),
        (_("Where and when (dateline)"), {"fields": [("place", "date")]}),
        (
            PublishableAdmin.publication_fieldset[0],
            {"fields": ["slug", *PublishableAdmin.publication_fieldset[1]["fields"]]},
        ),
        (
            _("Image and attachments"),
            {"fields": ["image", "image_preview", "image_alt", "image_caption", "image_credit"]},
        ),
        (_("Source"), {"fields": ["source_name", "source_url"]}),
        translation_review_fieldset(),
    ]
    inline_after = {ReleaseSpeaker: 0, ChangeNote: 3, Attachment: 4}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name.startswith("summary"):
            # Two or three sentences: a short box keeps "who spoke" on the first screen.
            kwargs["widget"] = forms.Textarea(attrs={"rows": 3, "cols": 80})
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description=_("current image"))
    def image_preview(self, obj):
        return image_preview(obj.image, obj.image_alt)
