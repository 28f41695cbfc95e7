"""The admin pages of the review: a publisher's decision on a text in review
(publish now, schedule, or send back with a comment) and on a proposed
correction to a live text (approve, with or without a public change note,
or reject). Mixed into PublishableAdmin; the services check the roles again."""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from embassy.dates import local_datetime

from ..models import PublicationStatus, StaleObjectError
from . import corrections, services


def link_base(request):
    """The site's address, for links in mails."""
    return request.build_absolute_uri("/").rstrip("/")


class ReviewDecisionForm(forms.Form):
    PUBLISH, SCHEDULE, SEND_BACK = "publish", "schedule", "send-back"
    decision = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[
            (PUBLISH, _("Approve and publish now")),
            (SCHEDULE, _("Approve and schedule")),
            (SEND_BACK, _("Send back to the author with a comment")),
        ],
    )
    publish_at = forms.DateTimeField(
        label=_("Publication time (to schedule)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("In the mission's time zone."),
    )
    comment = forms.CharField(
        label=_("Comment for the author"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required to send back. Kept in the item's history."),
    )

    def clean(self):
        data = super().clean()
        decision = data.get("decision")
        if decision == self.SCHEDULE:
            at = data.get("publish_at")
            if at is None:
                self.add_error("publish_at", gettext("Give the publication time."))
            elif at <= timezone.now():
                self.add_error("publish_at", gettext("To schedule, give a time in the future."))
        if decision == self.SEND_BACK and not (data.get("comment") or "").strip():
            self.add_error("comment", gettext("Say what to change: the author will read it."))
        return data


class CorrectionDecisionForm(forms.Form):
    APPROVE, REJECT = "approve", "reject"
    decision = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[
            (APPROVE, _("Approve: the public page changes now")),
            (REJECT, _("Reject: the public page stays as it is")),
        ],
    )
    change_note = forms.CharField(
        label=_("Public change note (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "For a substantive correction, shown to readers as “Updated on …: …”. "
            "Minor fixes need none."
        ),
    )
    comment = forms.CharField(
        label=_("Comment for the author (when rejecting)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReviewAdminMixin:
    """The review and correction pages of a Publishable's admin."""

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/review/",
                self.admin_site.admin_view(self.review_view),
                name="{}_{}_review".format(*info),
            ),
            path(
                "<path:object_id>/correction/",
                self.admin_site.admin_view(self.correction_view),
                name="{}_{}_correction".format(*info),
            ),
            *super().get_urls(),
        ]

    def _change_url(self, obj):
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk])

    def _decision_context(self, request, obj, **context):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": obj,
            "object": obj,
            "media": self.media,
            "change_url": self._change_url(obj),
            **context,
        }

    def _publishable_or_404(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not services.can_publish(request.user, obj):
            raise PermissionDenied
        return obj

    def review_view(self, request, object_id):
        obj = self._publishable_or_404(request, object_id)
        if obj.status != PublicationStatus.REVIEW:
            self.message_user(request, gettext("This text is not waiting for review."))
            return HttpResponseRedirect(self._change_url(obj))
        form = ReviewDecisionForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                self._apply_review(request, obj, form.cleaned_data)
            except (ValidationError, PermissionDenied, StaleObjectError) as error:
                reason = " ".join(getattr(error, "messages", [])) or str(error)
                form.add_error(None, reason or gettext("You may not make this change."))
            else:
                return HttpResponseRedirect(reverse("admin:index"))
        context = self._decision_context(
            request,
            obj,
            title=gettext("Review “%s”") % obj,
            form=form,
            author=services.review_author(obj),
        )
        return TemplateResponse(request, "admin/releases/review.html", context)

    def _apply_review(self, request, obj, data):
        decision, base = data["decision"], link_base(request)
        if decision == ReviewDecisionForm.SEND_BACK:
            services.item_send_back(
                item=obj, by=request.user, comment=data["comment"], link_base=base
            )
            text = gettext("“%s” is sent back to its author.") % obj
        elif decision == ReviewDecisionForm.SCHEDULE:
            services.item_publish(item=obj, by=request.user, at=data["publish_at"])
            text = gettext("“%(item)s” is scheduled for %(time)s.") % {
                "item": obj,
                "time": local_datetime(obj.published_at),
            }
        else:
            services.item_publish(item=obj, by=request.user)
            text = gettext("“%s” is published.") % obj
        self.message_user(request, text, messages.SUCCESS)

    def correction_view(self, request, object_id):
        obj = self._publishable_or_404(request, object_id)
        revision = corrections.pending_revision_of(obj)
        if revision is None:
            self.message_user(request, gettext("No correction is waiting for this text."))
            return HttpResponseRedirect(self._change_url(obj))
        form = CorrectionDecisionForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                self._apply_correction(request, revision, form.cleaned_data)
            except StaleObjectError:
                form.add_error(
                    None,
                    gettext(
                        "The live text was saved after this correction was proposed, so "
                        "approving it could undo that save. Reject it and ask for the "
                        "correction again on the current text."
                    ),
                )
            except (ValidationError, PermissionDenied) as error:
                reason = " ".join(getattr(error, "messages", [])) or str(error)
                form.add_error(None, reason or gettext("You may not make this change."))
            else:
                return HttpResponseRedirect(self._change_url(obj))
        context = self._decision_context(
            request,
            obj,
            title=gettext("Proposed correction to “%s”") % obj,
            form=form,
            revision=revision,
            changes=corrections.correction_changes(revision, obj),
        )
        return TemplateResponse(request, "admin/releases/correction.html", context)

    def _apply_correction(self, request, revision, data):
        base = link_base(request)
        if data["decision"] == CorrectionDecisionForm.APPROVE:
            corrections.correction_approve(
                revision=revision, by=request.user, change_note=data["change_note"], link_base=base
            )
            text = gettext("The correction is approved: the public page shows it.")
        else:
            corrections.correction_reject(
                revision=revision, by=request.user, comment=data["comment"], link_base=base
            )
            text = gettext("The correction is rejected: the public page is unchanged.")
        self.message_user(request, text, messages.SUCCESS)
