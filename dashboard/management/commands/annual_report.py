from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from dashboard.report import FIRST_REPORT_YEAR, annual_report_pdf


class Command(BaseCommand):
    help = "Write the annual report to the City Council on Krakow's international relations as a PDF."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("-o", "--output", required=True, type=Path, help="the PDF file to write")
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
            help="the report's language (default: %(default)s)",
        )

    def handle(self, *args, year, output, language, **options):
        if not FIRST_REPORT_YEAR <= year <= timezone.localdate().year:
            raise CommandError(
                _("A report covers a year from %(first)s to this year.") % {"first": FIRST_REPORT_YEAR}
            )
        with translation.override(language):
            pdf = annual_report_pdf(year)
        output.write_bytes(pdf)
        self.stdout.write(_("Wrote %(file)s (%(size)s bytes).") % {"file": output, "size": len(pdf)})
