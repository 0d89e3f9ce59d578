from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = "Case-file review"
    default_auto_field = "django.db.models.BigAutoField"
