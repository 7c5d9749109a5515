"""The registry's admin site, with the configurations of the apps that make up its menu: the admin's, which
makes the site the default one, and django-axes's, which names its section. INSTALLED_APPS names them
("registry.sites.RegistryAdminConfig", "registry.sites.LoginAuditConfig") in place of "django.contrib.admin"
and "axes".

Kept apart from registry.admin: Django imports the default site's class while the admin modules register their
models on it, so this module must not import any of them.
"""

from pathlib import Path

from axes.apps import AppConfig as AxesConfig
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class RegistryAdminSite(admin.AdminSite):
    """The admin with the registry's own sections first, in the order of their apps in INSTALLED_APPS (the
    domain's: partner cities, agreements, programmes, …), then the accounts and the login audit."""

    def get_app_list(self, request, app_label=None):
        configs = list(apps.get_app_configs())
        order = {config.label: index for index, config in enumerate(configs)}
        own = {config.label for config in configs if Path(config.path).parent == Path(settings.BASE_DIR)}
        return sorted(
            super().get_app_list(request, app_label),
            key=lambda app: (app["app_label"] not in own, order[app["app_label"]]),
        )


class RegistryAdminConfig(AdminConfig):
    default_site = "registry.sites.RegistryAdminSite"


class LoginAuditConfig(AxesConfig):
    """django-axes, which names its section of the admin "Axes", in no language."""

    verbose_name = _("Login audit")
