from argparse import BooleanOptionalAction

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from exchange.format import ExchangeError, holds_personal_data, import_registry, load_document


class Command(BaseCommand):
    help = "Merge an exchange-format file (krakow-relations/2, or /1) into the registry, all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the JSON file to import")
        parser.add_argument("--dry-run", action="store_true", help="validate everything, write nothing")
        parser.add_argument(
            "--progress",
            action=BooleanOptionalAction,
            default=None,
            help="show a progress bar (by default only on a terminal)",
        )
        parser.add_argument(
            "--with-personal-data",
            action="store_true",
            help="import a file that holds personal data (written by export_registry --with-personal-data)",
        )

    def handle(self, *args, file, dry_run, progress, with_personal_data, **options):
        try:
            document = load_document(file)
        except ExchangeError as error:
            raise CommandError(str(error)) from None
        # Taking in personal data is a decision of its own (GDPR): whoever imports says that the registry may
        # hold them.
        if holds_personal_data(document) and not with_personal_data:
            raise CommandError(
                _(
                    "%(path)s holds personal data: import it with --with-personal-data where the registry "
                    "may hold them."
                )
                % {"path": file}
            )
        # tqdm decides by itself (None) whether standard error is a terminal worth drawing on.
        with tqdm(
            desc=_("records"), unit="", file=self.stderr, disable=None if progress is None else not progress
        ) as bar:

            def advance(done, total):
                bar.total = total
                bar.update(done - bar.n)

            result = import_registry(document, dry_run=dry_run, progress=advance)
        if result.problems:
            for problem in result.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                _("%(count)d problems found; nothing was written.") % {"count": len(result.problems)}
            )
        summary = _("%(created)d records created, %(updated)d replaced.") % {
            "created": result.created,
            "updated": result.updated,
        }
        if dry_run:
            summary = _("Dry run, nothing written: %(summary)s") % {"summary": summary}
        self.stderr.write(self.style.SUCCESS(summary))
