from django.apps import AppConfig


class FiguresConfig(AppConfig):
    name = "figures"
    verbose_name = "Report figures"
    default_auto_field = "django.db.models.BigAutoField"
