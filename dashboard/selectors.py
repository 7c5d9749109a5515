"""The council's reads that span apps: the cities of standing relations, and the dormant ones."""

from django.db import models
from django.db.models import Case, Exists, F, Max, OuterRef, Subquery, Value, When

from agreements.selectors import RELATION_OF_KIND
from partners.choices import Relation
from partners.models import PartnerCity
from programmes.models import Activity
from registry.dates import years_earlier


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
