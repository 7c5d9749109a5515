"""The roles' permissions for the bodies of tools 4 and 10, people, visits, letters and follow-ups.

People, visits, letters and follow-ups are private (registry.permissions.PRIVATE): officers may add them but
see only those of their own cities, through their object permissions; council members see none of them.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.db.models import Q

PUBLIC_APPS = ["institutions"]
PRIVATE_APPS = ["contacts", "visits", "correspondence", "agenda"]
OFFICER_MAY_ADD = ["add_contact", "add_visit", "add_letter", "add_followup"]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    new = Q(content_type__app_label__in=[*PUBLIC_APPS, *PRIVATE_APPS]) & ~Q(
        content_type__model__startswith="historical"
    )
    public_view = new & Q(content_type__app_label__in=PUBLIC_APPS, codename__startswith="view_")
    grants = {
        "registry administrators": new & ~Q(content_type__model="calendarfeed"),
        "international relations officers": public_view | (new & Q(codename__in=OFFICER_MAY_ADD)),
        "council members": public_view,
    }
    for name, condition in grants.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*Permission.objects.filter(condition))


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.all():
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label__in=[*PUBLIC_APPS, *PRIVATE_APPS])
        )


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0004_alter_attachment_kind"),
        ("institutions", "0001_initial"),
        ("contacts", "0002_initial"),
        ("visits", "0001_initial"),
        ("correspondence", "0001_initial"),
        ("agenda", "0003_initial"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
