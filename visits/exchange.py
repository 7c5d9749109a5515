"""The `visits` section of the exchange format; its members are personal data."""

from agreements.models import Agreement
from contacts.models import Contact
from partners.models import PartnerCity
from programmes.models import ProgrammeParticipation
from registry.exchange import Boolean, Choice, PartialDateKey, Reference, ReferenceList, Section, Text

from .choices import Direction, Level
from .models import Visit

VISITS = Section(
    "visits",
    Visit,
    [
        Text("title", required=True),
        Choice("direction", Direction, required=True),
        Choice("level", Level, required=True),
        PartialDateKey("starts_on", required=True),
        PartialDateKey("ends_on"),
        ReferenceList("cities", PartnerCity),
        ReferenceList("members", Contact),
        Text("other_members"),
        Reference("agreement", Agreement),
        Reference("project", ProgrammeParticipation),
        Text("programme"),
        Text("outcome"),
        Boolean("public", attr="is_public", default=False),
        Boolean("example", attr="is_example"),
    ],
    select_related=("agreement", "project"),
    # The programme and the outcome name people as often as not.
    personal_keys=("members", "other_members", "programme", "outcome"),
)
