"""The council's reads that span apps: the cities of standing relations, the dormant ones, the round
anniversaries ahead, and the terms that end or renew."""

import datetime

from django.db import models
from django.db.models import Case, Exists, F, Max, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce, Greatest

from agreements.choices import SIGNED_STATUSES, AgreementKind
from agreements.models import Agreement, WorkingDocument
from agreements.selectors import RELATION_OF_KIND, partner_city_partners_since
from memberships.models import Membership
from partners.choices import Relation
from partners.models import PartnerCity
from programmes.models import Activity, ProgrammeParticipation
from programmes.selectors import not_ended_before
from registry.dates import months_later, years_earlier
from registry.partial_dates import DatePrecision, PartialDate, start_of_period
from registry.terms import Term
from visits.models import Visit

TERMS_WITH_EVENTS = [Term.FIXED, Term.RENEWING]


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
    """Cities with a twinning, partnership or sectoral agreement standing for over `years` years and nothing
    done together in that time (overview.dormant_definition()): no activity or visit with them, no EU project
    or association membership Krakow shared with them, no working document or agreement signed with them.

    An honorary title is an honour, not a programme of cooperation: it makes no city dormant. A visit counts
    as an activity, public or not: the dashboard names the city, never the visit, and shows the day of a
    public visit only. Examples count for nothing. Each city comes with the day its oldest standing agreement
    began and its last activity or public visit before the day, if any, each with its precision
    (`partners_since_precision`, `last_activity_on_precision`).
    """
    quiet_since = years_earlier(on, years)
    # Of two starts on the same first day, the one known to the day ("day" sorts before "month" and "year"):
    # it is the earliest for certain.
    city_agreements = (
        agreements.exclude(kind=AgreementKind.HONORARY_TITLE)
        .filter(city=OuterRef("pk"))
        .order_by("started_on", "started_on_precision")
    )
    # An example is not a fact: it keeps no partnership awake.
    city_activities = Activity.objects.filter(cities=OuterRef("pk"), starts_on__lte=on, is_example=False)
    city_visits = Visit.objects.filter(cities=OuterRef("pk"), starts_on__lte=on, is_example=False)
    # Work shared over the period: a project or a membership running at some time in it, a document signed.
    shared_projects = ProgrammeParticipation.objects.filter(
        not_ended_before(quiet_since), cities=OuterRef("pk"), starts_on__lte=on
    )
    shared_associations = Membership.objects.filter(
        association__member_cities=OuterRef("pk"), joined_on__lte=on
    ).exclude(left_on__lt=quiet_since)
    signed_documents = WorkingDocument.objects.filter(city=OuterRef("pk"), signed_on__range=(quiet_since, on))
    signed_agreements = Agreement.objects.filter(
        city=OuterRef("pk"), status__in=SIGNED_STATUSES, signed_on__range=(quiet_since, on)
    )
    # Any visit keeps a partnership awake, but only a public one's day is shown.
    shown_visits = Visit.objects.filter(is_public=True, is_example=False)
    # The latest as an aggregate over the city's links, not the first of all activities by date: for a city
    # with none, PostgreSQL walked every activity of the registry looking for one of its.
    last_activity, last_visit = (
        records.order_by().values("cities").annotate(latest=Max("starts_on")).values("latest")[:1]
        for records in (city_activities, city_visits.filter(is_public=True))
    )
    # The precision of the last one: of those on its first day, the coarsest, whose period holds the others
    # (an activity of "2019" may have followed one of 1 January 2019). Looked up by that day, through the
    # date's index, rather than by walking the city's activities in order. "year" > "month" > "day", so the
    # greater of the two is the coarser.
    last_activity_precision, last_visit_precision = (
        records.filter(cities=OuterRef("pk"), starts_on=OuterRef("last_activity_on"))
        .order_by("-starts_on_precision")
        .values("starts_on_precision")[:1]
        for records in (Activity.objects.filter(is_example=False), shown_visits)
    )
    # The conditions as EXISTS and NOT EXISTS, which the database answers as joins stopping at the first
    # match; the dates shown are then looked up only for the cities listed (filtering on them made the
    # database find them for every city).
    return (
        PartnerCity.objects.filter(Exists(city_agreements.filter(started_on__lte=quiet_since)))
        .filter(~Exists(city_activities.filter(starts_on__gte=quiet_since)))
        .filter(~Exists(city_visits.filter(starts_on__gte=quiet_since)))
        .filter(~Exists(shared_projects), ~Exists(shared_associations))
        .filter(~Exists(signed_documents), ~Exists(signed_agreements))
        .annotate(
            partners_since=Subquery(city_agreements.values("started_on")[:1]),
            partners_since_precision=Subquery(city_agreements.values("started_on_precision")[:1]),
            last_activity_on=latest_of(Subquery(last_activity), Subquery(last_visit)),
        )
        .annotate(
            last_activity_on_precision=latest_of(
                Subquery(last_activity_precision), Subquery(last_visit_precision)
            )
        )
        .order_by(F("last_activity_on").asc(nulls_first=True), "name_en")
    )


