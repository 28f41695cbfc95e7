from django.urls import path

from . import views

app_name = "contacts"

urlpatterns = [
    path("", views.OfficeListView.as_view(), name="index"),
    path("e-mail/<int:pk>/", views.reveal_email, name="reveal-email"),
    path("<slug:slug>/", views.OfficeDetailView.as_view(), name="office"),
    path("<slug:slug>/vcard/", views.vcard, name="vcard"),
]
