import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from agenda.services import DIGEST_DAYS, digest_send


class Command(BaseCommand):
    help = "Mail each member of staff what is due: overdue follow-ups and the items of the next days."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="the day the digest is for, YYYY-MM-DD (default: today)")
        parser.add_argument(
            "--days", type=int, default=DIGEST_DAYS, help="how many days ahead (default: %(default)s)"
        )
        parser.add_argument("--dry-run", action="store_true", help="say who would get a mail, send nothing")

    def handle(self, *args, date, days, dry_run, **options):
        try:
            on = datetime.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError as error:
            raise CommandError(_("The date is not a day (YYYY-MM-DD): %(date)s") % {"date": date}) from error
        if days < 0:
            raise CommandError(_("The number of days ahead cannot be negative."))
        recipients = digest_send(on=on, days=days, dry_run=dry_run)
        for user in recipients:
            self.stdout.write(f"{user.get_username()} <{user.email}>", style_func=None)
        if dry_run:
            report = ngettext(
                "Dry run: %(count)s digest would be sent.",
                "Dry run: %(count)s digests would be sent.",
                len(recipients),
            )
        else:
            report = ngettext("Sent %(count)s digest.", "Sent %(count)s digests.", len(recipients))
        self.stdout.write(report % {"count": len(recipients)})
