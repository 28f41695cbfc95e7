from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class PageCacheConfig(AppConfig):
    name = "pagecache"
    verbose_name = _("Page cache")

    def ready(self):
        from .version import on_change, on_migrate

        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(on_change, dispatch_uid=f"pagecache-{signal}")
        post_migrate.connect(on_migrate, dispatch_uid="pagecache-migrate")
