"""The admin side of the editorial workflow: publication states and roles
(releases and events), optimistic locking and the audit trail (embargo
links: releases/workflow/embargo.py). The history with compare and restore
comes from the history app's `HistoryAdmin`.

Permissions are enforced here and again in releases/workflow/services.py.
"""

import copy

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.forms.models import construct_instance
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.text import capfirst, format_lazy, get_text_list
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from embassy.constraints import ConstraintFormMixin, refuse_on_integrity_error
from embassy.dates import local_datetime, zone_label
from history.admin import HistoryAdmin
from history.diffs import current_field_dict, field_changes
from history.versions import version_numbered, versions_of
from translations.admin import language_name
from translations.tracking import original_language, translation_languages

from ..models import PublicationState, StaleObjectError
from . import corrections, services
from .review import ReviewAdminMixin, link_base

WORKFLOW_CSS = "css/admin-workflow.css"
UNSAVED_COPY_JS = "js/admin-unsaved-copy.js"


def zone_note():
    """Said next to every time field: which clock the times are on."""
    return gettext("Times are in the mission's time zone, %(zone)s.") % {
        "zone": zone_label(settings.TIME_ZONE)
    }


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


class PublishableAdminForm(ConstraintFormMixin, forms.ModelForm):
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


def form_layout(context, inline_after):
    """The fieldsets with the inlines named in `inline_after` after their
    fieldset: {"form_layout": [{fieldset, index} or {inline}], "other_inlines"}."""
    inlines = list(context.get("inline_admin_formsets", []))
    placed = {}
    for inline in inlines:
        position = inline_after.get(inline.opts.model)
        if position is not None:
            placed.setdefault(position, []).append(inline)
    layout = []
    for index, fieldset in enumerate(context["adminform"]):
        layout.append({"fieldset": fieldset, "index": index})
        layout.extend({"inline": inline} for inline in placed.pop(index, []))
    layout.extend({"inline": inline} for rest in placed.values() for inline in rest)
    in_layout = {id(part["inline"]) for part in layout if "inline" in part}
    return {
        "form_layout": layout,
        "other_inlines": [inline for inline in inlines if id(inline) not in in_layout],
    }


