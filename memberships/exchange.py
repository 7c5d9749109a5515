"""The `associations`, `memberships` and `agencies` sections of the exchange format."""

from partners.exchange import Country
from partners.models import PartnerCity
from registry.exchange import (
    Boolean,
    Choice,
    DecimalValue,
    Group,
    Integer,
    PartialDateKey,
    Reference,
    ReferenceList,
    Section,
    Text,
)
from registry.money import Currency

from .choices import AssociationKind
from .models import Agency, Association, Membership

ASSOCIATIONS = Section(
    "associations",
    Association,
    [
        Text("name", required=True),
        Text("acronym"),
        Choice("kind", AssociationKind, required=True),
        Text("website"),
        ReferenceList("member_cities", PartnerCity),
    ],
)

MEMBERSHIPS = Section(
    "memberships",
    Membership,
    [
        Reference("association", Association, required=True),
        Group(
            "council_resolution",
            Text("number", attr="resolution_number"),
            PartialDateKey("date", attr="resolution_date"),
            required_keys=("date",),
        ),
        Group(
            "mfa_approval",
            Text("reference", attr="mfa_approval_reference"),
            PartialDateKey("date", attr="mfa_approval_date"),
            required_keys=("reference", "date"),
        ),
        Text("resolution_not_recorded"),
        Text("approval_not_recorded"),
        Boolean("founder", attr="is_founder"),
        PartialDateKey("joined_on"),
        PartialDateKey("left_on"),
        DecimalValue("annual_fee"),
        Choice("fee_currency", Currency, default=Currency.EUR),
        Group("fee_due", Integer("month", attr="fee_due_month"), Integer("day", attr="fee_due_day")),
        Text("representative"),
        Boolean("public", attr="is_public", default=True),
        Text("notes"),
    ],
    select_related=("association",),
    renamed_keys={"annual_fee_eur": "annual_fee"},
)

AGENCIES = Section(
    "agencies",
    Agency,
    [
        Text("name_en", required=True),
        Text("name_pl", required=True),
        Country("country", required=True),
        Text("locality", required=True),
        Reference("city", PartnerCity),
        Text("address"),
        Text("website"),
        PartialDateKey("opened_on"),
        PartialDateKey("closed_on"),
    ],
    select_related=("city",),
)
