from django.urls import path

from . import feeds, views
from .alerts import views as alerts

app_name = "notices"

urlpatterns = [
    path("notices/", views.NoticeListView.as_view(), name="index"),
    path("notices/feed/atom/", feeds.NoticeAtomFeed(), name="feed-atom"),
    path("notices/feed/rss/", feeds.NoticeRssFeed(), name="feed-rss"),
    path("notices/feed/json/", feeds.NoticeJsonFeed(), name="feed-json"),
    path("notices/<slug:slug>/", views.NoticeDetailView.as_view(), name="detail"),
    path("emergency/", views.EmergencyView.as_view(), name="emergency"),
    path("subscribe/", alerts.subscribe, name="subscribe"),
    path("subscribe/confirm/<str:token>/", alerts.confirm, name="confirm"),
    path("subscribe/manage/<str:token>/", alerts.manage, name="manage"),
    path("subscribe/unsubscribe/<str:token>/", alerts.unsubscribe, name="unsubscribe"),
]
