"""The annual report to the City Council: the registry at a year's end and what changed in the year."""

from datetime import date
from itertools import groupby

from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from agreements.choices import SIGNED_STATUSES
from agreements.models import Agreement, WorkingDocument
from agreements.selectors import agreement_list_begun_or_ended, agreement_start
from programmes.models import Activity
from programmes.selectors import activity_counts_by_tool_and_city, programme_participation_list_during
from registry.choices import PolicyTool
from registry.pdf import render_pdf
from registry.tables import Table
from registry.terms import TermEvent

from .overview import RegistryOverview, Scope, budget_chart, document_label
from .selectors import term_events_during

# The registry's earliest records are from the 1950s; a report before them would be empty.
FIRST_REPORT_YEAR = 1950
# Each tool's line names its busiest partners; a large registry has thousands of partner cities.
TOP_PARTNERS_PER_TOOL = 12


def annual_report_context(year):
    """Everything the report prints; the year's end, or today for the current year, is the day shown."""
    first_day = date(year, 1, 1)
    last_day = min(date(year, 12, 31), timezone.localdate())
    overview = RegistryOverview(Scope(as_of=last_day))
    began, ended = agreement_list_begun_or_ended(first_day=first_day, last_day=last_day)
    participations = programme_participation_list_during(first_day=first_day, last_day=last_day)
    activities = Activity.objects.filter(starts_on__range=(first_day, last_day))
    activities_by_tool = {}
    for row in activity_counts_by_tool_and_city(activities):
        city = row["cities__name_en"] and _city_name(row)
        activities_by_tool.setdefault(row["tool"], []).append((city, row["count"]))
    for tool, cities in activities_by_tool.items():
        activities_by_tool[tool] = _top_partners(cities)
    return {
        "year": year,
        "as_of": last_day,
        "is_year_complete": last_day == date(year, 12, 31),
        "overview": overview,
        "relations_by_place": _by_place(overview.relations_table.rows),
        "charts": [
            overview.decades_chart,
            overview.continents_chart,
            overview.activities_chart,
            budget_chart(participations),
        ],
        "began": began.select_related("city").order_by("started_on", "city__name_en"),
        "successions": _successions_table(began),
        **_terms_tables(first_day=first_day, last_day=last_day),
        "ended": ended.select_related("city").order_by("terminated_on", "city__name_en"),
        "activities_by_tool": [
            (PolicyTool(tool), activities_by_tool[tool]) for tool in sorted(activities_by_tool)
        ],
        "activity_count": activities.count(),
        "participations": participations.order_by("programme", "project"),
    }


def _successions_table(began):
    """The agreements begun in the year that renew, replace or amend an earlier one, with that one."""
    agreements = (
        began.filter(follows__isnull=False)
        .select_related("city", "follows")
        .order_by("started_on", "city__name_en")
    )
    return Table(
        "successions",
        _("Agreements that follow an earlier one"),
        [_("city"), _("agreement"), _("signed on"), _("how"), _("earlier agreement")],
        [
            [
                agreement.city.name,
                document_label(agreement),
                agreement.in_effect_since,
                agreement.get_follows_as_display(),
                _earlier(agreement.follows),
            ]
            for agreement in agreements
        ],
    )


def _earlier(agreement):
    """The agreement another follows, as the report names it: its kind, when it began, its identifier."""
    since = agreement.in_effect_since
    values = {"kind": document_label(agreement), "identifier": agreement.slug}
    if since is None:
        return _("%(kind)s (%(identifier)s)") % values
    # "of" a date: Polish takes the genitive here ("umowa z 19 lutego 1993"), as after "since".
    return _("%(kind)s of %(date)s (%(identifier)s)") % {**values, "date": since.in_genitive()}


def _terms_tables(*, first_day, last_day):
    """The automatic renewals and the ends of fixed terms that fell within the period, of the agreements and
    working documents that still ran on their day (two tables, two queries)."""
    agreements = (
        Agreement.objects.filter(status__in=SIGNED_STATUSES)
        .annotate(**agreement_start())
        .filter(Q(started_on__lte=last_day) | Q(started_on__isnull=True))
        .exclude(terminated_on__lt=first_day)
    )
    documents = WorkingDocument.objects.filter(
        Q(signed_on__lte=last_day) | Q(signed_on__isnull=True), status_not_known=False
    ).exclude(ended_on__lt=first_day)
    events = sorted(
        (
            (record, event)
            for records in (agreements, documents)
            for record, event in term_events_during(records, first_day=first_day, last_day=last_day)
        ),
        key=lambda pair: (pair[1].on.first_day, pair[0].city.name),
    )
    renewals = [(record, event) for record, event in events if event.kind == TermEvent.RENEWS]
    expiries = [(record, event) for record, event in events if event.kind == TermEvent.ENDS]
    return {
        "renewals": Table(
            "renewals",
            _("Automatic renewals"),
            [_("city"), _("document"), _("renewed on"), _("notice by")],
            [
                [record.city.name, document_label(record), event.on, event.notice_by]
                for record, event in renewals
            ],
        ),
        "expiries": Table(
            "expiries",
            _("Fixed terms that ended"),
            [_("city"), _("document"), _("term ended on"), _("status now")],
            [
                [record.city.name, document_label(record), event.on, _status(record)]
                for record, event in expiries
            ],
        ),
    }


def _status(record):
    if isinstance(record, Agreement):
        return record.get_status_display()
    return _("cooperation ended") if record.ended_on else _("going on")


def _by_place(rows):
    """The relations in force as (country, continent, rows), in the table's order of country and city.

    One paragraph a country rather than a line a relation: WeasyPrint's time grows with the boxes it lays out,
    and a registry a hundred times Krakow's has 5,000 relations in force.
    """
    ordered = sorted(rows, key=lambda row: (row[1], row[2], row[0]))
    return [
        (country, continent, list(relations))
        for (country, continent), relations in groupby(ordered, key=lambda row: (row[1], row[2]))
    ]


def _top_partners(cities):
    """The partners with the most activities of a tool, then the others summed up in one entry."""
    ranked = sorted(cities, key=lambda item: (-item[1], item[0] or ""))
    others = ranked[TOP_PARTNERS_PER_TOOL:]
    if not others:
        return ranked
    label = ngettext("%(count)s other city", "%(count)s other cities", len(others)) % {"count": len(others)}
    return [*ranked[:TOP_PARTNERS_PER_TOOL], (label, sum(count for _city, count in others))]


def _city_name(row):
    return row["cities__name_pl"] if get_language() == "pl" else row["cities__name_en"]


def annual_report_pdf(year):
    """The report as PDF bytes, in the active language."""
    return render_pdf(render_to_string("dashboard/annual_report.html", annual_report_context(year)))
