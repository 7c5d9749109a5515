from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement
from contacts.models import Contact
from memberships.models import Membership
from partners.models import PartnerCity
from programmes.models import ProgrammeParticipation
from registry.resources import IdentifierReference, RegistryResource

from .models import Letter


class LetterResource(RegistryResource):
    """Letters and e-mails, as the document system (EZD) lists them; people and records named by their
    identifiers."""

    sender_contact = IdentifierReference("sender_contact", Contact)
    recipient_contact = IdentifierReference("recipient_contact", Contact)
    city = IdentifierReference("city", PartnerCity)
    agreement = IdentifierReference("agreement", Agreement)
    project = IdentifierReference("project", ProgrammeParticipation)
    membership = IdentifierReference("membership", Membership)
    in_reply_to = IdentifierReference("in_reply_to", Letter)

    class Meta(RegistryResource.Meta):
        name = _("correspondence")
        model = Letter
        fields = [
            "id",
            "direction",
            "medium",
            "dated",
            "sender",
            "sender_contact",
            "recipient",
            "recipient_contact",
            "subject",
            "summary",
            "reference_number",
            "city",
            "agreement",
            "project",
            "membership",
            "in_reply_to",
            "is_example",
        ]
        export_order = fields
