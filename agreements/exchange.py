"""The `agreements` and `working_documents` sections of the exchange format."""

from partners.models import PartnerCity
from registry.exchange import Boolean, Choice, Date, Group, Reference, Section, Text

from .choices import AgreementKind, AgreementStatus, Sector, WorkingDocumentKind
from .models import Agreement, WorkingDocument

AGREEMENTS = Section(
    "agreements",
    Agreement,
    [
        Reference("city", PartnerCity, required=True),
        Choice("kind", AgreementKind, required=True),
        Choice("sector", Sector),
        Choice("status", AgreementStatus, required=True),
        Group(
            "council_resolution",
            Text("number", attr="resolution_number"),
            Date("date", attr="resolution_date"),
            Boolean("ratifies_signed_agreement", attr="resolution_ratifies_signed_agreement"),
            required_keys=("number", "date"),
        ),
        Date("signed_on"),
        Text("signatories"),
        Date("terminated_on"),
        Text("termination_reason"),
        Boolean("public", attr="is_public", default=True),
        Text("notes"),
    ],
    select_related=("city",),
    prepare=Agreement.copy_city_fields,  # what Agreement.save() copies from the city, for bulk writes
)

WORKING_DOCUMENTS = Section(
    "working_documents",
    WorkingDocument,
    [
        Reference("city", PartnerCity, required=True),
        Choice("kind", WorkingDocumentKind, required=True),
        Text("title"),
        Date("signed_on", required=True),
        Text("signatories"),
        Date("ended_on"),
        Reference("formalized_by", Agreement),
        Reference("draft_agreement", Agreement),
        Boolean("public", attr="is_public", default=True),
        Text("notes"),
    ],
    select_related=("city", "formalized_by", "draft_agreement"),
)
