"""Publishing a release together with its event. An event made with the
green "+" on the release form starts as a draft; when the release is
published, the publisher is asked what to do with the event (on the form,
and by the "Publish now" actions), so that it never stays a draft unnoticed.
Only those who may publish events can publish it (releases/workflow/services.py
checks it again)."""

import copy

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.forms.models import construct_instance
from django.utils.text import get_text_list
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from embassy.constraints import SaveRefused

from ..models import Event, PublicationStatus, StaleObjectError
from . import services


class EventChoice(models.TextChoices):
    WITH_RELEASE = "with-release", _("Publish the event too, together with the release")
    RELEASE_ONLY = (
        "release-only",
        _(
            "Publish the release only: the event stays unpublished and the release page "
            "does not name it"
        ),
    )


class ReleaseEventForm(forms.ModelForm):
    """For the release form: publishing a release whose event is not public
    asks what to do with the event, and offers to publish it too only to
    those who may publish events (the services check it again)."""

    event_publishing = forms.ChoiceField(
        label=_("What becomes of the event"),
        choices=EventChoice.choices,
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.user is not None and not services.can_publish(self.user, Event):
            self.fields["event_publishing"].choices = [
                (EventChoice.RELEASE_ONLY, EventChoice.RELEASE_ONLY.label)
            ]
        self.unpublished_event = None

    def clean(self):
        cleaned_data = super().clean()
        self.unpublished_event = self._event_left_unpublished()
        if self.unpublished_event is None:
            cleaned_data["event_publishing"] = ""
        elif not cleaned_data.get("event_publishing"):
            self.add_error("event_publishing", self._event_question(self.unpublished_event))
        return cleaned_data

    @property
    def publishes_event(self):
        return self.cleaned_data.get("event_publishing") == EventChoice.WITH_RELEASE

    def _event_left_unpublished(self):
        """The event that would stay unpublished, asked about when the
        release goes live or gets another event."""
        if self.errors or self.cleaned_data.get("status") != PublicationStatus.PUBLISHED:
            return None
        going_live = self.initial.get("status") != PublicationStatus.PUBLISHED
        if not (going_live or "event" in self.changed_data):
            return None
        candidate = copy.copy(self.instance)
        construct_instance(self, candidate)
        candidate.derive_publication_dates()
        return services.unpublished_event(candidate)

    def _event_question(self, event):
        question = gettext(
            "The event “%(event)s” is not public (%(state)s): the release page would not "
            "name it, and its own page cannot be opened. Choose below what to do with it."
        ) % {"event": event, "state": event.state.label}
        if len(self.fields["event_publishing"].choices) == 1:
            question += " " + gettext(
                "Only a publisher of events can publish it; ask one, or publish the release only."
            )
        return question


class ReleaseEventAdminMixin:
    """For the release admin, with ReleaseEventForm: publishes the event
    with the release when asked, in the same transaction, and says what
    became of the event. The "Publish now" action warns about events left
    unpublished; "Publish now, with their events" publishes both."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        event = form.unpublished_event
        if event is None:
            return
        if form.publishes_event:
            self._publish_event(request, obj)
            note = gettext("The event “%(event)s” was published with the release.")
        else:
            note = gettext(
                "The event “%(event)s” is not public: the release page does not name it."
            )
        # Said by the response, once everything is saved: a refused save says nothing.
        level = messages.SUCCESS if form.publishes_event else messages.WARNING
        request.event_publishing_note = (note % {"event": event}, level)

    def response_add(self, request, obj, *args, **kwargs):
        self._say_what_became_of_the_event(request)
        return super().response_add(request, obj, *args, **kwargs)

    def response_change(self, request, obj):
        self._say_what_became_of_the_event(request)
        return super().response_change(request, obj)

    def _say_what_became_of_the_event(self, request):
        note = getattr(request, "event_publishing_note", None)
        if note is not None:
            self.message_user(request, *note)

    def _publish_event(self, request, release):
        try:
            services.release_event_publish(release=release, by=request.user)
        except (PermissionDenied, ValidationError, StaleObjectError) as error:
            # The release is not published either: the form comes back with the reason.
            reason = " ".join(getattr(error, "messages", [])) or str(error)
            raise SaveRefused(ValidationError({"event_publishing": reason})) from None

    @admin.action(description=_("Publish now"), permissions=["publish"])
    def publish_now(self, request, queryset):
        super().publish_now(request, queryset)
        published = queryset.filter(status=PublicationStatus.PUBLISHED).select_related("event")
        events = (services.unpublished_event(release) for release in published)
        left = [str(event) for event in events if event is not None]
        if left:
            message = ngettext(
                "This event is not public, so the release page does not name it: %(events)s. "
                "“Publish now, with their events” publishes it too.",
                "These events are not public, so the release pages do not name them: "
                "%(events)s. “Publish now, with their events” publishes them too.",
                len(left),
            ) % {"events": get_text_list(left, gettext("and"))}
            self.message_user(request, message, messages.WARNING)

    @admin.action(description=_("Publish now, with their events"), permissions=["publish"])
    def publish_with_events(self, request, queryset):
        self._apply(
            request,
            queryset,
            services.item_publish_with_event,
            lambda n: (
                ngettext(
                    "%d release published, with its event.",
                    "%d releases published, with their events.",
                    n,
                )
                % n
            ),
        )
