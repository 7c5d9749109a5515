from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from exchange.format import dump_document, export_registry


class Command(BaseCommand):
    help = "Write the whole registry in the exchange format (krakow-relations/2)."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", help="file to write (standard output if left out)")

    def handle(self, *args, output, **options):
        text = dump_document(export_registry())
        if output:
            Path(output).write_text(text, encoding="utf-8")
            self.stderr.write(self.style.SUCCESS(_("Registry written to %(path)s.") % {"path": output}))
        else:
            self.stdout.write(text, ending="")
