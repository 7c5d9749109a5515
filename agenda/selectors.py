"""What falls due for a member of staff, and when: the reads behind the calendar feed and the daily digest.

`due_items()` gathers, from every part of the registry, the dated things a user may see: their open
follow-ups, visits, round anniversaries of partnerships, terms that end or renew, EU projects that end and
membership fees that fall due. An officer gets those of the cities they answer for and those of no city; a
member of staff who answers for no city (an administrator) gets those of every city. Follow-ups are
personal: each user gets their own only. What a user may see at all is `registry.permissions.viewable`'s
to say.

Dates known only to a month or a year (a visit "in March 2027", a partnership signed "in 1997" and so its
30th anniversary "in 2027") are placed on the period's first day and marked approximate; an item belongs to
a window when the day it is placed on does (a visit of several days, when any of its days does). An open
follow-up whose day has passed is placed on today, marked overdue since its day: a calendar shows it where
one looks every morning, and it does not drop out of a feed's window however late it is.
"""

import datetime
from dataclasses import dataclass

from django.contrib import admin
from django.contrib.admin.exceptions import NotRegistered
from django.db import models
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements.choices import IN_EFFECT_STATUSES
from agreements.selectors import agreement_list_standing, working_document_list_standing
from dashboard.overview import document_label
from dashboard.selectors import (
    RoundAnniversaries,
    partner_city_list_standing,
    partner_city_list_with_partners_since,
    term_events_due,
)
from memberships.selectors import membership_list_active
from partners.choices import Relation
from partners.models import PartnerCity
from programmes.models import ProgrammeParticipation
from registry.admin import change_url
from registry.dates import months_later
from registry.partial_dates import DatePrecision, PartialDate
from registry.permissions import responsible_city_ids, viewable
from registry.terms import TermEvent
from visits.choices import Direction
from visits.models import Visit

from .models import FollowUp

ONE_DAY = datetime.timedelta(days=1)


class DueKind(models.TextChoices):
    """What an item is, in the order the digest groups them."""

    FOLLOW_UP = "follow-up", _("Follow-ups")
    VISIT = "visit", _("Visits")
    ANNIVERSARY = "anniversary", _("Round anniversaries")
    TERM_ENDS = "term-ends", _("Agreements and working documents ending")
    TERM_RENEWS = "term-renews", _("Agreements and working documents renewing")
    PROJECT_ENDS = "project-ends", _("EU projects ending")
    FEE_DUE = "fee-due", _("Membership fees due")


KIND_ORDER = {kind: index for index, kind in enumerate(DueKind.values)}


@dataclass(frozen=True)
class DueItem:
    """One thing due on a day: `on` is that day, or a month or a year not known more precisely (placed on its
    first day); `until` the last day of a visit of several days; `url` the record's admin page (a path)."""

    kind: str
    on: PartialDate
    title: str
    record: str
    url: str = ""
    detail: str = ""
    city_ids: frozenset = frozenset()
    is_mine: bool = False
    until: datetime.date | None = None
    overdue_since: datetime.date | None = None

    @property
    def day(self):
        return self.on.first_day

    @property
    def is_approximate(self):
        return self.on.precision != DatePrecision.DAY

    @property
    def uid(self):
        """Stable across reads, so that a calendar updates the event rather than adding another: an overdue
        follow-up keeps the UID of its own day while it moves along with today."""
        day = self.overdue_since or self.day
        return f"{self.kind}-{self.record}-{day.isoformat()}@krakow-relations"


def due_items(user, start, end, *, today=None):
    """The items due from `start` to `end` (dates, both included) that the user may see, by day.

    `today` (by default the local date) is the day overdue follow-ups are placed on. The number of queries
    does not depend on the registry's size.
    """
    today = today or timezone.localdate()
    cities = responsible_city_ids(user) or None
    items = [
        *_follow_ups(user, start, end, today),
        *_visits(user, start, end, cities),
        *_anniversaries(user, start, end, cities),
        *_terms(user, start, end, cities),
        *_projects(user, start, end, cities),
        *_fees(user, start, end),
    ]
    return sorted(items, key=lambda item: (item.day, KIND_ORDER[item.kind], str(item.title)))


def _admin_url(record):
    # A model whose admin is not registered (yet) has no page to link to; the item still counts.
    try:
        return change_url(admin.site.get_model_admin(type(record)), record)
    except NotRegistered:
        return ""


def _record_key(record):
    return f"{record._meta.model_name}-{record.slug}"


def _of_cities(records, cities, lookup):
    """Records of the user's cities and of none; all of them for a user who answers for no city."""
    if cities is None:
        return records
    return records.filter(Q(**{f"{lookup}__in": cities}) | Q(**{f"{lookup}__isnull": True})).distinct()


def _only_ids(name):
    return Prefetch(name, queryset=PartnerCity.objects.only("pk"))


def _follow_ups(user, start, end, today):
    follow_ups = viewable(FollowUp.objects.filter(owner=user, done_on__isnull=True, due_on__lte=end), user)
    for follow_up in follow_ups:
        overdue = follow_up.due_on < today
        if not overdue and follow_up.due_on < start:
            continue
        yield DueItem(
            kind=DueKind.FOLLOW_UP,
            on=PartialDate(today if overdue else follow_up.due_on),
            title=follow_up.title,
            record=_record_key(follow_up),
            url=_admin_url(follow_up),
            detail=follow_up.notes,
            city_ids=frozenset({follow_up.city_id} - {None}),
            is_mine=True,
            overdue_since=follow_up.due_on if overdue else None,
        )


