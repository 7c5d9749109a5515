"""The `contacts` section of the exchange format: people, personal data as a whole."""

from agreements.models import Agreement
from institutions.models import DiplomaticPost, PolishOrganisation
from memberships.models import Agency, Association
from partners.models import PartnerCity
from programmes.models import ProgrammeParticipation
from registry.exchange import Boolean, Choice, Date, Reference, ReferenceList, Section, Text

from .choices import LawfulBasis, OrganisationKind
from .models import Contact

CONTACTS = Section(
    "contacts",
    Contact,
    [
        Text("full_name", required=True),
        Text("position"),
        Text("organisation"),
        Choice("organisation_kind", OrganisationKind),
        Text("languages"),
        Text("email"),
        Text("phone"),
        ReferenceList("cities", PartnerCity),
        ReferenceList("agreements", Agreement),
        ReferenceList("projects", ProgrammeParticipation),
        ReferenceList("associations", Association),
        Reference("agency", Agency),
        Reference("diplomatic_post", DiplomaticPost),
        Reference("polish_organisation", PolishOrganisation),
        Choice("lawful_basis", LawfulBasis, required=True),
        Text("lawful_basis_note"),
        Date("review_on", required=True),
        Text("notes"),
        Boolean("example", attr="is_example"),
    ],
    select_related=("agency", "diplomatic_post", "polish_organisation"),
    personal=True,
)
