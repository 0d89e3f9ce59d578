from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demonstration and benchmark data. Sits above every other app: it may import them all."""

    name = "demo"
    verbose_name = "Demo data"