def _visits(user, start, end, cities):
    visits = _of_cities(
        Visit.objects.filter(Q(ends_on__gte=start) | Q(starts_on__gte=start), starts_on__lte=end),
        cities,
        "cities",
    )
    for visit in viewable(visits, user).prefetch_related(_only_ids("cities")):
        starts, ends = visit.known_date("starts_on"), visit.known_date("ends_on")
        if starts.precision != DatePrecision.DAY and starts.first_day < start:
            continue
        several_days = (
            starts.precision == DatePrecision.DAY
            and ends is not None
            and ends.precision == DatePrecision.DAY
            and ends.first_day > starts.first_day
        )
        city_ids = frozenset(city.pk for city in visit.cities.all())
        yield DueItem(
            kind=DueKind.VISIT,
            on=starts,
            title=(
                _("Incoming visit: %(title)s")
                if visit.direction == Direction.INCOMING
                else _("Outgoing visit: %(title)s")
            )
            % {"title": visit.title},
            record=_record_key(visit),
            url=_admin_url(visit),
            detail=visit.get_level_display(),
            city_ids=city_ids,
            is_mine=bool(cities and city_ids & cities),
            until=ends.first_day if several_days else None,
        )


def _anniversaries(user, start, end, cities):
    """Round anniversaries of the cities standing on `start`, counted as the council's dashboard counts them,
    one RoundAnniversaries (a year ahead) after another until the window is covered."""
    standing = partner_city_list_standing(
        agreements=agreement_list_standing(on=start), documents=working_document_list_standing(on=start)
    )
    if cities is not None:
        standing = standing.filter(pk__in=cities)
    years_ahead = []
    after = start - ONE_DAY
    while after < end:
        years_ahead.append(RoundAnniversaries(after=after))
        after = months_later(after, 12)
    relations = dict(Relation.choices)
    for city in partner_city_list_with_partners_since(viewable(standing, user)):
        if city.partners_since is None:
            continue
        since = PartialDate(city.partners_since, city.partners_since_precision)
        found = {years for ahead in years_ahead if (years := ahead.years_since(since)) is not None}
        for years in sorted(found):
            anniversary = RoundAnniversaries.anniversary(since, years)
            if not start <= anniversary.first_day <= end:
                continue
            yield DueItem(
                kind=DueKind.ANNIVERSARY,
                on=anniversary,
                title=_("%(years)s years of cooperation with %(city)s") % {"years": years, "city": city.name},
                record=_record_key(city),
                url=_admin_url(city),
                detail=_("Partners since %(day)s; now: %(relation)s.")
                % {"day": since.in_genitive(), "relation": relations[city.relation]},
                city_ids=frozenset({city.pk}),
                is_mine=bool(cities),
            )


def _terms(user, start, end, cities):
    """Terms that end or renew, of the agreements in effect and the documents going on, as the dashboard's
    terms to act on; a fixed term that ended before the window is the dashboard's concern, not a date."""
    agreements = agreement_list_standing(on=start).filter(status__in=IN_EFFECT_STATUSES)
    documents = working_document_list_standing(on=start).filter(ended_on__isnull=True)
    for records in (agreements, documents):
        if cities is not None:
            records = records.filter(city__in=cities)
        for record, event in term_events_due(viewable(records, user), on=start, until=end):
            if event.on.first_day < start:
                continue
            values = {"city": record.city.name, "document": document_label(record)}
            ends = event.kind == TermEvent.ENDS
            yield DueItem(
                kind=DueKind.TERM_ENDS if ends else DueKind.TERM_RENEWS,
                on=event.on,
                title=(_("%(city)s: %(document)s ends") if ends else _("%(city)s: %(document)s renews"))
                % values,
                record=_record_key(record),
                url=_admin_url(record),
                detail=event.describe(start),
                city_ids=frozenset({record.city_id}),
                is_mine=bool(cities) or getattr(record, "coordinator_id", None) == user.pk,
            )


def _projects(user, start, end, cities):
    projects = _of_cities(
        ProgrammeParticipation.objects.filter(ends_on__range=(start, end)), cities, "cities"
    )
    for project in viewable(projects, user).prefetch_related(_only_ids("cities")):
        city_ids = frozenset(city.pk for city in project.cities.all())
        yield DueItem(
            kind=DueKind.PROJECT_ENDS,
            on=project.known_date("ends_on"),
            title=_("EU project ends: %(project)s") % {"project": project},
            record=_record_key(project),
            url=_admin_url(project),
            detail=project.project,
            city_ids=city_ids,
            is_mine=bool(cities and city_ids & cities),
        )


def _fees(user, start, end):
    memberships = viewable(membership_list_active(on=start).filter(fee_due_month__isnull=False), user)
    for membership in memberships:
        day = start
        while (due := membership.fee_due_after(day)) is not None and due <= end:
            yield DueItem(
                kind=DueKind.FEE_DUE,
                on=PartialDate(due),
                title=_("Membership fee due: %(association)s") % {"association": membership.association},
                record=_record_key(membership),
                url=_admin_url(membership),
                detail=str(membership.annual_fee_money or ""),
            )
            day = due + ONE_DAY
