from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KrakowRelationsConfig(AppConfig):
    """The project package as an app: the exchange format, its commands, the demo data and shared parts."""

    name = "krakow_relations"
    verbose_name = _("Krakow international relations registry")

    def ready(self):
        from django.apps import apps
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from .caching import registry_changed

        # A change anywhere in the registry invalidates the cached public pages (and nothing else happens).
        for app_label in ("partners", "agreements", "programmes", "memberships"):
            for model in apps.get_app_config(app_label).get_models():
                post_save.connect(
                    registry_changed, sender=model, dispatch_uid=f"cache-{model._meta.label}-save"
                )
                post_delete.connect(
                    registry_changed, sender=model, dispatch_uid=f"cache-{model._meta.label}-del"
                )
        for through in (
            apps.get_model("programmes", "Activity").cities.through,
            apps.get_model("programmes", "ProgrammeParticipation").cities.through,
            apps.get_model("memberships", "Association").member_cities.through,
        ):
            m2m_changed.connect(registry_changed, sender=through, dispatch_uid=f"cache-{through._meta.label}")
