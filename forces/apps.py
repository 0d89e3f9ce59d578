from django.apps import AppConfig


class ForcesConfig(AppConfig):
    name = "forces"
    verbose_name = "Police forces"
    default_auto_field = "django.db.models.BigAutoField"
