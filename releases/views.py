import datetime
import functools

from django.conf import settings
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.views.generic import DetailView, ListView, TemplateView
from django.views.generic.detail import SingleObjectMixin

from embassy import fragments
from embassy.permissions import permission

from .discovery.seo import page_metadata
from .filters import ReleaseFilter
from .models import Event, EventParticipant, Release, ReleaseSpeaker, Speaker, Topic
from .pagination import CachedCountPaginator, KeysetPaginator

RELEASES_PER_PAGE = 10


class PublicPageMixin:
    """Every public page: only what `published()` allows, and cacheable by
    browsers and proxies for a few minutes (anonymous pages set no cookie).
    A staff preview is never cached by anyone."""

    preview = False
    paginator_class = KeysetPaginator

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        if self.preview:
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        else:
            patch_cache_control(response, public=True, max_age=settings.PUBLIC_CACHE_SECONDS)
        return response

    def public_releases(self):
        return listed_releases()

    def list_key(self):
        """What the list shows besides public content: the view and its
        arguments. Its count, page boundaries and cards are kept under it."""
        return (type(self).__name__, tuple(sorted(self.kwargs.items())))

    def sharing_metadata(self, page_number):
        """The page's canonical address, OpenGraph tags and JSON-LD: public
        content at this address, kept per content version (never a
        preview's)."""
        obj = getattr(self, "object", None)
        if self.preview:
            return page_metadata(self.request, obj, page_number)
        request = self.request
        address = (request.scheme, request.get_host(), request.path, get_language(), page_number)
        return fragments.cached(
            "page-metadata", address, lambda: page_metadata(request, obj, page_number)
        )

    def get_paginator(self, queryset, per_page, **kwargs):
        if issubclass(self.paginator_class, CachedCountPaginator):
            kwargs["key"] = self.list_key()
        return super().get_paginator(queryset, per_page, **kwargs)

    def get_context_data(self, **kwargs):
        """Everything the page shows, sharing metadata included: templates and
        their tags run no query of their own."""
        context = super().get_context_data(**kwargs)
        page = context.get("page_obj")
        context["meta"] = self.sharing_metadata(1 if page is None else page.number)
        if page is not None:
            context["cards_key"] = (*self.list_key(), page.number)
        return context


@functools.cache
def _listed_releases(language):
    return Release.objects.published().for_listing()


def listed_releases():
    """The public releases with all a card shows. `published()` reads the
    clock when the query runs (CurrentTime), so the queryset is built once
    per process and language, and each page starts from a copy: building it
    (filters, prefetches) cost more than a warm page's whole view."""
    return _listed_releases(get_language()).all()


def kept_object(view, lookup, read):
    """`read()`, the public object of a detail page, kept per content version
    under the view and its lookup (embassy/fragments.py)."""
    return fragments.cached(f"{type(view).__name__}.object", tuple(sorted(lookup.items())), read)


class Gone(Exception):
    def __init__(self, obj):
        self.obj = obj


class PublishableDetailMixin:
    """The detail page of a release or event. Public and withdrawn items are
    shown (withdrawn ones with their notice); an unpublished one answers
    410 Gone or redirects to its replacement; staff who may change the item
    get a preview of anything else; everyone else gets 404."""

    def get_publishable(self, queryset, **lookup):
        obj = kept_object(self, lookup, lambda: queryset.viewable().filter(**lookup).first())
        if obj is not None:
            return obj
        # Only now look at the user: public pages stay free of Vary: Cookie.
        hidden = queryset.filter(**lookup).first()
        if hidden is not None and self.may_preview(hidden):
            self.preview = True
            return hidden
        if hidden is not None and queryset.gone().filter(pk=hidden.pk).exists():
            raise Gone(hidden)
        raise Http404("Nothing public at this address.")

    def may_preview(self, obj):
        # Reading request.user opens the session, and the session middleware
        # then adds "Vary: Cookie". A visitor without a session cookie cannot
        # be staff: their 404 or 410 stays as cacheable as any public page.
        if settings.SESSION_COOKIE_NAME not in self.request.COOKIES:
            return False
        user = self.request.user
        return user.is_staff and user.has_perm(permission("change", obj))

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except Gone as gone:
            return gone_response(request, gone.obj)

    def get_context_data(self, **kwargs):
        return super().get_context_data(preview=self.preview, noindex=self.preview, **kwargs)


def gone_response(request, obj):
    """301 to the replacement while it is public, else 410 Gone."""
    replacement = obj.replaced_by
    if replacement is not None and replacement.is_public:
        return HttpResponsePermanentRedirect(replacement.get_absolute_url())
    response = render(request, "410.html", status=410)
    patch_cache_control(response, public=True, max_age=settings.PUBLIC_CACHE_SECONDS)
    return response


