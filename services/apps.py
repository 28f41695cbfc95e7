from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "services"
    verbose_name = _("Consular services")

    def ready(self):
        from embassy.text import clean_on_save

        clean_on_save(self)
