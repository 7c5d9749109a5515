from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The open-data API's plumbing: its schema, documentation, pagination and CSV rendering."""

    name = "api"
    verbose_name = "API"
