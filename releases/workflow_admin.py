"""The admin side of the editorial workflow: history with compare and
restore (any model), publication states and roles (releases and events),
optimistic locking and the audit trail (embargo links: releases/embargo.py).

Permissions are enforced here and again in releases/services.py.
"""

import copy

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import quote as admin_quote
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.forms.models import construct_instance
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import get_text_list
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from reversion.admin import VersionAdmin
from reversion.models import Version

from . import history, services
from .models import PublicationState, StaleObjectError

WORKFLOW_CSS = "css/admin-workflow.css"


def zone_note():
    """Said next to every time field: which clock the times are on."""
    return gettext("Times are in the mission's time zone, %(zone)s.") % {"zone": settings.TIME_ZONE}


def local_datetime(moment):
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT") if moment else "—"


class HistoryAdmin(VersionAdmin):
    """django-reversion's history, with a compare page between any two
    versions and a restore that keeps the publication state (services)."""

    object_history_template = "admin/releases/object_history.html"
    history_latest_first = True

    class Media:
        css = {"all": [WORKFLOW_CSS]}

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
                for version in history.versions_of(obj)
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
            changes=history.field_changes(self.model, old.field_dict, new.field_dict),
            related=history.related_changes(old, new),
        )
        return TemplateResponse(request, "admin/releases/revision_compare.html", context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """One earlier version against the current row, with "Restore"."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        version = self._version_or_404(obj.pk, version_id)
        can_restore = self.has_change_permission(request, obj)
        if request.method == "POST":
            if not can_restore:
                raise PermissionDenied
            return self._restore(request, obj, version)
        latest = history.versions_of(obj).first()
        context = self._history_context(
            request,
            obj,
            title=gettext("Version of %s") % local_datetime(version.revision.date_created),
            old=version,
            new=None,
            changes=history.field_changes(
                self.model, version.field_dict, history.current_field_dict(obj)
            ),
            related=history.related_changes(version, latest) if latest else [],
            can_restore=can_restore,
            keeps_state=hasattr(obj, "status"),
        )
        return TemplateResponse(request, "admin/releases/revision_compare.html", context)

    def _restore(self, request, obj, version):
        change_url = reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk]
        )
        try:
            services.restore_revision(item=obj, version=version, by=request.user)
        except StaleObjectError:
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


class StateFilter(admin.SimpleListFilter):
    title = _("publication state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return PublicationState.choices

    def queryset(self, request, queryset):
        if self.value() in PublicationState.values:
            return queryset.in_state(self.value())
        return queryset


def as_form_errors(form, error):
    """Attach a ValidationError from the services to `form`, under the
    field it names when the form has that field, else under the status
    (which also stops Django's checks of the constraints on the status)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    fallback = "status" if "status" in form.fields else None
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else fallback, errors)


class PublishableAdminForm(forms.ModelForm):
    """Carries the version it was opened at; a save from an older version
    is refused and lists what changed (optimistic locking)."""

    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    user = None  # set by PublishableAdmin.get_form

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["base_version"].initial = self.instance.version

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk:
            self._check_not_stale(cleaned_data.get("base_version"))
        if self.user is not None and "status" in cleaned_data:
            self._check_transition()
        return cleaned_data

    def _check_transition(self):
        # On a copy with the form's values: the instance itself is updated
        # only after this, and a refused status must stop the model checks
        # (an error on "status" makes Django skip the constraints using it).
        candidate = copy.copy(self.instance)
        construct_instance(self, candidate)
        before = self.initial.get("status") if self.instance.pk else None
        try:
            services.check_transition(item=candidate, by=self.user, before_status=before)
        except PermissionDenied as error:
            self.add_error("status", str(error) or gettext("You may not make this change."))
        except ValidationError as error:
            as_form_errors(self, error)

    def _check_not_stale(self, base):
        model = type(self.instance)
        current = model._base_manager.filter(pk=self.instance.pk).first()
        if current is None or current.version == base:
            return
        raise ValidationError(stale_message(current, base), code="stale")


def stale_message(current, base):
    """Who saved since version `base`, and which fields they changed."""
    latest = history.versions_of(current).first()
    who = gettext("someone else")
    if latest and latest.revision.user:
        who = latest.revision.user.get_full_name() or latest.revision.user.get_username()
    base_version = history.version_numbered(current, base) if base else None
    if base_version is not None:
        rows = history.field_changes(
            type(current), base_version.field_dict, history.current_field_dict(current)
        )
        changed = get_text_list([str(row["label"]) for row in rows], gettext("and"))
    else:
        changed = gettext("(the list of changes is not available)")
    return gettext(
        "%(who)s saved this %(name)s on %(when)s, after you opened it. Nothing you entered "
        "has been saved, so their changes are not overwritten. Changed since you opened it: "
        "%(changed)s. Copy what you need, open the %(name)s again and redo your changes."
    ) % {
        "who": who,
        "name": current._meta.verbose_name,
        "when": local_datetime(current.updated_at),
        "changed": changed or "—",
    }


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason, in English"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown on the page: “Withdrawn on 12 February 2018: …”."),
    )
    reason_ru = forms.CharField(
        label=_("Reason, in Russian"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    reason_hi = forms.CharField(
        label=_("Reason, in Hindi"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def reasons(self):
        data = self.cleaned_data
        return {"en": data["reason"], "ru": data["reason_ru"], "hi": data["reason_hi"]}


class PublishableAdmin(HistoryAdmin):
    """Admin for a Publishable model (releases, events): publication states
    limited by role, transitions through services, no lost edits."""

    form = PublishableAdminForm
    change_form_template = "admin/releases/publishable_change_form.html"
    # Fields only a publisher may set.
    publisher_fields = ["published_at", "unpublish_at", "withdrawal_reason", "replaced_by"]
    workflow_readonly_fields = [
        "state_summary",
        "first_published_at",
        "withdrawn_at",
        "public_link",
        "created_at",
        "updated_at",
    ]
    actions = ["submit_for_review", "publish_now", "return_to_draft", "withdraw", "unpublish"]

    publication_fieldset = (
        _("Publication"),
        {
            "fields": [
                "state_summary",
                "public_link",
                "status",
                "published_at",
                "unpublish_at",
                "withdrawal_reason",
                "replaced_by",
                ("first_published_at", "withdrawn_at"),
                ("created_at", "updated_at"),
                "base_version",
            ],
        },
    )

    # --- permissions -----------------------------------------------------

    def can_publish(self, request):
        return services.can_publish(request.user, self.model)

    def has_publish_permission(self, request):
        return self.can_publish(request)

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or services.can_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        # What was public is unpublished (410), not deleted, unless by a publisher.
        return obj is None or obj.first_published_at is None or self.can_publish(request)

    def recover_view(self, request, version_id, extra_context=None):
        # Recovering restores the stored status too, which may be "published".
        if not self.can_publish(request):
            raise PermissionDenied
        return super().recover_view(request, version_id, extra_context)

    # --- the form ----------------------------------------------------------

    def get_readonly_fields(self, request, obj=None):
        fields = [*super().get_readonly_fields(request, obj), *self.workflow_readonly_fields]
        if not self.can_publish(request):
            fields += self.publisher_fields
        replace = getattr(self, "replace_orig_field", list)
        return replace(fields)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.user = request.user
        return form

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "status" and not self.can_publish(request):
            kwargs["choices"] = [
                (value, label)
                for value, label in db_field.choices
                if value in services.EDITORIAL_STATUSES
            ]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name.startswith("withdrawal_reason"):
            kwargs["widget"] = forms.Textarea(attrs={"rows": 2, "cols": 80})
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and db_field.get_internal_type() == "DateTimeField":
            formfield.help_text = format_html(
                "{} <strong>{}</strong>", formfield.help_text, zone_note()
            )
        return formfield

    def save_model(self, request, obj, form, change):
        if change:
            # Save only over the version the form was opened at (see Publishable.save).
            obj.version = form.cleaned_data.get("base_version") or obj.version
        services.save_item(
            item=obj,
            by=request.user,
            before_status=form.initial.get("status") if change else None,
            before_published_at=form.initial.get("published_at") if change else None,
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        extra_context = {
            **(extra_context or {}),
            "can_issue_embargo": obj is not None and self.can_issue_embargo(request, obj),
        }
        try:
            return super().change_view(request, object_id, form_url, extra_context)
        except StaleObjectError:
            # Lost the race between the form's check and the save: the
            # transaction was rolled back, nothing of this form was saved.
            self.message_user(
                request,
                gettext("Someone saved this page a moment ago. Nothing was saved; redo your edit."),
                messages.ERROR,
            )
            return HttpResponseRedirect(request.path)

    def add_view(self, request, form_url="", extra_context=None):
        try:
            return super().add_view(request, form_url, extra_context)
        except IntegrityError:
            # Two submissions of the same add form raced past validation; the
            # unique constraint let one through.
            self.message_user(
                request,
                gettext("This item already exists (the form was probably sent twice)."),
                messages.WARNING,
            )
            return HttpResponseRedirect(reverse(f"admin:{self._url_prefix()}_changelist"))

    def can_issue_embargo(self, request, obj):
        return False

    def _url_prefix(self):
        return f"{self.opts.app_label}_{self.opts.model_name}"

    # --- display -----------------------------------------------------------

    @admin.display(description=_("state"))
    def state_label(self, obj):
        state = obj.state
        if state == PublicationState.SCHEDULED:
            return format_html(
                '<span class="state state-scheduled">{}</span> {}',
                state.label,
                local_datetime(obj.published_at),
            )
        return format_html('<span class="state state-{}">{}</span>', state.value, state.label)

    @admin.display(description=_("current state"))
    def state_summary(self, obj):
        if obj is None or obj.pk is None:
            return gettext("New: a draft until it is published.")
        state = obj.state
        texts = {
            PublicationState.SCHEDULED: gettext("Scheduled: goes live on %(time)s by itself."),
            PublicationState.PUBLISHED: gettext("Published: public since %(time)s."),
            PublicationState.WITHDRAWN: gettext(
                "Withdrawn on %(withdrawn)s: the page stays, with the notice."
            ),
            PublicationState.UNPUBLISHED: gettext(
                "Unpublished: the address answers 410 Gone or redirects."
            ),
        }
        if state not in texts:
            return format_html("<strong>{}</strong>", state.label)
        text = texts[state] % {
            "time": local_datetime(obj.published_at),
            "withdrawn": local_datetime(obj.withdrawn_at),
        }
        return format_html("<strong>{}</strong> {}", text, zone_note())

    @admin.display(description=_("on the public site"))
    def public_link(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        label = gettext("View the page") if obj.is_viewable else gettext("Preview (not public)")
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), label)

    # --- actions -----------------------------------------------------------

    def _apply(self, request, queryset, service, done_message, **kwargs):
        done = 0
        for item in queryset:
            try:
                service(item=item, by=request.user, **kwargs)
            except (ValidationError, PermissionDenied, StaleObjectError) as error:
                reason = " ".join(getattr(error, "messages", [])) or str(error)
                self.message_user(request, f"{item}: {reason}", messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(request, done_message(done), messages.SUCCESS)

    @admin.action(description=_("Submit for review"), permissions=["change"])
    def submit_for_review(self, request, queryset):
        self._apply(
            request,
            queryset,
            services.submit_for_review,
            lambda n: (
                ngettext("%d item submitted for review.", "%d items submitted for review.", n) % n
            ),
        )

    @admin.action(description=_("Publish now"), permissions=["publish"])
    def publish_now(self, request, queryset):
        self._apply(
            request,
            queryset,
            services.publish,
            lambda n: ngettext("%d item published.", "%d items published.", n) % n,
        )

    @admin.action(description=_("Return to draft (take offline)"), permissions=["publish"])
    def return_to_draft(self, request, queryset):
        self._apply(
            request,
            queryset,
            services.return_to_draft,
            lambda n: ngettext("%d item returned to draft.", "%d items returned to draft.", n) % n,
        )

    @admin.action(description=_("Withdraw (keep the page with a notice)…"), permissions=["publish"])
    def withdraw(self, request, queryset):
        form = WithdrawForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            self._apply(
                request,
                queryset,
                services.withdraw,
                lambda n: ngettext("%d item withdrawn.", "%d items withdrawn.", n) % n,
                reason=form.reasons(),
            )
            return None
        return self._action_page(
            request, queryset, "withdraw", gettext("Withdraw with a public notice"), form
        )

    @admin.action(description=_("Unpublish (410 Gone)…"), permissions=["publish"])
    def unpublish(self, request, queryset):
        if "apply" in request.POST:
            self._apply(
                request,
                queryset,
                services.unpublish,
                lambda n: ngettext("%d item unpublished.", "%d items unpublished.", n) % n,
            )
            return None
        return self._action_page(
            request, queryset, "unpublish", gettext("Unpublish: remove the pages"), None
        )

    def _action_page(self, request, queryset, action, title, form):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            "action": action,
            "queryset": queryset,
            "form": form,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            "media": self.media,
        }
        return TemplateResponse(request, "admin/releases/workflow_action.html", context)


class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the services write the trail; nobody edits it."""

    list_display = ["at", "actor_name", "action", "item_link", "detail"]
    list_filter = ["action", "content_type", ("actor", admin.RelatedOnlyFieldListFilter), "at"]
    list_select_related = ["content_type"]
    search_fields = ["object_repr", "actor_name", "detail"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("item"), ordering="object_repr")
    def item_link(self, obj):
        model = obj.content_type.model_class()
        if model is None:
            return obj.object_repr
        try:
            url = reverse(
                f"admin:{obj.content_type.app_label}_{obj.content_type.model}_change",
                args=[obj.object_id],
            )
        except NoReverseMatch:  # a model without an admin page
            return obj.object_repr
        return format_html('<a href="{}">{}</a>', url, obj.object_repr)
