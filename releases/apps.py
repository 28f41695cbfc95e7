from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ReleasesConfig(AppConfig):
    name = "releases"
    verbose_name = _("Newsroom")

    def ready(self):
        from embassy.text import clean_on_save

        from .discovery.search import register_sqlite_functions
        from .workflow import roles

        clean_on_save(self)

        # Search on SQLite calls a Python function from SQL (see search.py).
        connection_created.connect(register_sqlite_functions, dispatch_uid="releases-search")
        post_migrate.connect(roles.on_post_migrate, dispatch_uid="releases.roles")
