from django.urls import path, register_converter

from . import converters, views
from .discovery import calendars, feeds
from .discovery.search import SearchView
from .workflow import embargo

register_converter(converters.FourDigitYearConverter, "yyyy")
register_converter(converters.TwoDigitConverter, "dd")

app_name = "releases"

urlpatterns = [
    path("releases/", views.ReleaseListView.as_view(), name="index"),
    path("releases/<yyyy:year>/", views.ReleaseListView.as_view(), name="year"),
    path(
        "releases/<yyyy:year>/<dd:month>/<dd:day>/<slug:slug>/",
        views.ReleaseDetailView.as_view(),
        name="detail",
    ),
    path("speakers/", views.SpeakerListView.as_view(), name="speakers"),
    path("speakers/<slug:slug>/", views.SpeakerDetailView.as_view(), name="speaker"),
    path("events/", views.EventListView.as_view(), name="events"),
    path("events/<slug:slug>/", views.EventDetailView.as_view(), name="event"),
    path("topics/<slug:slug>/", views.TopicDetailView.as_view(), name="topic"),
    # Discovery: search, feeds of every list, calendars.
    path("search/", SearchView.as_view(), name="search"),
    path("releases/feed/atom/", feeds.ReleaseAtomFeed(), name="feed-atom"),
    path("releases/feed/rss/", feeds.ReleaseRssFeed(), name="feed-rss"),
    path("releases/feed/json/", feeds.ReleaseJsonFeed(), name="feed-json"),
    path("speakers/<slug:slug>/feed/atom/", feeds.SpeakerAtomFeed(), name="speaker-feed-atom"),
    path("speakers/<slug:slug>/feed/rss/", feeds.SpeakerRssFeed(), name="speaker-feed-rss"),
    path("topics/<slug:slug>/feed/atom/", feeds.TopicAtomFeed(), name="topic-feed-atom"),
    path("topics/<slug:slug>/feed/rss/", feeds.TopicRssFeed(), name="topic-feed-rss"),
    path("events/<slug:slug>/feed/atom/", feeds.EventAtomFeed(), name="event-feed-atom"),
    path("events/<slug:slug>/feed/rss/", feeds.EventRssFeed(), name="event-feed-rss"),
    path("events/calendar.ics", calendars.events_calendar, name="events-calendar"),
    path("events/<slug:slug>/event.ics", calendars.event_ics, name="event-ics"),
    # Workflow: personal preview links for journalists.
    path("embargo/<slug:token>/", embargo.embargo_view, name="embargo"),
]
