"""A partner city as the open-data API gives it: its exchange-format id, where it is, its public relations."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from agreements.choices import AgreementKind, AgreementStatus, Sector, Succession, WorkingDocumentKind
from agreements.selectors import RELATION_OF_KIND
from api.fields import PartialDateField
from partners.choices import CityNameKind, Relation
from partners.models import PartnerCity
from registry.terms import Term, TermEvent
from visits.choices import Direction, Level
from visits.models import Visit

# A working document's cooperation is "current" until it ends; an agreement reports its own status.
DOCUMENT_CURRENT, DOCUMENT_ENDED, DOCUMENT_NOT_KNOWN = "current", "ended", "not_known"
RELATION_STATUSES = [
    AgreementStatus.IN_FORCE,
    AgreementStatus.SUSPENDED,
    AgreementStatus.TERMINATED,
    DOCUMENT_CURRENT,
    DOCUMENT_ENDED,
    DOCUMENT_NOT_KNOWN,
]


class TermEventSerializer(serializers.Serializer):
    """What the document's term brings next: the day it ends (or ended) or next renews itself."""

    event = serializers.ChoiceField(choices=[TermEvent.ENDS, TermEvent.RENEWS], source="kind")
    on = PartialDateField()
    notice_by = PartialDateField(
        help_text=_("The last day to give notice, where a notice period is recorded.")
    )


class RelationSerializer(serializers.Serializer):
    """One public relation: a signed public agreement, or a public working document not formalized."""

    id = serializers.CharField(
        help_text=_("The agreement's or document's identifier in the exchange format.")
    )
    kind = serializers.ChoiceField(choices=Relation.choices)
    document = serializers.ChoiceField(choices=[*AgreementKind.values, *WorkingDocumentKind.values])
    sector = serializers.ChoiceField(choices=Sector.choices, allow_null=True)
    status = serializers.ChoiceField(choices=[str(status) for status in RELATION_STATUSES])
    since = PartialDateField()
    until = PartialDateField()
    follows = serializers.CharField(
        allow_null=True, help_text=_("The earlier public agreement this one renews, replaces or amends.")
    )
    follows_as = serializers.ChoiceField(choices=Succession.choices, allow_null=True)
    term = serializers.ChoiceField(choices=Term.choices)
    term_years = serializers.IntegerField(allow_null=True)
    term_next = TermEventSerializer(allow_null=True)


class OtherNameSerializer(serializers.Serializer):
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=CityNameKind.choices)
    language = serializers.CharField(help_text=_("Its code, e.g. de; empty for a name of no one language."))


def public_relations(city):
    """The city's relations, read only from what partner_city_prefetch_public_relations() fetched."""
    today = timezone.localdate()
    public_ids = {agreement.pk: agreement.slug for agreement in city.public_relation_agreements}
    relations = [
        {
            "id": agreement.slug,
            "follows": public_ids.get(agreement.follows_id),
            "follows_as": agreement.follows_as if agreement.follows_id in public_ids else None,
            **term_of(agreement, today),
            "kind": RELATION_OF_KIND[agreement.kind],
            "document": agreement.kind,
            "sector": agreement.sector or None,
            "status": agreement.status,
            "since": agreement.in_effect_since,
            "until": agreement.known_date("terminated_on"),
        }
        for agreement in city.public_relation_agreements
    ]
    relations += [
        {
            "id": document.slug,
            "follows": None,
            "follows_as": None,
            **term_of(document, today),
            "kind": Relation.COOPERATION,
            "document": document.kind,
            "sector": None,
            "status": document_status(document),
            "since": document.known_date("signed_on"),
            "until": document.known_date("ended_on"),
        }
        for document in city.public_relation_documents
    ]
    return sorted(
        relations,
        key=lambda relation: relation["since"].first_day if relation["since"] else datetime.date.max,
    )


def document_status(document):
    if document.ended_on:
        return DOCUMENT_ENDED
    return DOCUMENT_NOT_KNOWN if document.status_not_known else DOCUMENT_CURRENT