def latest_of(first, second):
    """The greater of two values that may each be NULL: PostgreSQL's GREATEST skips a NULL, SQLite's MAX()
    returns it."""
    return Greatest(Coalesce(first, second), Coalesce(second, first))


ROUND_ANNIVERSARIES = (10, 20, 25, 30, 40, 50, 60, 70, 75, 80, 90, 100, 125, 150)


def partner_city_list_with_partners_since(cities):
    """These cities with the day they first cooperated with Krakow, any record counted, public or not
    (`partners_since`, `partners_since_precision`; None where no record is dated): one query."""
    return cities.annotate(**partner_city_partners_since(public=False))


class RoundAnniversaries:
    """Which starts (PartialDates) have a round anniversary (10, 20, 25 … years) within a year after a day.

    Worked out in Python over the rows of one query: a city's start is several subqueries, which a filter in
    the database would repeat for every round number and precision. The anniversary of a start known to the
    day falls in (after, after + 1 year] exactly when the start falls in (after - years, after - (years - 1)].
    """

    def __init__(self, *, after):
        # A start known to a month or a year has its anniversary in that month or year, listed while that
        # period overlaps the coming year rather than only until its first day (1 January) goes by, which
        # would drop an anniversary "in 2027" for all of 2027. A period ends after a day exactly when it
        # starts no earlier than the period holding the next day.
        self.windows = {precision: [] for precision in DatePrecision}
        for years in ROUND_ANNIVERSARIES:
            next_day = years_earlier(after, years) + datetime.timedelta(days=1)
            for precision in DatePrecision:
                self.windows[precision].append(
                    (years, start_of_period(next_day, precision), years_earlier(after, years - 1))
                )

    def years_since(self, start):
        """The round number of years whose anniversary of `start` falls within the year ahead, or None."""
        if start is None:
            return None
        for years, earliest, latest in self.windows[start.precision]:
            if earliest <= start.first_day <= latest:
                return years
        return None

    @staticmethod
    def anniversary(start, years):
        """The anniversary's day, as precise as the start: a start known as "1997" has its 25th in "2022", not
        on 1 January 2022."""
        return PartialDate(months_later(start.first_day, 12 * years), start.precision)


def term_events_due(records, *, on, until):
    """(record, TermEvent) for each of these agreements or working documents whose term ends or renews by
    `until` (a date), a fixed term's end that passed before `on` included; one query, with the city.

    Only a fixed or renewing term has an event; when it falls is worked out from the record's start at its
    precision (registry.terms), so it is read here rather than in the database.
    """
    for record in records.filter(term__in=TERMS_WITH_EVENTS).select_related("city"):
        event = record.next_term_event(after=on)
        if event is not None and event.on.first_day <= until:
            yield record, event


def term_events_during(records, *, first_day, last_day):
    """(record, TermEvent) for each of these agreements or working documents whose term ended or renewed
    within the period and that still ran then: an agreement not terminated, a document neither ended, nor
    replaced by the agreement that formalized it, before that day. One query, with the city."""
    records = records.filter(term__in=TERMS_WITH_EVENTS).select_related("city")
    if records.model is WorkingDocument:
        records = records.select_related("formalized_by")
    for record in records:
        event = record.next_term_event(after=first_day)
        if event is None or event.on.last_day < first_day or event.on.first_day > last_day:
            continue
        if _ran_until(record, event.on.first_day):
            yield record, event


def _ran_until(record, day):
    """Whether the record still ran on the day; an end known only to a month or a year may have come after
    it."""
    if isinstance(record, Agreement):
        return _not_over_before(record.known_date("terminated_on"), day)
    if not _not_over_before(record.known_date("ended_on"), day):
        return False
    agreement = record.formalized_by
    if agreement is None or agreement.status not in SIGNED_STATUSES:
        return True
    return _not_over_before(agreement.in_effect_since, day)


def _not_over_before(end, day):
    return end is None or end.last_day >= day
