"""The council's reads that span apps: the cities of standing relations, the dormant ones, and the round
anniversaries ahead."""

import datetime

from django.db import models
from django.db.models import Case, Exists, F, IntegerField, Max, OuterRef, Subquery, Value, When

from agreements.selectors import RELATION_OF_KIND
from partners.choices import Relation
from partners.models import PartnerCity
from programmes.models import Activity
from registry.dates import years_earlier
from registry.partial_dates import DatePrecision, start_of_period


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

    Each comes with the day its oldest standing agreement began and its last activity before the day, if any,
    each with its precision (`partners_since_precision`, `last_activity_on_precision`).
    """
    quiet_since = years_earlier(on, years)
    # Of two starts on the same first day, the one known to the day ("day" sorts before "month" and "year"):
    # it is the earliest for certain.
    city_agreements = agreements.filter(city=OuterRef("pk")).order_by("started_on", "started_on_precision")
    city_activities = Activity.objects.filter(cities=OuterRef("pk"), starts_on__lte=on)
    # The latest as an aggregate over the city's links, not the first of all activities by date: for a city
    # with none, PostgreSQL walked every activity of the registry looking for one of its.
    last_activity = (
        city_activities.order_by().values("cities").annotate(latest=Max("starts_on")).values("latest")
    )
    # The precision of the last activity: of those on its first day, the coarsest, whose period holds the
    # others (an activity of "2019" may have followed one of 1 January 2019). Looked up by that day, through
    # the date's index, rather than by walking the city's activities in order.
    last_activity_precision = (
        Activity.objects.filter(cities=OuterRef("pk"), starts_on=OuterRef("last_activity_on"))
        .order_by("-starts_on_precision")
        .values("starts_on_precision")
    )
    # The conditions as EXISTS and NOT EXISTS, which the database answers as joins stopping at the first
    # match; the dates shown are then looked up only for the cities listed (filtering on them made the
    # database find them for every city).
    return (
        PartnerCity.objects.filter(Exists(city_agreements.filter(started_on__lte=quiet_since)))
        .filter(~Exists(city_activities.filter(starts_on__gte=quiet_since)))
        .annotate(
            partners_since=Subquery(city_agreements.values("started_on")[:1]),
            partners_since_precision=Subquery(city_agreements.values("started_on_precision")[:1]),
            last_activity_on=Subquery(last_activity[:1]),
        )
        .annotate(last_activity_on_precision=Subquery(last_activity_precision[:1]))
        .order_by(F("last_activity_on").asc(nulls_first=True), "name_en")
    )


ROUND_ANNIVERSARIES = (10, 20, 25, 30, 40, 50, 60, 70, 75, 80, 90, 100, 125, 150)


def agreement_list_round_anniversaries(agreements, *, after):
    """These agreements (annotated with agreement_start()) whose round anniversary (10, 20, 25 … years)
    falls within a year after the day, as `anniversary`, the number of years; one query.

    The anniversary of a start known to the day falls in (after, after + 1 year] exactly when the start falls
    in (after - years, after - (years - 1)].
    """
    # A start known to a month or a year has its anniversary in that month or year, listed while that period
    # overlaps the coming year rather than only until its first day (1 January) goes by, which would drop an
    # anniversary "in 2027" for all of 2027.
    windows = []
    for years in ROUND_ANNIVERSARIES:
        # A period ends after a day exactly when it starts no earlier than the period holding the next day.
        next_day = years_earlier(after, years) + datetime.timedelta(days=1)
        windows += [
            When(
                started_on_precision=precision,
                started_on__gte=start_of_period(next_day, precision),
                started_on__lte=years_earlier(after, years - 1),
                then=Value(years),
            )
            for precision in DatePrecision
        ]
    return agreements.annotate(anniversary=Case(*windows, output_field=IntegerField())).filter(
        anniversary__isnull=False
    )