def stale_message(current, base):
    """Who saved since version `base`, and which fields they changed."""
    latest = versions_of(current).first()
    who = gettext("someone else")
    if latest and latest.revision.user:
        who = latest.revision.user.get_full_name() or latest.revision.user.get_username()
    base_version = version_numbered(current, base) if base else None
    if base_version is not None:
        rows = field_changes(type(current), base_version.field_dict, current_field_dict(current))
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
    """The reason for a withdrawal: required in the original language, and
    optional in each language of the settings."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"] = self._reason_field(original_language(), required=True)
        for language in translation_languages():
            self.fields[f"reason_{language}"] = self._reason_field(language, required=False)
        self.fields["reason"].help_text = _(
            "Shown on the page: “Withdrawn on 12 February 2018: …”."
        )

    @staticmethod
    def _reason_field(language, required):
        return forms.CharField(
            label=format_lazy(_("Reason ({language})"), language=language_name(language)),
            widget=forms.Textarea(attrs={"rows": 3}),
            required=required,
        )

    def reasons(self):
        """The reason per language, as `item_withdraw()` takes it."""
        data = self.cleaned_data
        return {
            original_language(): data["reason"],
            **{language: data[f"reason_{language}"] for language in translation_languages()},
        }


class PublishableAdmin(ReviewAdminMixin, HistoryAdmin):
    """Admin for a Publishable model (releases, events): publication states
    limited by role, transitions through services, no lost edits. A
    concrete admin lists RefusedSaveAdminMixin before it, which shows the
    form again when the save below is refused.

    An editor's save of a text that is or was public is a proposed
    correction (releases/workflow/corrections.py): the live row is not
    written until a publisher approves it on the correction page."""

    form = PublishableAdminForm
    change_form_template = "admin/releases/publishable_change_form.html"
    restore_conflicts = (StaleObjectError,)
    restore_note = _(
        "The publication state stays as it is now: a published page is updated at once."
    )
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

    def has_restore_permission(self, request, obj):
        return self.has_change_permission(request, obj) and services.can_edit(request.user, obj)

    def is_correction(self, request, obj):
        """Is this form, for this user, a proposed correction?"""
        return obj is not None and corrections.needs_review(request.user, obj)

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        # The change form of an editor opens on the correction waiting, so
        # that saving again adds to it rather than starting from the live text.
        if getattr(request, "_opening_change_form", False) and self.is_correction(request, obj):
            revision = corrections.pending_revision_of(obj)
            if revision is not None:
                corrections.show_proposal(obj, revision)
        return obj

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        # What was public is unpublished (410), not deleted, unless by a publisher.
        return obj is None or obj.first_published_at is None or self.can_publish(request)

    class Media:
        css = {"all": [WORKFLOW_CSS]}
        # On the list too: a successful save lands there and drops the copy.
        js = [UNSAVED_COPY_JS]

    def restore_version(self, request, obj, version):
        return services.item_restore(item=obj, version=version, by=request.user)

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
        if self.is_correction(request, obj):
            # The address and files of a live page stay; a correction is text.
            fields += ["status", "slug", *self.file_field_names()]
        replace = getattr(self, "replace_orig_field", list)
        return replace(fields)

    # {inline model: index of the fieldset it follows}: the form in the order
    # of the work, rather than every inline at the end.
    inline_after = {}

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if self.inline_after and "adminform" in context:
            context.update(form_layout(context, self.inline_after))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_prepopulated_fields(self, request, obj=None):
        if self.is_correction(request, obj):
            return {}  # the address is read-only
        return super().get_prepopulated_fields(request, obj)

    def file_field_names(self):
        return [f.name for f in self.model._meta.fields if isinstance(f, models.FileField)]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.user = request.user
        return form

    def get_inline_instances(self, request, obj=None):
        inlines = super().get_inline_instances(request, obj)
        if self.is_correction(request, obj):
            # Shown, not edited: a correction covers the item's own fields.
            for inline in inlines:
                inline.has_add_permission = lambda request, obj=None: False
                inline.has_change_permission = lambda request, obj=None: False
                inline.has_delete_permission = lambda request, obj=None: False
        return inlines

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
        if change and self.is_correction(request, obj):
            m2m = {f.name: form.cleaned_data.get(f.name, []) for f in self.model._meta.many_to_many}
            request._proposed_correction = corrections.correction_propose(
                item=obj,
                by=request.user,
                changed=form.changed_data,
                m2m_values=m2m,
                link_base=link_base(request),
            )
            return
        with refuse_on_integrity_error(obj):
            services.item_save(
                item=obj,
                by=request.user,
                before_status=form.initial.get("status") if change else None,
                before_published_at=form.initial.get("published_at") if change else None,
                link_base=link_base(request),
            )

    def log_change(self, request, obj, message):
        if getattr(request, "_proposed_correction", None) is None:
            return super().log_change(request, obj, message)
        return None

    def response_change(self, request, obj):
        if getattr(request, "_proposed_correction", None) is None:
            return super().response_change(request, obj)
        self.message_user(
            request,
            gettext(
                "Your correction is waiting for a publisher. The public page stays as it "
                "is until it is approved."
            ),
            messages.SUCCESS,
        )
        return HttpResponseRedirect(request.path)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        extra_context = {
            **(extra_context or {}),
            "can_issue_embargo": obj is not None and self.can_issue_embargo(request, obj),
            "pending_revision": obj is not None and corrections.pending_revision_of(obj),
            "is_correction": self.is_correction(request, obj),
            "can_review": obj is not None and services.can_publish(request.user, obj),
        }
        request._opening_change_form = True
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

    def can_issue_embargo(self, request, obj):
        return False

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
            services.item_submit_for_review,
            lambda n: (
                ngettext("%d item submitted for review.", "%d items submitted for review.", n) % n
            ),
        )

    @admin.action(description=_("Publish now"), permissions=["publish"])
    def publish_now(self, request, queryset):
        self._apply(
            request,
            queryset,
            services.item_publish,
            lambda n: ngettext("%d item published.", "%d items published.", n) % n,
        )

    @admin.action(description=_("Return to draft (take offline)"), permissions=["publish"])
    def return_to_draft(self, request, queryset):
        self._apply(
            request,
            queryset,
            services.item_return_to_draft,
            lambda n: ngettext("%d item returned to draft.", "%d items returned to draft.", n) % n,
        )

    @admin.action(description=_("Withdraw (keep the page with a notice)…"), permissions=["publish"])
    def withdraw(self, request, queryset):
        form = WithdrawForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            self._apply(
                request,
                queryset,
                services.item_withdraw,
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
                services.item_unpublish,
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


class ItemKindFilter(admin.SimpleListFilter):
    """The kinds of item the trail mentions, named as staff name them
    ("Release", "Event"), not every model of the site."""

    title = _("kind of item")
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        used = model_admin.model.objects.values_list("content_type", flat=True).distinct()
        kinds = []
        for content_type in ContentType.objects.filter(pk__in=used):
            model = content_type.model_class()
            if model is not None:
                kinds.append((str(content_type.pk), capfirst(model._meta.verbose_name)))
        return sorted(kinds, key=lambda kind: str(kind[1]))

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(content_type_id=int(self.value()))
        return queryset


class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the services write the trail; nobody edits it."""

    list_display = ["at", "actor_name", "action", "item_kind", "item_link", "detail"]
    list_filter = ["action", ItemKindFilter, ("actor", admin.RelatedOnlyFieldListFilter), "at"]
    list_select_related = ["content_type"]
    search_fields = ["object_repr", "actor_name", "detail"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("kind of item"))
    def item_kind(self, obj):
        model = obj.content_type.model_class()
        return capfirst(model._meta.verbose_name) if model else "—"

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
