from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KrakowRelationsConfig(AppConfig):
    """The project package as an app: the exchange format, its commands, the demo data and shared parts."""

    name = "krakow_relations"
    verbose_name = _("Krakow international relations registry")
