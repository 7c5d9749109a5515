from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from exchange.format import dump_document, export_registry


class Command(BaseCommand):
    help = "Write the whole registry in the exchange format (krakow-relations/2)."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", help="file to write (standard output if left out)")
        parser.add_argument(
            "--with-personal-data",
            action="store_true",
            help="also write personal data: people, letters, follow-ups, visits' members and agreements' "
            "coordinators (GDPR: keep the file as safely as the registry)",
        )

    def handle(self, *args, output, with_personal_data, **options):
        text = dump_document(export_registry(personal_data=with_personal_data))
        if output:
            Path(output).write_text(text, encoding="utf-8")
            self.stderr.write(self.style.SUCCESS(_("Registry written to %(path)s.") % {"path": output}))
        else:
            self.stdout.write(text, ending="")
        if with_personal_data:
            # Whoever holds the file holds personal data: the law that protects them follows it.
            self.stderr.write(
                self.style.WARNING(
                    _(
                        "The file holds personal data: keep it as safely as the registry, share it only with "
                        "those who may hold the data, and delete it when it is no longer needed."
                    )
                )
            )
