"""Embargo links, both sides: the publisher's admin page that issues them
(and the list that revokes them), and the journalist's page that opens
one: the release on its public template, marked EMBARGOED, private to the
link's holder."""

import datetime
from urllib.parse import quote, urlencode

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from embassy.client_address import client_address
from embassy.dates import local_datetime

from ..models import (
    EmbargoAccess,
    EmbargoAccessOutcome,
    PublicationState,
    PublicationStatus,
    Release,
)
from . import services
from .admin import as_form_errors, zone_note

# How long an embargo link works by default, for a release with no date yet.
EMBARGO_DAYS = datetime.timedelta(days=7)


def _private(response):
    """Never stored, never indexed, and the token never leaks as a Referer."""
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)
    response["X-Robots-Tag"] = "noindex, nofollow, noarchive"
    response["Referrer-Policy"] = "no-referrer"
    return response


def embargo_view(request, token):
    link, outcome = services.embargo_link_open(token=token, ip_address=client_address(request))
    if link is None:
        # A forged or mistyped token: say nothing about any release.
        response = render(request, "releases/embargo_refused.html", {"noindex": True}, status=403)
        return _private(response)
    if outcome == EmbargoAccessOutcome.REDIRECTED:
        return _private(redirect(link.release.get_absolute_url()))
    if outcome != EmbargoAccessOutcome.SHOWN:
        context = {"noindex": True, "ended": True}
        response = render(request, "releases/embargo_refused.html", context, status=410)
        return _private(response)
    release = (
        Release.objects.select_related("event")
        .prefetch_related("release_speakers__speaker", "topics", "attachments", "change_notes")
        .get(pk=link.release_id)
    )
    context = {"release": release, "object": release, "embargo": link, "noindex": True}
    return _private(render(request, "releases/release_detail.html", context))


# --- the admin side ------------------------------------------------------


class EmbargoIssueForm(forms.Form):
    recipient_name = forms.CharField(label=_("Journalist's name"), max_length=200)
    recipient_email = forms.EmailField(label=_("Journalist's e-mail"))
    expires_at = forms.DateTimeField(
        label=_("Link expires"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    language = forms.ChoiceField(
        label=_("Language of the page"), choices=settings.LANGUAGES, initial=settings.LANGUAGE_CODE
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expires_at"].help_text = zone_note()


class EmbargoIssueMixin:
    """ "Issue an embargo link" on a release's admin page (publishers only).
    The address is shown once, on the page that confirms the link."""

    def get_urls(self):
        return [
            path(
                "<path:object_id>/embargo/new/",
                self.admin_site.admin_view(self.embargo_issue_view),
                name=f"{self.opts.app_label}_{self.opts.model_name}_embargo",
            ),
            *super().get_urls(),
        ]

    def can_issue_embargo(self, request, obj):
        closed = (PublicationStatus.WITHDRAWN, PublicationStatus.UNPUBLISHED)
        return (
            services.can_publish(request.user, obj)
            and not obj.is_public
            and obj.status not in closed
        )

    def embargo_issue_view(self, request, object_id):
        release = self.get_object(request, unquote(object_id))
        if release is None:
            raise Http404
        if not self.can_issue_embargo(request, release):
            raise PermissionDenied
        scheduled = release.state == PublicationState.SCHEDULED
        default_expiry = release.published_at if scheduled else timezone.now() + EMBARGO_DAYS
        form = EmbargoIssueForm(
            request.POST if request.method == "POST" else None,
            initial={"expires_at": timezone.localtime(default_expiry)},
        )
        issued = None
        if form.is_valid():
            issued = self._issue(request, release, form)
            if issued:
                form = EmbargoIssueForm(initial=form.initial)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": release,
            "title": gettext("Embargo link for %s") % release,
            "form": form,
            "issued": issued,
            "links": release.embargo_links.annotate(opening_count=Count("accesses")),
            "media": self.media,
        }
        return TemplateResponse(request, "admin/releases/embargo_issue.html", context)

    def _issue(self, request, release, form):
        data = form.cleaned_data
        try:
            link, token = services.embargo_link_issue(
                release=release,
                by=request.user,
                recipient_name=data["recipient_name"],
                recipient_email=data["recipient_email"],
                expires_at=data["expires_at"],
            )
        except ValidationError as error:
            as_form_errors(form, error)
            return None
        with translation.override(data["language"]):
            url = request.build_absolute_uri(reverse("releases:embargo", args=[token]))
        until = (
            local_datetime(release.published_at)
            if release.published_at
            else gettext("further notice")
        )
        expiry = local_datetime(link.expires_at)
        body = gettext(
            "Embargoed until %(until)s: %(title)s\n\nYour personal link (do not forward it): "
            "%(url)s\nIt works until %(expiry)s."
        ) % {"until": until, "title": release, "url": url, "expiry": expiry}
        subject = gettext("Embargoed: %s") % release
        mailto = f"mailto:{link.recipient_email}?" + urlencode(
            {"subject": subject, "body": body}, quote_via=quote
        )
        return {"link": link, "url": url, "mailto": mailto}


class EmbargoAccessInline(admin.TabularInline):
    model = EmbargoAccess
    fields = ["opened_at", "outcome", "from_address"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("from"))
    def from_address(self, obj):
        """ "Address 1", "Address 2"…: openings from the same address share a
        number (the keyed hash itself means nothing to staff)."""
        if not obj.ip_hash:
            return "—"
        hashes = []
        for opening in obj.link.accesses.order_by("opened_at", "pk").exclude(ip_hash=""):
            if opening.ip_hash not in hashes:
                hashes.append(opening.ip_hash)
        return gettext("Address %d") % (hashes.index(obj.ip_hash) + 1)


class EmbargoLinkAdmin(admin.ModelAdmin):
    """Issued from a release's page; here they are listed and revoked.
    Nobody adds, edits or deletes them: the trail must stay whole."""

    list_display = [
        "recipient_name",
        "recipient_email",
        "release",
        "link_state",
        "expires_at",
        "openings",
        "created_by",
        "created_at",
    ]
    list_filter = ["expires_at", "revoked_at"]
    list_select_related = ["release", "created_by"]
    search_fields = ["recipient_name", "recipient_email", "release__title_en"]
    readonly_fields = [
        "release",
        "recipient_name",
        "recipient_email",
        "expires_at",
        "revoked_at",
        "created_by",
        "created_at",
    ]
    inlines = [EmbargoAccessInline]
    actions = ["revoke"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(opening_count=Count("accesses"))

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("state"))
    def link_state(self, obj):
        return obj.state.label

    @admin.display(description=_("openings"), ordering="opening_count")
    def openings(self, obj):
        return obj.opening_count

    @admin.action(description=_("Revoke the selected links"), permissions=["change"])
    def revoke(self, request, queryset):
        count = 0
        for link in queryset.select_related("release"):
            try:
                services.embargo_link_revoke(link=link, by=request.user)
            except PermissionDenied:
                self.message_user(
                    request, gettext("Only a publisher can revoke embargo links."), messages.ERROR
                )
                return
            count += 1
        self.message_user(request, ngettext("%d link revoked.", "%d links revoked.", count) % count)
