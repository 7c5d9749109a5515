from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django_countries import countries as known_countries

from partners.models import PartnerCity
from partners.services import officer_assign, officer_get_or_create, officer_revoke


class Command(BaseCommand):
    help = "Make an international relations officer responsible for partner cities or whole countries."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--city", nargs="+", action="extend", default=[], metavar="ID", help="city ids")
        parser.add_argument(
            "--country", nargs="+", action="extend", default=[], metavar="CC", help="ISO codes"
        )
        parser.add_argument("--revoke", action="store_true", help="take the responsibility back")

    def handle(self, *args, username, city, country, revoke, **options):
        cities = list(PartnerCity.objects.filter(slug__in=city))
        unknown = sorted(set(city) - {found.slug for found in cities})
        if unknown:
            raise CommandError(_("unknown cities: %(ids)s") % {"ids": ", ".join(unknown)})
        codes = [code.upper() for code in country]
        invalid = sorted(code for code in codes if code not in dict(known_countries))
        if invalid:
            raise CommandError(_("unknown country codes: %(codes)s") % {"codes": ", ".join(invalid)})
        if revoke:
            officer = get_user_model().objects.filter(username=username).first()
            if officer is None:
                raise CommandError(_("no user %(username)s") % {"username": username})
            officer_revoke(officer=officer, cities=cities, countries=codes)
            self.stdout.write(_("Responsibility of %(username)s revoked.") % {"username": username})
            return
        officer, created = officer_get_or_create(username=username)
        officer_assign(officer=officer, cities=cities, countries=codes)
        if created:
            self.stdout.write(
                _("Officer %(username)s created; an administrator sets the password in the admin.")
                % {"username": username}
            )
        self.stdout.write(
            _("%(username)s is responsible for %(cities)d cities and %(countries)d countries.")
            % {"username": username, "cities": len(cities), "countries": len(codes)}
        )
