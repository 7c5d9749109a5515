from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from registry.permissions import COUNCIL_MEMBERS

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "krakow-demo"  # noqa: S105 - a local demonstration login, refused unless DEBUG is on
DEMO_COUNCIL_USERNAME = "radna"


def examples_file():
    """The demo's made-up records (people, visits, letters, follow-ups, ...), kept apart from the public
    record's facts in the demo registry: every one an example where its model can say so, none public."""
    return settings.DEMO_REGISTRY_FILE.with_name("krakow-examples.json")


class Command(BaseCommand):
    help = "Load the Krakow demo registry, its made-up examples and the demo logins (development only)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--site",
            default="http://127.0.0.1:8000",
            help="The address the site is served at, for the log-in hint (default: %(default)s).",
        )
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
            help="The language of the log-in hint and of the pages it points to (default: %(default)s).",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(_("The demo login is for development only: set DEBUG=1."))
        call_command("import_registry", str(settings.DEMO_REGISTRY_FILE), stderr=self.stderr)
        user, _created = get_user_model().objects.get_or_create(username=DEMO_USERNAME)
        user.is_staff = user.is_superuser = True
        user.set_password(DEMO_PASSWORD)
        user.save()
        council_member, _created = get_user_model().objects.get_or_create(
            username=DEMO_COUNCIL_USERNAME, defaults={"first_name": "Anna", "last_name": "Radna"}
        )
        council_member.set_password(DEMO_PASSWORD)
        council_member.save()
        council_member.groups.add(Group.objects.get(name=COUNCIL_MEMBERS))
        # After the users: the examples' follow-ups are the demo user's.
        call_command("import_registry", str(examples_file()), "--with-personal-data", stderr=self.stderr)
        self.log_in_hint(site=options["site"].rstrip("/"), language=options["language"])

    def log_in_hint(self, *, site, language):
        with translation.override(language):
            self.stdout.write(
                _("Log in at %(address)s as %(user)s with the password %(password)s")
                % {"address": f"{site}/{language}/admin/", "user": DEMO_USERNAME, "password": DEMO_PASSWORD}
            )
            self.stdout.write(
                _(
                    "The council's dashboard is at %(address)s (a council member: %(user)s, password "
                    "%(password)s)"
                )
                % {
                    "address": f"{site}/{language}/dashboard/",
                    "user": DEMO_COUNCIL_USERNAME,
                    "password": DEMO_PASSWORD,
                }
            )
