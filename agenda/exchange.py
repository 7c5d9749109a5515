"""The `follow_ups` section of the exchange format: personal data as a whole (whose task it is)."""

from agreements.models import Agreement
from correspondence.models import Letter
from memberships.models import Membership
from partners.models import PartnerCity
from registry.exchange import Boolean, Date, Reference, Section, Text, Username
from visits.models import Visit

from .models import FollowUp

FOLLOW_UPS = Section(
    "follow_ups",
    FollowUp,
    [
        Text("title", required=True),
        Date("due_on", required=True),
        Username("owner", required=True),
        Date("done_on"),
        Reference("city", PartnerCity),
        Reference("visit", Visit),
        Reference("letter", Letter),
        Reference("agreement", Agreement),
        Reference("membership", Membership),
        Text("notes"),
        Boolean("example", attr="is_example"),
    ],
    select_related=("owner", "city", "visit", "letter", "agreement", "membership"),
    personal=True,
)
