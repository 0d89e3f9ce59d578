from django.apps import AppConfig


class ReviewPdfConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "review_pdf"
    verbose_name = "Review PDFs"
