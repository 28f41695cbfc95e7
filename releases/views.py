import datetime

from django.conf import settings
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control
from django.views.generic import DetailView, ListView, TemplateView
from django.views.generic.detail import SingleObjectMixin

from .filters import ReleaseFilter
from .models import Event, Release, Speaker, Topic

RELEASES_PER_PAGE = 10


class PublicPageMixin:
    """Every public page: only what `published()` allows, and cacheable by
    browsers and proxies for a few minutes (anonymous pages set no cookie)."""

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        patch_cache_control(response, public=True, max_age=settings.PUBLIC_CACHE_SECONDS)
        return response

    def public_releases(self):
        return Release.objects.published().for_listing()


class HomeView(PublicPageMixin, TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            latest_releases=self.public_releases()[:6],
            upcoming_events=Event.objects.published().upcoming()[:3],
            **kwargs,
        )


class ReleaseListView(PublicPageMixin, ListView):
    """/releases/ and /releases/<year>/, filtered by the query string."""

    paginate_by = RELEASES_PER_PAGE
    template_name = "releases/release_list.html"

    def get_queryset(self):
        queryset = self.public_releases()
        if "year" in self.kwargs:
            queryset = queryset.filter(date__year=self.kwargs["year"])
        self.filterset = ReleaseFilter(self.request.GET or None, queryset=queryset)
        # An invalid value (an unknown speaker, an impossible date) is shown as
        # a form error and ignored: the rest of the filters still apply.
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            filter=self.filterset, year=self.kwargs.get("year"), **kwargs
        )


class ReleaseDetailView(PublicPageMixin, DetailView):
    def get_queryset(self):
        return (
            Release.objects.published()
            .select_related("event")
            .prefetch_related("release_speakers__speaker", "topics", "attachments")
        )

    def get_object(self, queryset=None):
        try:
            date = datetime.date(self.kwargs["year"], self.kwargs["month"], self.kwargs["day"])
        except ValueError:
            raise Http404("No such date.") from None
        return get_object_or_404(self.get_queryset(), date=date, slug=self.kwargs["slug"])

    def get_context_data(self, **kwargs):
        release = self.object
        public = Release.objects.published()
        earlier = Q(date__lt=release.date) | Q(date=release.date, pk__lt=release.pk)
        later = Q(date__gt=release.date) | Q(date=release.date, pk__gt=release.pk)
        return super().get_context_data(
            previous_release=public.filter(earlier).order_by("-date", "-pk").first(),
            next_release=public.filter(later).order_by("date", "pk").first(),
            **kwargs,
        )


class SpeakerListView(PublicPageMixin, ListView):
    paginate_by = 50

    def get_queryset(self):
        public = Release.objects.published()
        return (
            Speaker.objects.with_public_releases()
            .annotate(
                release_count=Count(
                    "release_links", filter=Q(release_links__release__in=public), distinct=True
                )
            )
            .order_by("name")
        )


class ReleasesOfObjectView(PublicPageMixin, SingleObjectMixin, ListView):
    """A speaker, event or topic page: the object, then its public releases,
    paginated (the pattern of Django's "SingleObjectMixin with ListView")."""

    paginate_by = RELEASES_PER_PAGE

    def get_object_queryset(self):
        return self.model._default_manager.all()

    def get(self, request, *args, **kwargs):
        self.object = self.get_object(queryset=self.get_object_queryset())
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return self.releases_for(self.object)

    def get_template_names(self):
        return [f"releases/{self.model._meta.model_name}_detail.html"]

    def releases_for(self, obj):
        raise NotImplementedError


class SpeakerDetailView(ReleasesOfObjectView):
    model = Speaker

    def releases_for(self, speaker):
        return self.public_releases().filter(speakers=speaker)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["events"] = Event.objects.published().filter(participants=self.object).distinct()
        return context


class TopicDetailView(ReleasesOfObjectView):
    model = Topic

    def releases_for(self, topic):
        return self.public_releases().filter(topics=topic)


class EventListView(PublicPageMixin, ListView):
    """Upcoming events first (all of them), then past events, paginated."""

    paginate_by = 20

    def get_queryset(self):
        return Event.objects.published().past()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            upcoming_events=Event.objects.published().upcoming(), **kwargs
        )


class EventDetailView(ReleasesOfObjectView):
    model = Event

    def get_object_queryset(self):
        return Event.objects.published()

    def releases_for(self, event):
        return self.public_releases().filter(event=event)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["participations"] = self.object.participations.select_related("speaker")
        return context
