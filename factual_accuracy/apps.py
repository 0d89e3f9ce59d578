from django.apps import AppConfig


class FactualAccuracyConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "factual_accuracy"
    verbose_name = "Factual accuracy check"
