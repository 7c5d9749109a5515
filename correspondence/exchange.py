"""The `letters` section of the exchange format: personal data as a whole (they name people and carry what
was said in confidence)."""

from agreements.models import Agreement
from contacts.models import Contact
from memberships.models import Membership
from partners.models import PartnerCity
from programmes.models import ProgrammeParticipation
from registry.exchange import Boolean, Choice, Date, Reference, Section, Text

from .choices import Direction, Medium
from .models import Letter

LETTERS = Section(
    "letters",
    Letter,
    [
        Choice("direction", Direction, required=True),
        Choice("medium", Medium, default=Medium.LETTER),
        Date("dated", required=True),
        Text("sender"),
        Reference("sender_contact", Contact),
        Text("recipient"),
        Reference("recipient_contact", Contact),
        Text("subject", required=True),
        Text("summary"),
        Text("reference_number"),
        Reference("city", PartnerCity),
        Reference("agreement", Agreement),
        Reference("project", ProgrammeParticipation),
        Reference("membership", Membership),
        Reference("in_reply_to", Letter),
        Boolean("example", attr="is_example"),
    ],
    select_related=(
        "sender_contact",
        "recipient_contact",
        "city",
        "agreement",
        "project",
        "membership",
        "in_reply_to",
    ),
    personal=True,
)