def term_of(record, today):
    return {
        "term": record.term,
        "term_years": record.term_years,
        # An ended record's term brings nothing, as on the city page.
        "term_next": record.next_term_event(after=today) if record.term_is_running() else None,
    }


class PartnerCitySerializer(serializers.ModelSerializer):
    """A city of website.selectors.partner_city_list_public(), with its annotations."""

    id = serializers.CharField(source="slug", help_text=_("The city's identifier in the exchange format."))
    country = serializers.CharField(source="country.code", help_text=_("ISO 3166-1 alpha-2 code."))
    country_name = serializers.CharField(source="country.name", help_text=_("In the request's language."))
    latitude = serializers.FloatField(allow_null=True)
    longitude = serializers.FloatField(allow_null=True)
    relation = serializers.ChoiceField(
        choices=Relation.choices,
        help_text=_("The highest current public relation, or the highest ended one if none is current."),
    )
    current = serializers.BooleanField(
        source="is_current",
        allow_null=True,
        help_text=_("Whether the relation goes on; null where the public record does not say."),
    )
    since = serializers.SerializerMethodField(help_text=_("Year the relation began."))
    until = PartialDateField(
        "until",
        help_text=_(
            "When the last relation ended, if none is current, as much as is known: a day (2022-09-16), "
            "a month (2022-09) or a year (2022)."
        ),
    )
    partners_since = PartialDateField(
        "partners_since", help_text=_("When the earliest public record of cooperation with the city began.")
    )
    other_names = OtherNameSerializer(many=True, help_text=_("Former names and names in other languages."))
    distance_km = serializers.SerializerMethodField(help_text=_("Great-circle distance from Krakow."))
    url = serializers.SerializerMethodField(help_text=_("The city's page on the public site."))
    relations = serializers.SerializerMethodField()
    visits = serializers.SerializerMethodField(
        help_text=_("The identifiers of the city's public visits (/api/visits/<id>/).")
    )

    class Meta:
        model = PartnerCity
        fields = [
            "id",
            "name_en",
            "name_pl",
            "name_native",
            "other_names",
            "official_name_en",
            "official_name_pl",
            "country",
            "country_name",
            "continent",
            "latitude",
            "longitude",
            "is_capital",
            "relation",
            "current",
            "since",
            "until",
            "partners_since",
            "distance_km",
            "url",
            "relations",
            "visits",
        ]
        read_only_fields = fields

    def get_since(self, city) -> int | None:
        return city.since.year if city.since else None

    def get_distance_km(self, city) -> int | None:
        return round(city.distance_km) if city.distance_km is not None else None

    def get_url(self, city) -> str:
        return self.context["request"].build_absolute_uri(reverse("partners:city_detail", args=[city.slug]))

    @extend_schema_field(RelationSerializer(many=True))
    def get_relations(self, city):
        return RelationSerializer(public_relations(city), many=True).data

    def get_visits(self, city) -> list[str]:
        return [visit.slug for visit in city.public_visit_slugs]


# The columns of the CSV download: the city, without its list of relations.
CSV_COLUMNS = [
    field
    for field in PartnerCitySerializer.Meta.fields
    if field not in ("country_name", "is_capital", "relations", "other_names", "visits")
]


class VisitSerializer(serializers.ModelSerializer):
    """A public visit of website.selectors.visit_list_public(): what, which way, at what level and when;
    never who went, the programme or the outcome."""

    id = serializers.CharField(source="slug", help_text=_("The visit's identifier in the exchange format."))
    direction = serializers.ChoiceField(choices=Direction.choices)
    level = serializers.ChoiceField(choices=Level.choices)
    starts_on = PartialDateField("starts_on")
    ends_on = PartialDateField("ends_on")
    cities = serializers.SlugRelatedField(
        slug_field="slug",
        many=True,
        read_only=True,
        help_text=_("The identifiers of its partner cities that have a public page."),
    )

    class Meta:
        model = Visit
        fields = ["id", "title", "direction", "level", "starts_on", "ends_on", "cities"]
        read_only_fields = fields
