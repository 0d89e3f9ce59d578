from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class PeelConfig(AppConfig):
    default = True
    name = "peel"
    verbose_name = "Inspections"
    default_auto_field = "django.db.models.BigAutoField"


class PeelAdminConfig(admin_apps.AdminConfig):
    default = False
    """The Django admin, restricted to users with the Admin role."""

    default_site = "peel.admin_site.PeelAdminSite"
