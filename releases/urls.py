from django.urls import path, register_converter

from . import converters, embargo, views

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
    path("embargo/<slug:token>/", embargo.embargo_view, name="embargo"),
]
