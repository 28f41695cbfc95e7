from django.urls import path
from django.views.generic import TemplateView

app_name = "contacts"

# Placeholder until the consular contacts issue lands.
urlpatterns = [
    path("", TemplateView.as_view(template_name="contacts/index.html"), name="index"),
]
