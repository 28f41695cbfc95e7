"""`HistoryAdmin`: the revision history of any model in the admin, with a
compare page between two versions and a restore; `UnchangedFormMixin`: a
form sent back unchanged adds no revision. Used by every app's admin;
imports nothing of theirs."""

from django.contrib import admin, messages
from django.contrib.admin.utils import quote as admin_quote
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from reversion.admin import VersionAdmin
from reversion.models import Version

from embassy.dates import local_datetime

from .diffs import current_field_dict, field_changes, related_changes
from .versions import restore_version, versions_of


class UnchangedFormMixin:
    """A change form sent back without a change saves nothing.

    Django saves the whole object anyway, which here would claim a new
    version (so that a colleague's open form turns stale), touch
    `updated_at` (which calendars and sitemaps show as a change) and add a
    revision identical to the last. Whether anything changed is known only
    once the inline formsets are built, so the object's save waits for
    save_related(), which Django calls right after save_model(). Put it
    first in an admin's bases, before any class that overrides save_model.
    """

    def save_model(self, request, obj, form, change):
        if not change:
            super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        if change and (form.has_changed() or any(f.has_changed() for f in formsets)):
            super().save_model(request, form.instance, form, change)
        # Unchanged inline rows are not written; the formsets still record
        # what they saved (nothing) for the change message.
        super().save_related(request, form, formsets, change)


class HistoryAdmin(VersionAdmin):
    """django-reversion's history, with a compare page between any two
    versions and a restore. Put it first in a model admin's bases; override
    `restore_version()` where a restore must keep or check something (the
    publishing admin keeps the publication state)."""

    object_history_template = "history/object_history.html"
    history_latest_first = True
    # Exceptions that mean "someone saved in the meantime": the restore is
    # refused with a message rather than an error page.
    restore_conflicts = ()
    # Said under "Restore this version": what a restore leaves as it is.
    restore_note = ""

    class Media:
        css = {"all": ["history/admin-history.css"]}

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name="{}_{}_compare".format(*info),
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        # VersionAdmin wraps the whole list page in one revision, which would
        # merge the items of a bulk action into one; services make their own.
        return admin.ModelAdmin.changelist_view(self, request, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        rows = []
        if obj is not None:
            name = f"admin:{self.opts.app_label}_{self.opts.model_name}_revision"
            rows = [
                {"version": version, "url": reverse(name, args=[admin_quote(obj.pk), version.pk])}
                for version in versions_of(obj)
            ]
        context = {"versions": rows, **(extra_context or {})}
        return super().history_view(request, object_id, context)

    def _version_or_404(self, object_id, version_id):
        content_type = ContentType.objects.get_for_model(self.model)
        return get_object_or_404(
            Version.objects.select_related("revision__user"),
            pk=version_id,
            object_id=object_id,
            content_type=content_type,
        )

    def _history_context(self, request, obj, **context):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "object": obj,
            "original": obj,
            "media": self.media,
            **context,
        }

    def compare_view(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        try:
            old_id, new_id = int(request.GET["old"]), int(request.GET["new"])
        except (KeyError, ValueError):
            return HttpResponseBadRequest(gettext("Choose two versions to compare."))
        old = self._version_or_404(obj.pk, old_id)
        new = self._version_or_404(obj.pk, new_id)
        if old.revision.date_created > new.revision.date_created:
            old, new = new, old
        context = self._history_context(
            request,
            obj,
            title=gettext("Compare versions of %s") % obj,
            old=old,
            new=new,
            changes=field_changes(self.model, old.field_dict, new.field_dict),
            related=related_changes(old, new),
        )
        return TemplateResponse(request, "history/revision_compare.html", context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """One earlier version against the current row, with "Restore"."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        version = self._version_or_404(obj.pk, version_id)
        can_restore = self.has_restore_permission(request, obj)
        if request.method == "POST":
            if not can_restore:
                raise PermissionDenied
            return self._restore(request, obj, version)
        latest = versions_of(obj).first()
        context = self._history_context(
            request,
            obj,
            title=gettext("Version of %s") % local_datetime(version.revision.date_created),
            old=version,
            new=None,
            changes=field_changes(self.model, version.field_dict, current_field_dict(obj)),
            related=related_changes(version, latest) if latest else [],
            can_restore=can_restore,
            restore_note=self.restore_note,
        )
        return TemplateResponse(request, "history/revision_compare.html", context)

    def _restore(self, request, obj, version):
        change_url = reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk]
        )
        try:
            self.restore_version(request, obj, version)
        except self.restore_conflicts:
            self.message_user(
                request, gettext("Someone saved in the meantime; try again."), messages.ERROR
            )
        else:
            self.message_user(
                request,
                gettext("The version of %s is restored.")
                % local_datetime(version.revision.date_created),
                messages.SUCCESS,
            )
        return HttpResponseRedirect(change_url)

    def has_restore_permission(self, request, obj):
        """May `request.user` restore a version of `obj`? (The change permission by default.)"""
        return self.has_change_permission(request, obj)

    def restore_version(self, request, obj, version):
        return restore_version(item=obj, version=version, by=request.user)
