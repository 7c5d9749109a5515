"""The reads behind the public site: which cities Krakow has a public relation with, and what it is.

The relation itself is the agreements' to give (agreements.selectors.partner_city_public_relation()): a
public agreement that was signed, or a public working document not yet formalized by one. Nothing else —
agreements in negotiation or approved but unsigned, records marked non-public, internal notes — ever leaves
these functions.
"""

import functools

from django.conf import settings
from django.db import models
from django.db.models import Count, F, Prefetch, Value
from django.db.models.functions import ASin, Cast, Cos, Power, Radians, Sin, Sqrt

from agreements.models import WorkingDocument
from agreements.selectors import (
    SIGNED_FIRST,
    agreement_start,
    partner_city_has_public_relation,
    partner_city_partners_since,
    partner_city_public_relation,
    public_agreements,
    public_working_documents,
)
from memberships.models import Agency
from memberships.selectors import association_list_current
from partners.choices import Relation
from partners.models import PartnerCity
from programmes.selectors import programme_participation_list_public
from visits.models import Visit

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


def countries_with_public_page():
    """The codes of the countries that have a city with a public page (one query)."""
    return set(partner_city_list_with_public_page().values_list("country", flat=True).distinct())


def partner_city_list_public():
    """Every city with a public relation, annotated with its relation, since/until dates (with their
    precisions, `since_precision` and `until_precision`) and distance.

    The relation is worked out from the city's records as the list is read: its query counts no more at 100
    times the registry (a few correlated subqueries per city, looked up through the records' index).
    """
    return _partner_city_list_public().all()


@functools.cache
def _partner_city_list_public():
    # Resolving the relation's two hundred expressions took 40 ms of each list and API request: they depend
    # on nothing a request brings, so each process builds the queryset once, unevaluated, and every caller
    # gets a clone of it (.all()), as a view's class-level queryset is used.
    return (
        partner_city_list_with_public_page()
        .annotate(**partner_city_public_relation(), distance_km=distance_from_krakow_km())
        .order_by("name_en")
    )


def relation_counts(cities):
    """How many of these cities have each relation (one query, grouped)."""
    counts = dict(cities.order_by().values_list("relation").annotate(count=Count("pk")))
    return [(relation, counts.get(relation.value, 0)) for relation in Relation]


def public_agreements_in_order(*, to_attr):
    """A city's public agreements, the earliest first, prefetched into `to_attr`."""
    ordered = (
        public_agreements()
        .annotate(**agreement_start())
        .order_by(F("started_on").asc(nulls_last=True), "kind")
    )
    return Prefetch("agreements", queryset=ordered, to_attr=to_attr)


def partner_city_get_public(slug):
    """A city's public page data, or None if it has no public relation (then it has no public page)."""
    return (
        partner_city_list_public()
        .filter(slug=slug)
        .annotate(**partner_city_partners_since())
        .prefetch_related(
            "other_names",
            public_agreements_in_order(to_attr="public_agreements"),
            Prefetch(
                "working_documents",
                queryset=WorkingDocument.objects.filter(is_public=True).order_by(SIGNED_FIRST, "slug"),
                to_attr="public_working_documents",
            ),
            Prefetch(
                "programme_participations",
                queryset=programme_participation_list_public(),
                to_attr="public_programme_participations",
            ),
            Prefetch("associations", queryset=association_list_current(), to_attr="shared_associations"),
            Prefetch("visits", queryset=public_visits(), to_attr="public_visits"),
            # Krakow's agencies abroad are public facts, like its memberships: the model has no example or
            # non-public ones.
            Prefetch(
                "agencies",
                queryset=Agency.objects.order_by(F("opened_on").asc(nulls_last=True), "slug"),
                to_attr="agencies_abroad",
            ),
        )
        .first()
    )


def partner_city_prefetch_public_relations(cities):
    """These cities with when they first cooperated, their other names, public agreements, public working
    documents and public visits (four more queries).

    The open-data API lists a city's relations from these two lists and from nothing else.
    """
    return cities.annotate(**partner_city_partners_since()).prefetch_related(
        "other_names",
        public_agreements_in_order(to_attr="public_relation_agreements"),
        Prefetch(
            "working_documents",
            queryset=public_working_documents().order_by(SIGNED_FIRST, "slug"),
            to_attr="public_relation_documents",
        ),
        Prefetch("visits", queryset=public_visits().only("slug"), to_attr="public_visit_slugs"),
    )


# What of a visit may be public: its outcome, programme and attachments are the staff's, its members personal
# data. The rest of the row is never read, so no later change of a page or the API can show it by mistake.
PUBLIC_VISIT_FIELDS = (
    "slug",
    "title",
    "direction",
    "level",
    "starts_on",
    "starts_on_precision",
    "ends_on",
    "ends_on_precision",
)


def public_visits():
    """Visits staff made public (never an example, by the model's constraint), the latest first, with their
    public fields only."""
    return Visit.objects.filter(is_public=True).only(*PUBLIC_VISIT_FIELDS).order_by("-starts_on", "slug")


def visit_list_public():
    """Public visits with their partner cities (one more query): only those with a public page, as a city
    without a public relation is not named, not even by its identifier."""
    cities = partner_city_list_with_public_page().only("slug").order_by("name_en")
    return public_visits().prefetch_related(Prefetch("cities", queryset=cities))


def partner_city_public_sources(city):
    """Where the facts on a city's public page come from: the sources of the city and of its public
    agreements and working documents, each once, in that order (as partner_city_get_public() prefetched
    them)."""
    records = [city, *city.public_agreements, *city.public_working_documents]
    return list(dict.fromkeys(source for record in records for source in record.sources))