class HomeView(PublicPageMixin, TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        # Lazy: both lists are inside fragments, so a warm page builds neither.
        return super().get_context_data(
            latest_releases=SimpleLazyObject(lambda: self.public_releases()[:6]),
            upcoming_events=SimpleLazyObject(lambda: Event.objects.published().upcoming()[:3]),
            **kwargs,
        )


class ReleaseListView(PublicPageMixin, ListView):
    """/releases/ and /releases/<year>/, filtered by the query string."""

    paginate_by = RELEASES_PER_PAGE
    template_name = "releases/release_list.html"
    # Named here, and the template too: ListView would read the lazy list's
    # model to name them, and so build it.
    context_object_name = "release_list"

    def get_template_names(self):
        return [self.template_name]

    def get_queryset(self):
        self.filter_key = ReleaseFilter.given_in(self.request.GET)
        # Built only when something reads it: a warm page's count, pages, cards
        # and filter form are all kept under filter_key (KeysetPaginator reads it as lazily).
        self.filterset = SimpleLazyObject(self.filter_set)
        return SimpleLazyObject(lambda: self.filterset.qs)

    def filter_set(self):
        queryset = self.public_releases()
        if "year" in self.kwargs:
            queryset = queryset.filter(date__year=self.kwargs["year"])
        # An invalid value (an unknown speaker, an impossible date) is shown as
        # a form error and ignored: the rest of the filters still apply.
        return ReleaseFilter.of_query(self.request.GET, queryset)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            filter=self.filterset,
            filter_key=self.filter_key,
            filter_active=fragments.cached(
                "filter-active", self.filter_key, lambda: self.filterset.active
            ),
            year=self.kwargs.get("year"),
            **kwargs,
        )

    def list_key(self):
        return (*super().list_key(), self.filter_key)


class ReleaseDetailView(PublishableDetailMixin, PublicPageMixin, DetailView):
    def get_queryset(self):
        return Release.objects.select_related("event", "replaced_by").prefetch_related(
            Prefetch("release_speakers", ReleaseSpeaker.objects.select_related("speaker")),
            "topics",
            "attachments",
            "change_notes",
        )

    def get_object(self, queryset=None):
        try:
            date = datetime.date(self.kwargs["year"], self.kwargs["month"], self.kwargs["day"])
        except ValueError:
            raise Http404("No such date.") from None
        return self.get_publishable(self.get_queryset(), date=date, slug=self.kwargs["slug"])

    def get_context_data(self, **kwargs):
        release = self.object
        previous_release, next_release = fragments.cached(
            "release-neighbours", (release.pk, release.date), lambda: neighbours(release)
        )
        return super().get_context_data(
            previous_release=previous_release, next_release=next_release, **kwargs
        )


def neighbours(release):
    """The public releases just before and after `release` in the lists'
    order. They depend only on public content (and the clock, which the
    fragment cache bounds), so they are read once per content version."""
    public = Release.objects.published()
    earlier = Q(date__lt=release.date) | Q(date=release.date, pk__lt=release.pk)
    later = Q(date__gt=release.date) | Q(date=release.date, pk__gt=release.pk)
    return (
        public.filter(earlier).order_by("-date", "-pk").first(),
        public.filter(later).order_by("date", "pk").first(),
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
        self.object = self.find_object()
        return super().get(request, *args, **kwargs)

    def find_object(self):
        """The page's object: public content, so read once per content version."""
        return kept_object(
            self, self.kwargs, lambda: self.get_object(queryset=self.get_object_queryset())
        )

    def get_queryset(self):
        return self.releases_for(self.object)

    def get_template_names(self):
        return [f"releases/{self.model._meta.model_name}_detail.html"]

    def releases_for(self, obj):
        raise NotImplementedError


class SpeakerDetailView(ReleasesOfObjectView):
    model = Speaker

    def get_object_queryset(self):
        return Speaker.objects.with_public_page()

    def releases_for(self, speaker):
        return self.public_releases().filter(speakers=speaker)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        speaker = self.object
        # Lazy: the list is a fragment, so a warm page does not build it.
        context["events"] = SimpleLazyObject(
            lambda: Event.objects.published().filter(participants=speaker).distinct()
        )
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


class EventDetailView(PublishableDetailMixin, ReleasesOfObjectView):
    model = Event

    def get_object(self, queryset=None):
        # The participants are shown and named in the sharing metadata: one query.
        queryset = Event.objects.select_related("replaced_by").prefetch_related(
            Prefetch("participations", EventParticipant.objects.select_related("speaker"))
        )
        return self.get_publishable(queryset, slug=self.kwargs["slug"])

    def find_object(self):
        # Kept by get_publishable() when public; a staff preview never is.
        return self.get_object()

    def releases_for(self, event):
        return self.public_releases().filter(event=event)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["participations"] = self.object.participations.all()
        return context
