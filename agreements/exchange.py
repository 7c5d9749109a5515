"""The `agreements` and `working_documents` sections of the exchange format."""

from django.utils.translation import gettext as _

from partners.models import PartnerCity
from registry.exchange import (
    Boolean,
    Choice,
    Date,
    Group,
    Integer,
    PartialDateKey,
    Reference,
    Section,
    Text,
    Username,
)
from registry.terms import Term

from .choices import AgreementKind, AgreementStatus, Sector, Succession, WorkingDocumentKind
from .models import Agreement, WorkingDocument


def term_keys():
    """The keys of a document's term (registry.terms.HasTerm)."""
    return [
        Choice("term", Term, default=Term.NOT_RECORDED),
        Integer("term_years"),
        Date("expires_on"),
        Integer("notice_months"),
    ]


def agreement_from_version_1(record):
    """Version 1 had no place for the act behind an agreement without a resolution (a sectoral one) nor for
    the act that ended one: such a record says that the file did not record it."""
    not_in_file = _("Not in the exchange file, whose format (krakow-relations/1) had no place for it.")
    decided = record.get("status", AgreementStatus.NEGOTIATION) != AgreementStatus.NEGOTIATION
    if decided and not record.get("council_resolution"):
        record.setdefault("decision_not_recorded", not_in_file)
    if record.get("status") == AgreementStatus.TERMINATED:
        record.setdefault("termination_act_not_recorded", not_in_file)
    return record


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
            PartialDateKey("date", attr="resolution_date"),
            Boolean("ratifies_signed_agreement", attr="resolution_ratifies_signed_agreement"),
            required_keys=("date",),
        ),
        Text("deciding_body"),
        Text("decision_not_recorded"),
        PartialDateKey("signed_on"),
        Text("signatories"),
        Reference("follows", Agreement),
        Choice("follows_as", Succession),
        *term_keys(),
        PartialDateKey("terminated_on"),
        Text("termination_reason"),
        Text("termination_act"),
        Text("termination_act_not_recorded"),
        Boolean("public", attr="is_public", default=True),
        Text("notes"),
        Username("coordinator"),
    ],
    select_related=("city", "follows", "coordinator"),
    prepare=Agreement.copy_city_fields,  # what Agreement.save() copies from the city, for bulk writes
    upgrade_v1=agreement_from_version_1,
    # The coordinator is a person: a member of staff named by their username.
    personal_keys=("coordinator",),
)

WORKING_DOCUMENTS = Section(
    "working_documents",
    WorkingDocument,
    [
        Reference("city", PartnerCity, required=True),
        Choice("kind", WorkingDocumentKind, required=True),
        Text("kind_name"),
        Text("title"),
        PartialDateKey("signed_on"),
        Text("signatories"),
        PartialDateKey("ended_on"),
        Boolean("status_not_known"),
        *term_keys(),
        Reference("formalized_by", Agreement),
        Reference("draft_agreement", Agreement),
        Boolean("public", attr="is_public", default=True),
        Text("notes"),
    ],
    select_related=("city", "formalized_by", "draft_agreement"),
)
