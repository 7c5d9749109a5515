"""The reads behind the public site: which cities Krakow has a public relation with, and what it is.

A *public relation* is a public agreement that was signed (in force, suspended or terminated) or a public
working document not yet formalized by an agreement. Nothing else — agreements in negotiation or approved but
unsigned, records marked non-public, internal notes — ever leaves these functions.
"""

from django.conf import settings
from django.db import models
from django.db.models import Case, Count, Exists, F, Max, Min, OuterRef, Prefetch, Q, Subquery, Value, When
from django.db.models.functions import ASin, Cast, Coalesce, Cos, Greatest, Power, Radians, Sin, Sqrt

from agreements.choices import AgreementKind, AgreementStatus
from agreements.models import Agreement, WorkingDocument
from agreements.selectors import agreement_start
from registry.dates import years_earlier

from .choices import Relation
from .models import PartnerCity

EARTH_RADIUS_KM = 6371.0
CURRENT_STATUSES = [AgreementStatus.IN_FORCE, AgreementStatus.SUSPENDED]
SIGNED_STATUSES = [*CURRENT_STATUSES, AgreementStatus.TERMINATED]


RELATION_OF_KIND = {
    AgreementKind.TWINNING: Relation.TWIN_CITY,
    AgreementKind.HONORARY_TITLE: Relation.HONORARY_TWIN_CITY,
    AgreementKind.PARTNERSHIP: Relation.PARTNER_CITY,
    AgreementKind.SECTORAL: Relation.SECTORAL,
}
KIND_OF_RELATION = {relation: kind for kind, relation in RELATION_OF_KIND.items()}


def public_agreements():
    return Agreement.objects.filter(is_public=True, status__in=SIGNED_STATUSES)


def public_working_documents():
    """Public documents that stand for a relation of their own.

    A document formalized by a public, signed agreement is that agreement's relation; one whose agreement is
    not public yet still stands for itself, so that nothing hints at the unpublished agreement.
    """
    return WorkingDocument.objects.filter(is_public=True).exclude(formalized_by__in=public_agreements())


def _relations_of_city(*, current):
    """Per relation, a subquery of the city's public records of it (current or ended) and their start."""
    agreements = public_agreements().filter(city=OuterRef("pk"))
    documents = public_working_documents().filter(city=OuterRef("pk"))
    if current:
        agreements = agreements.filter(status__in=CURRENT_STATUSES)
        documents = documents.filter(ended_on__isnull=True)
    else:
        agreements = agreements.filter(status=AgreementStatus.TERMINATED)
        documents = documents.filter(ended_on__isnull=False)
    relations = {relation: agreements.filter(kind=kind) for kind, relation in RELATION_OF_KIND.items()}
    relations[Relation.COOPERATION] = documents
    return relations


def _first_start(records, relation):
    start = Min("signed_on") if relation == Relation.COOPERATION else Min(agreement_start())
    return Subquery(records.order_by().values("city").annotate(first=start).values("first")[:1])


def distance_from_krakow_km():
    """Great-circle distance (haversine) from Krakow's centre, computed by the database."""
    home_latitude, home_longitude = (Radians(Value(degrees)) for degrees in settings.HOME_COORDINATES)
    latitude = Radians(Cast("latitude", models.FloatField()))
    longitude = Radians(Cast("longitude", models.FloatField()))
    haversine = Power(Sin((latitude - home_latitude) / 2), 2) + Cos(home_latitude) * Cos(latitude) * Power(
        Sin((longitude - home_longitude) / 2), 2
    )
    return 2 * EARTH_RADIUS_KM * ASin(Sqrt(haversine))


def public_relation_derived():
    """The expressions of a city's public relation, worked out from its public records (an `update()`'s).

    `public_relation` is the highest current public relation, or for a city whose relations all ended, the
    highest ended one ('' for a city with no public record); `public_relation_until` the day the last one
    ended, for a city with none current. Correlated subqueries: a city row costs its own records' lookups.
    """
    current = _relations_of_city(current=True)
    ended = _relations_of_city(current=False)
    relation_cases = [
        When(Exists(records[relation]), then=Value(relation.value))
        for records in (current, ended)
        for relation in Relation
    ]
    is_current = Q()
    for relation in Relation:
        is_current |= Q(Exists(current[relation]))
    since_cases = [
        When(Exists(current[relation]), then=_first_start(current[relation], relation))
        for relation in Relation
    ]
    since_cases += [
        When(Exists(ended[relation]), then=_first_start(ended[relation], relation)) for relation in Relation
    ]
    ended_agreements = public_agreements().filter(city=OuterRef("pk"), status=AgreementStatus.TERMINATED)
    ended_documents = public_working_documents().filter(city=OuterRef("pk"), ended_on__isnull=False)
    last_agreement_end = Subquery(
        ended_agreements.order_by().values("city").annotate(last=Max("terminated_on")).values("last")[:1]
    )
    last_document_end = Subquery(
        ended_documents.order_by().values("city").annotate(last=Max("ended_on")).values("last")[:1]
    )
    return {
        "public_relation": Case(*relation_cases, default=Value(""), output_field=models.CharField()),
        "public_relation_is_current": Case(When(is_current, then=Value(True)), default=Value(False)),
        "public_relation_since": Case(*since_cases, output_field=models.DateField()),
        "public_relation_until": Case(
            When(is_current, then=Value(None, output_field=models.DateField())),
            default=Greatest(
                Coalesce(last_agreement_end, last_document_end),
                Coalesce(last_document_end, last_agreement_end),
            ),
            output_field=models.DateField(),
        ),
    }


