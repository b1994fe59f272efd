from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data for trying Bidra (``manage.py load_demo``); the top layer, with no models of its own."""

    name = "bidra.demo"
    verbose_name = "Demo"
