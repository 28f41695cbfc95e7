from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    name = "notices"
    verbose_name = _("Consular notices and alerts")

    def ready(self):
        from embassy.text import clean_on_save

        from .alerts import triggers

        clean_on_save(self)
        triggers.connect()
