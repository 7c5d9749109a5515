"""The reads behind the public page and API of Krakow's EU programme participations."""

import functools
import operator

from django.db.models import Count, F, Prefetch, Q, Sum, Window
from django.db.models.functions import ExtractYear, RowNumber
from django.utils import timezone

from agreements.selectors import partner_city_has_public_relation
from partners.models import PartnerCity
from registry.choices import PolicyTool
from registry.dates import months_later
from registry.partial_dates import DatePrecision, start_of_period

from .models import Activity, ProgrammeParticipation

RUNNING, PAST, ALL = "running", "past", "all"


def not_ended_before(day):
    """Condition: the participation had not ended before the day; one ending in a month or a year known only
    runs through it."""
    ends_on_or_after = [
        Q(ends_on_precision=precision, ends_on__gte=start_of_period(day, precision))
        for precision in DatePrecision
    ]
    return functools.reduce(operator.or_, ends_on_or_after, Q(ends_on__isnull=True))


def running():
    """Participations not ended before today."""
    return not_ended_before(timezone.localdate())


def programme_participation_list_public(*, status=ALL):
    """Public participations that have started — running, past or all — newest first.

    Their partner cities come in one more query, and only those with a public page: a city without a public
    relation is not named, not even by its identifier.
    """
    participations = ProgrammeParticipation.objects.filter(is_public=True, starts_on__isnull=False)
    if status == RUNNING:
        participations = participations.filter(running())
    elif status == PAST:
        participations = participations.exclude(running())
    # A condition on each linked city, not a list of every public city: the database reads the page's links
    # first.
    public_cities = PartnerCity.objects.filter(partner_city_has_public_relation()).order_by("name_en")
    return participations.prefetch_related(Prefetch("cities", queryset=public_cities)).order_by(
        "-starts_on", "project"
    )


def programme_participation_list_during(*, first_day, last_day):
    """Participations (public or not) running at some time within the period."""
    return ProgrammeParticipation.objects.filter(not_ended_before(first_day), starts_on__lte=last_day)


def programme_participation_list_ending(*, after, months):
    """Participations that end within `months` after the day (one ending in a month or a year known only,
    while that period overlaps them)."""
    return ProgrammeParticipation.objects.filter(
        not_ended_before(after),
        starts_on__lte=after,
        ends_on__isnull=False,
        ends_on__lte=months_later(after, months),
    ).order_by("ends_on", "project")


def budget_by_programme(participations):
    """Per programme: how many participations, their budgets and Krakow's shares, summed by the database."""
    return (
        participations.values("programme")
        .annotate(count=Count("pk"), budget=Sum("budget"), krakow_share=Sum("krakow_share"))
        .order_by("programme")
    )


class YearBegun(ExtractYear):
    """The year of a date. On SQLite the first four characters of the date as it stores it: Django's
    ExtractYear calls a Python function there for every row."""

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.lhs)
        return f"CAST(SUBSTR({sql}, 1, 4) AS integer)", params


def activity_counts_by_year_and_tool(activities, *, years):
    """{(year, tool): count} of the activities that began in each of the years, counted by the database."""
    rows = (
        activities.filter(starts_on__year__gte=years.start, starts_on__year__lt=years.stop)
        .annotate(year=YearBegun("starts_on"))
        .values("year", "tool")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return {(row["year"], row["tool"]): row["count"] for row in rows}


def activity_counts_by_tool_and_city(activities):
    """Rows of (tool, city name, count) of the activities, a city counted once per activity."""
    return (
        activities.values("tool", "cities__name_en", "cities__name_pl")
        .annotate(count=Count("pk", distinct=True))
        .order_by("tool", "cities__name_en")
    )


def activity_list_public(*, city):
    """The city's public activities, the latest first."""
    return Activity.objects.filter(is_public=True, cities=city).order_by("-starts_on", "pk")


def activity_list_latest_public(*, city, count):
    """The city's `count` latest public activities.

    Numbered in a window rather than cut off by a LIMIT: given a LIMIT, PostgreSQL expects a city's
    activities spread evenly over the registry and walks all of them by date to find a few.
    """
    number = Window(RowNumber(), order_by=[F("starts_on").desc(), F("pk").asc()])
    return activity_list_public(city=city).annotate(number=number).filter(number__lte=count)


def activity_counts_public_by_year(*, city):
    """The city's public activities per year, the latest first: each year's total and its tools' counts."""
    rows = (
        activity_list_public(city=city)
        .annotate(year=YearBegun("starts_on"))
        .values("year", "tool")
        .annotate(count=Count("pk"))
        .order_by("-year", "tool")
    )
    years = {}
    for row in rows:
        year = years.setdefault(row["year"], {"year": row["year"], "total": 0, "tools": []})
        year["total"] += row["count"]
        year["tools"].append((PolicyTool(row["tool"]).label, row["count"]))
    return list(years.values())
