from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from contacts.selectors import person_find
from contacts.services import person_anonymise, person_erase


def listed(slugs):
    return ", ".join(slugs) or "-"


class Command(BaseCommand):
    help = (
        "Erase a person (Art. 17 GDPR), or with --anonymise keep their record without their personal data: "
        "their history and every mention of them go too, in one transaction."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="the person's identifier")
        parser.add_argument(
            "--anonymise", action="store_true", help="keep the record and its relations, without the person"
        )
        parser.add_argument("--dry-run", action="store_true", help="show what would change, change nothing")
        parser.add_argument("--user", help="the staff member to record as doing it (else the system login)")

    def handle(self, *args, slug, anonymise, dry_run, user, **options):
        contact = person_find(slug=slug).first()
        if contact is None:
            raise CommandError(_("No person is recorded as %(person)s.") % {"person": slug})
        staff = None
        if user is not None:
            staff = get_user_model().objects.filter(username=user, is_staff=True).first()
            if staff is None:
                raise CommandError(_("No staff member %(username)s.") % {"username": user})
        service = person_anonymise if anonymise else person_erase
        try:
            erasure = service(contact=contact, user=staff, dry_run=dry_run)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        self.report(erasure)

    def report(self, erasure):
        """What changed, by record and column, never the person's data: the command's output records the
        erasure as well as the log does."""
        done = (
            _("Person %(id)s (%(slug)s) anonymised by %(by)s at %(at)s.")
            if erasure.anonymised
            else _("Person %(id)s (%(slug)s) erased by %(by)s at %(at)s.")
        )
        lines = [
            done
            % {
                "id": erasure.contact_id,
                "slug": erasure.slug or "-",
                "by": erasure.by,
                "at": erasure.at.isoformat(timespec="seconds"),
            }
        ]
        if erasure.anonymised:
            lines.append(_("Versions of the person scrubbed: %(count)d") % {"count": erasure.history_rows})
        else:
            lines += [
                _("Versions of the person deleted: %(count)d") % {"count": erasure.history_rows},
                _("Relations in their history deleted: %(count)d") % {"count": erasure.history_relation_rows},
                _("Visits they are no longer a member of: %(ids)s") % {"ids": listed(erasure.visits)},
                _("Letters no longer linked to them: %(ids)s") % {"ids": listed(erasure.letters)},
                _("Letters now naming an erased person: %(ids)s")
                % {"ids": listed(erasure.letters_named_neutrally)},
            ]
        for (model, column), count in sorted(erasure.mentions.items()):
            where = f"{model}.{column}"
            lines.append(_("Mentions replaced in %(column)s: %(count)d") % {"column": where, "count": count})
        if erasure.dry_run:
            lines.insert(0, _("Dry run, nothing changed. This would be done:"))
        self.stdout.write("\n".join(lines))
