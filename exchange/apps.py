from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    """The exchange format (a whole registry as one JSON document), its commands and the demo registry."""

    name = "exchange"
    verbose_name = _("exchange format")
