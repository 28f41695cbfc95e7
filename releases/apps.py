from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ReleasesConfig(AppConfig):
    name = "releases"
    verbose_name = _("Newsroom")

    def ready(self):
        from . import history, roles

        history.register_models()
        post_migrate.connect(roles.on_post_migrate, dispatch_uid="releases.roles")
