from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactsConfig(AppConfig):
    name = "contacts"
    verbose_name = _("Consular contacts")

    def ready(self):
        from embassy.text import clean_on_save

        clean_on_save(self)
