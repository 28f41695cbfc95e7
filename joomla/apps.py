from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JoomlaConfig(AppConfig):
    name = "joomla"
    verbose_name = _("Moving from Joomla")

    def ready(self):
        from embassy.text import clean_on_save

        clean_on_save(self)
