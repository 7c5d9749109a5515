from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebsiteConfig(AppConfig):
    """The public partner-cities site and its open data: each city's record as every app contributes to it."""

    name = "website"
    verbose_name = _("Public site")
