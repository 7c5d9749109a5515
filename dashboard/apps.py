from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    """The City Council's dashboard and annual report."""

    name = "dashboard"
    verbose_name = _("council dashboard")
