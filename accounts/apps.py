from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    default = True
    name = "accounts"
    verbose_name = _("Staff accounts and security")

    def ready(self):
        from . import audit  # noqa: F401 - connects the audit trail's receivers


class StaffAdminConfig(admin_apps.AdminConfig):
    """The admin, on a site that asks every staff member for a second factor."""

    default = False  # named in INSTALLED_APPS in place of django.contrib.admin
    default_site = "accounts.admin_site.StaffAdminSite"
