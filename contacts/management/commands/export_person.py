import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext as _

from contacts.selectors import person_find
from contacts.services import person_export


class Command(BaseCommand):
    help = (
        "Write, as JSON, everything the registry holds on one person: the answer to a data subject access "
        "request (Art. 15 GDPR), to review before it is sent."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", nargs="?", help="the person's identifier")
        parser.add_argument("--email", help="find the person by an e-mail address they have or had instead")
        parser.add_argument("-o", "--output", help="file to write (standard output if left out)")

    def handle(self, *args, slug, email, output, **options):
        if (slug is None) == (email is None):
            raise CommandError(_("Name the person by their identifier or by --email, not both."))
        people = list(person_find(slug=slug, email=email))
        if not people:
            raise CommandError(_("No person is recorded as %(person)s.") % {"person": slug or email})
        if len(people) > 1:
            raise CommandError(
                _("%(address)s is the address of several people: %(ids)s. Name one by their identifier.")
                % {"address": email, "ids": ", ".join(person.slug for person in people)}
            )
        export = person_export(contact=people[0])
        text = json.dumps(export, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        if output:
            Path(output).write_text(text + "\n", encoding="utf-8")
            self.stderr.write(self.style.SUCCESS(_("Written to %(path)s.") % {"path": output}))
        else:
            self.stdout.write(text)
