"""The `programme_participations` and `activities` sections of the exchange format."""

from institutions.models import DiplomaticPost, PolishOrganisation
from memberships.models import Agency, Association
from partners.models import PartnerCity
from registry.choices import PolicyTool
from registry.exchange import (
    Boolean,
    Choice,
    DecimalValue,
    Group,
    Number,
    PartialDateKey,
    Reference,
    ReferenceList,
    Section,
    Text,
)
from registry.money import Currency

from .choices import District, ParticipationRole, Programme
from .models import Activity, ProgrammeParticipation

PROGRAMME_PARTICIPATIONS = Section(
    "programme_participations",
    ProgrammeParticipation,
    [
        Choice("programme", Programme, required=True),
        Text("project", required=True),
        Text("acronym"),
        Choice("role", ParticipationRole, default=ParticipationRole.PARTNER),
        Group(
            "mayor_decision",
            Text("number", attr="decision_number"),
            PartialDateKey("date", attr="decision_date"),
            required_keys=("number", "date"),
        ),
        Text("decision_not_recorded"),
        PartialDateKey("starts_on"),
        PartialDateKey("ends_on"),
        DecimalValue("budget"),
        DecimalValue("krakow_share"),
        Choice("currency", Currency, default=Currency.EUR),
        ReferenceList("cities", PartnerCity),
        Text("website"),
        Boolean("public", attr="is_public", default=True),
        Text("notes"),
    ],
    renamed_keys={"budget_eur": "budget", "krakow_share_eur": "krakow_share"},
)

ACTIVITIES = Section(
    "activities",
    Activity,
    [
        Number("tool", PolicyTool, required=True),
        Text("title_pl"),
        Text("title_en"),
        PartialDateKey("starts_on", required=True),
        PartialDateKey("ends_on"),
        ReferenceList("cities", PartnerCity),
        Number("district", District),
        Text("organisers"),
        # The body the activity belongs to, as its tool implies (programmes.models.BODY_TOOLS).
        Reference("agency", Agency),
        Reference("association", Association),
        Reference("project", ProgrammeParticipation),
        Reference("diplomatic_post", DiplomaticPost),
        Reference("polish_organisation", PolishOrganisation),
        Text("description"),
        Boolean("public", attr="is_public", default=True),
        Boolean("example", attr="is_example"),
    ],
    select_related=("agency", "association", "project", "diplomatic_post", "polish_organisation"),
    # Before titles were kept in both languages, the one title was written in English.
    renamed_keys={"title": "title_en"},
)
