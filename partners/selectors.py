"""The reads behind the public site: which cities Krakow has a public relation with, and what it is.

The relation itself is the agreements' to give (agreements.selectors.partner_city_public_relation()): a
public agreement that was signed, or a public working document not yet formalized by one. Nothing else —
agreements in negotiation or approved but unsigned, records marked non-public, internal notes — ever leaves
these functions.
"""

from django.conf import settings
from django.db import models
from django.db.models import Case, Count, Exists, F, Max, OuterRef, Prefetch, Subquery, Value, When
from django.db.models.functions import ASin, Cast, Cos, Power, Radians, Sin, Sqrt

from agreements.models import WorkingDocument
from agreements.selectors import (
    RELATION_OF_KIND,
    agreement_start,
    partner_city_has_public_relation,
    partner_city_public_relation,
    public_agreements,
    public_working_documents,
)
from memberships.selectors import association_list_current
from programmes.models import Activity
from programmes.selectors import programme_participation_list_public
from registry.dates import years_earlier

from .choices import Relation
from .models import PartnerCity

EARTH_RADIUS_KM = 6371.0


def distance_from_krakow_km():
    """Great-circle distance (haversine) from Krakow's centre, computed by the database."""
    home_latitude, home_longitude = (Radians(Value(degrees)) for degrees in settings.HOME_COORDINATES)
    latitude = Radians(Cast("latitude", models.FloatField()))
    longitude = Radians(Cast("longitude", models.FloatField()))
    haversine = Power(Sin((latitude - home_latitude) / 2), 2) + Cos(home_latitude) * Cos(latitude) * Power(
        Sin((longitude - home_longitude) / 2), 2
    )
    return 2 * EARTH_RADIUS_KM * ASin(Sqrt(haversine))


def partner_city_list_with_public_page():
    """Cities with a public relation, which alone have a public page and are named on the public site."""
    return PartnerCity.objects.filter(partner_city_has_public_relation())


def partner_city_list_public():
    """Every city with a public relation, annotated with its relation, since/until days and distance.

    The relation is worked out from the city's records as the list is read: its query counts no more at 100
    times the registry (a few correlated subqueries per city, looked up through the records' index).
    """
    return (
        partner_city_list_with_public_page()
        .annotate(**partner_city_public_relation(), distance_km=distance_from_krakow_km())
        .order_by("name_en")
    )


def relation_counts(cities):
    """How many of these cities have each relation (one query, grouped)."""
    counts = dict(cities.order_by().values_list("relation").annotate(count=Count("pk")))
    return [(relation, counts.get(relation.value, 0)) for relation in Relation]


def partner_city_get_public(slug):
    """A city's public page data, or None if it has no public relation (then it has no public page)."""
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
    quiet_since = years_earlier(on, years)
    city_agreements = agreements.filter(city=OuterRef("pk")).order_by("started_on")
    city_activities = Activity.objects.filter(cities=OuterRef("pk"), starts_on__lte=on)
    # The latest as an aggregate over the city's links, not the first of all activities by date: for a city
    # with none, PostgreSQL walked every activity of the registry looking for one of its.
    last_activity = (
        city_activities.order_by().values("cities").annotate(latest=Max("starts_on")).values("latest")
    )
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