def partner_city_list_with_public_page():
    """Cities with a public relation, which alone have a public page and are named on the public site."""
    return PartnerCity.objects.exclude(public_relation="")


def partner_city_list_public():
    """Every city with a public relation, annotated with its relation, since/until days and distance.

    The relation is read from the city's row, where the writes of its agreements and working documents keep
    it (partners.services.partner_city_refresh_public_relations): one query whatever the registry's size,
    and a cost that does not grow with the records behind each city.
    """
    return (
        partner_city_list_with_public_page()
        .annotate(
            relation=F("public_relation"),
            is_current=F("public_relation_is_current"),
            since=F("public_relation_since"),
            until=F("public_relation_until"),
            distance_km=distance_from_krakow_km(),
        )
        .order_by("name_en")
    )


def relation_counts(cities):
    """How many of these cities have each relation (one query, grouped: the public list's default reads it
    off an index of the relation alone)."""
    counts = dict(cities.order_by().values_list("public_relation").annotate(count=Count("pk")))
    return [(relation, counts.get(relation.value, 0)) for relation in Relation]


def partner_city_get_public(slug):
    """A city's public page data, or None if it has no public relation (then it has no public page)."""
    from memberships.selectors import association_list_current
    from programmes.models import Activity
    from programmes.selectors import programme_participation_list_public

    return (
        partner_city_list_public()
        .filter(slug=slug)
        .prefetch_related(
            Prefetch(
                "agreements",
                queryset=public_agreements().order_by(agreement_start().asc(nulls_last=True), "kind"),
                to_attr="public_agreements",
            ),
            Prefetch(
                "working_documents",
                queryset=WorkingDocument.objects.filter(is_public=True).order_by("signed_on"),
                to_attr="public_working_documents",
            ),
            Prefetch(
                "activities",
                queryset=Activity.objects.filter(is_public=True).order_by("-starts_on"),
                to_attr="public_activities",
            ),
            Prefetch(
                "programme_participations",
                queryset=programme_participation_list_public(),
                to_attr="public_programme_participations",
            ),
            Prefetch("associations", queryset=association_list_current(), to_attr="shared_associations"),
        )
        .first()
    )


def partner_city_prefetch_public_relations(cities):
    """These cities with their public agreements and public working documents (two more queries).

    The open-data API lists a city's relations from these two lists and from nothing else.
    """
    return cities.prefetch_related(
        Prefetch(
            "agreements",
            queryset=public_agreements().order_by(agreement_start().asc(nulls_last=True), "kind"),
            to_attr="public_relation_agreements",
        ),
        Prefetch(
            "working_documents",
            queryset=public_working_documents().order_by("signed_on"),
            to_attr="public_relation_documents",
        ),
    )


def place_filter(*, continent="", country="", city="city"):
    """Q for records whose city (reached through `city`) lies on the continent and in the country given."""
    condition = Q()
    if continent:
        condition &= Q(**{f"{city}__continent": continent})
    if country:
        condition &= Q(**{f"{city}__country": country})
    return condition


def partner_city_list_standing(*, agreements, documents):
    """Cities of these standing agreements and working documents, with their highest relation (one query).

    Non-public records count: this is the council's view, never the public site's.
    """
    cases = [
        When(Exists(agreements.filter(city=OuterRef("pk"), kind=kind)), then=Value(relation.value))
        for kind, relation in RELATION_OF_KIND.items()
    ]
    cases.append(When(Exists(documents.filter(city=OuterRef("pk"))), then=Value(Relation.COOPERATION.value)))
    return (
        PartnerCity.objects.annotate(relation=Case(*cases, output_field=models.CharField()))
        .filter(relation__isnull=False)
        .annotate(is_current=Value(True))
        .order_by("name_en")
    )


def partner_city_list_dormant(*, agreements, on, years):
    """Cities with an agreement standing for over `years` years and no activity with them in that time.

    Each comes with the day its oldest standing agreement began and its last activity before the day, if any.
    """
    from programmes.models import Activity

    quiet_since = years_earlier(on, years)
    city_agreements = agreements.filter(city=OuterRef("pk")).order_by("started_on")
    city_activities = Activity.objects.filter(cities=OuterRef("pk"), starts_on__lte=on)
    last_activity = city_activities.order_by("-starts_on").values("starts_on")
    # The conditions as EXISTS and NOT EXISTS, which the database answers as joins stopping at the first
    # match; the dates shown are then looked up only for the cities listed (filtering on them made the
    # database find them for every city).
    return (
        PartnerCity.objects.filter(Exists(city_agreements.filter(started_on__lte=quiet_since)))
        .filter(~Exists(city_activities.filter(starts_on__gte=quiet_since)))
        .annotate(
            partners_since=Subquery(city_agreements.values("started_on")[:1]),
            last_activity_on=Subquery(last_activity[:1]),
        )
        .order_by(F("last_activity_on").asc(nulls_first=True), "name_en")
    )
