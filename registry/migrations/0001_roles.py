"""The three roles of the registry as groups with their model permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.db.models import Q

REGISTRY_APPS = ["partners", "agreements", "programmes", "memberships"]
OFFICER_MAY_ADD = ["add_agreement", "add_workingdocument", "add_activity"]
# Administrators create the officers' and council members' accounts.
STAFF_ACCOUNTS = ["view_user", "add_user", "change_user", "view_group"]
ROLES = {
    "registry administrators": "all",
    "international relations officers": "view and add",
    "council members": "view",
}


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; the roles need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    registry = Q(content_type__app_label__in=REGISTRY_APPS) & ~Q(content_type__model__startswith="historical")
    view = registry & Q(codename__startswith="view_")
    grants = {
        "all": registry | Q(content_type__app_label="auth", codename__in=STAFF_ACCOUNTS),
        "view and add": view | (registry & Q(codename__in=OFFICER_MAY_ADD)),
        "view": view,
    }
    for name, grant in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(Permission.objects.filter(grants[grant]))


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("partners", "0003_assignments"),
        ("agreements", "0002_history_transitions_draft_agreement"),
        ("programmes", "0002_history"),
        ("memberships", "0002_history"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
