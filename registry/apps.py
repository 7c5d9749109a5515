from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    """What every part of the registry shares: its records' base, attachments, roles and permissions, the
    admin's base, spreadsheets, PDFs, tables and charts."""

    name = "registry"
    verbose_name = _("Krakow international relations registry")
