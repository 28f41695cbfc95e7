from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from translations.admin import (
    TranslationAttentionFilter,
    TranslationReviewMixin,
    translation_review_fieldset,
)

from .models import (
    Attachment,
    Event,
    EventParticipant,
    Release,
    ReleaseSpeaker,
    Speaker,
    Topic,
)


def image_preview(image, alt=""):
    if not image:
        return "—"
    return format_html(
        '<img src="{}" alt="{}" style="max-height:120px;max-width:200px">', image.url, alt
    )


@admin.register(Topic)
class TopicAdmin(TranslationAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name_en", "name_ru", "name_hi", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Speaker)
class SpeakerAdmin(TranslationReviewMixin, TranslationAdmin):
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
class EventAdmin(TranslationReviewMixin, TranslationAdmin):
    list_display = [
        "title",
        "kind",
        "event_status",
        "start_date",
        "end_date",
        "city",
        "status",
        "translations_column",
    ]
    list_filter = ["status", "kind", "event_status", TranslationAttentionFilter]
    search_fields = ["title_en", "title_ru", "title_hi", "city_en", "venue_en", "slug"]
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ["title_en"]}
    inlines = [EventParticipantInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "event_status"]}),
        (_("When"), {"fields": [("start_date", "start_time"), ("end_date", "end_time")]}),
        (_("Where"), {"fields": ["venue", "city"]}),
        (None, {"fields": ["description"]}),
        (_("Publication"), {"fields": ["status", "published_at"]}),
        translation_review_fieldset(),
    ]


class ReleaseSpeakerInline(TranslationTabularInline):
    model = ReleaseSpeaker
    extra = 1
    autocomplete_fields = ["speaker"]


class AttachmentInline(TranslationTabularInline):
    model = Attachment
    extra = 1


@admin.register(Release)
class ReleaseAdmin(TranslationReviewMixin, TranslationAdmin):
    list_display = [
        "title",
        "kind",
        "date",
        "place",
        "status",
        "published_at",
        "translations_column",
    ]
    list_filter = ["status", "kind", TranslationAttentionFilter, "topics", "date"]
    list_select_related = ["event"]
    search_fields = ["title_en", "title_ru", "title_hi", "summary_en", "slug"]
    date_hierarchy = "date"
    prepopulated_fields = {"slug": ["title_en"]}
    autocomplete_fields = ["event", "topics"]
    readonly_fields = ["image_preview", "created_at", "updated_at"]
    inlines = [ReleaseSpeakerInline, AttachmentInline]
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
        (_("Publication"), {"fields": ["status", "published_at", "created_at", "updated_at"]}),
        translation_review_fieldset(),
    ]

    @admin.display(description=_("current image"))
    def image_preview(self, obj):
        return image_preview(obj.image, obj.image_alt)
