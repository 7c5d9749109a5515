"""The annual report to the City Council: the registry at a year's end and what changed in the year."""

import dataclasses
from datetime import date

from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from agreements.choices import SIGNED_STATUSES, AgreementStatus, WorkingDocumentKind
from agreements.models import Agreement, WorkingDocument
from agreements.selectors import (
    RELATION_OF_KIND,
    agreement_list_begun_or_ended,
    agreement_start,
    working_document_list_signed_or_ended,
)
from memberships.selectors import agency_list_open_during
from partners.choices import Continent, Relation
from programmes.models import Activity
from programmes.selectors import activity_counts_by_tool_and_city, programme_participation_list_during
from registry.choices import PolicyTool
from registry.partial_dates import PartialDate
from registry.pdf import render_pdf
from registry.tables import Table
from registry.terms import TermEvent

from .overview import RegistryOverview, Scope, at_precision, budget_chart, document_label, name_in_language
from .selectors import term_events_during

# The registry's earliest records are from the 1950s; a report before them would be empty.
FIRST_REPORT_YEAR = 1950
# Each tool's rows name its busiest partners; a large registry has thousands of partner cities.
TOP_PARTNERS_PER_TOOL = 12
# What an empty cell means, said in words: a reader cannot tell a dash for "unknown" from one for "none".
NOT_KNOWN = pgettext_lazy("date", "not known")
NOT_RECORDED = pgettext_lazy("report cell", "not recorded")


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
        "relations": _relations_table(overview),
        "charts": [
            overview.decades_chart,
            overview.continents_chart,
            overview.activities_chart,
            budget_chart(participations),
        ],
        "began": _began_table(began),
        "ended": _ended_table(ended),
        "documents": _documents_table(first_day=first_day, last_day=last_day),
        "successions": _successions_table(began),
        **_terms_tables(first_day=first_day, last_day=last_day),
        "activities_by_tool": [
            (PolicyTool(tool), activities_by_tool[tool]) for tool in sorted(activities_by_tool)
        ],
        "activity_count": activities.count(),
        "memberships": _spelled_out(overview.memberships_table, {1: NOT_KNOWN}),
        "agencies": _agencies_table(first_day=first_day, last_day=last_day),
        "projects": _projects_table(participations),
        "dormant": _spelled_out(overview.dormant_table, {2: NOT_KNOWN}),
    }


def _spelled_out(table, missing=None):
    """The table with each empty cell saying what is true: the text `missing` gives for its column (by index),
    such as "not known" for a date, or else "not recorded"."""
    missing = missing or {}
    rows = [
        [
            missing.get(index, NOT_RECORDED) if value is None or value == "" else value
            for index, value in enumerate(row)
        ]
        for row in table.rows
    ]
    return dataclasses.replace(table, rows=rows)


def _legal_basis(number, resolved_on, deciding_body):
    """The act that decided an agreement, as recorded: the City Council's resolution (its number and date, or
    its date alone), before 1990 the body of the time and its act, or "not recorded"."""
    if resolved_on is not None:
        # "of" a date: Polish takes the genitive ("uchwała nr XII/123/91 z 19 lutego 1991").
        if number:
            return _("resolution %(number)s of %(date)s") % {
                "number": number,
                "date": resolved_on.in_genitive(),
            }
        return _("resolution of %(date)s, its number not recorded") % {"date": resolved_on.in_genitive()}
    return deciding_body or NOT_RECORDED


def _relations_table(overview):
    """The agreements and working documents in force on the report's day, by country and city, with what each
    rests on: the act that decided an agreement, the kind of a working document (the Mayor's, no resolution).

    A registry a hundred times Krakow's has thousands of relations in force, and WeasyPrint's time grows with
    the table's cells: rows come as plain values with labels looked up once, and no status column repeats "in
    force" on every row; the relation notes the exceptions instead.
    """
    country_names = dict(countries)
    continents = dict(Continent.choices)
    document_kinds = dict(WorkingDocumentKind.choices)
    relations = {kind.value: relation.label for kind, relation in RELATION_OF_KIND.items()}
    place = (name_in_language("city__"), "city__country", "city__continent")

    def where(country, continent):
        if not continent:
            return country_names[country]
        return _("%(country)s (%(continent)s)") % {
            "country": country_names[country],
            "continent": continents[continent],
        }

    agreements = overview.agreements.values_list(
        *place,
        "kind",
        "started_on",
        "started_on_precision",
        "status",
        "resolution_number",
        "resolution_date",
        "resolution_date_precision",
        "deciding_body",
        "is_public",
    )
    rows = [
        [
            city,
            where(country, continent),
            _relation_noted(
                relations[kind], is_suspended=status == AgreementStatus.SUSPENDED, is_public=is_public
            ),
            at_precision(since, since_precision) or NOT_KNOWN,
            _legal_basis(number, at_precision(resolved_on, resolved_precision), body),
        ]
        for (
            city,
            country,
            continent,
            kind,
            since,
            since_precision,
            status,
            number,
            resolved_on,
            resolved_precision,
            body,
            is_public,
        ) in agreements
    ]
    documents = overview.documents.values_list(
        *place, "signed_on", "signed_on_precision", "kind", "kind_name", "is_public"
    )
    rows += [
        [
            city,
            where(country, continent),
            _relation_noted(Relation.COOPERATION.label, is_public=is_public),
            at_precision(since, precision) or NOT_KNOWN,
            _document_basis(kind_name or document_kinds[kind], kind),
        ]
        for city, country, continent, since, precision, kind, kind_name, is_public in documents
    ]
    rows.sort(key=lambda row: (row[1], row[0], _first_day(row[3])))
    return Table(
        "relations-in-force",
        _("Relations in force"),
        [_("city"), _("country"), _("relation"), _("since"), _("legal basis")],
        rows,
    )


def _relation_noted(relation, *, is_suspended=False, is_public=True):
    """The relation with what sets it apart from the others in force: a suspended agreement, a record that is
    not public (the council sees every record)."""
    if is_suspended:
        relation = _("%(relation)s; agreement suspended") % {"relation": relation}
    if not is_public:
        relation = _("%(relation)s; record not public") % {"relation": relation}
    return relation


def _document_basis(label, kind):
    """What a working document's cooperation rests on: the document the Mayor signed, not a resolution."""
    if kind == WorkingDocumentKind.NO_DOCUMENT:
        return label
    return _("working document: %(kind)s") % {"kind": label}


def _began_table(began):
    agreements = began.select_related("city").order_by("started_on", "city__name_en")
    return Table(
        "began",
        _("Agreements that began in the year"),
        [_("city"), _("country"), _("kind"), _("signed on"), _("legal basis")],
        [
            [
                agreement.city.name,
                agreement.city.country.name,
                document_label(agreement),
                agreement.in_effect_since or NOT_KNOWN,
                _legal_basis(
                    agreement.resolution_number,
                    agreement.known_date("resolution_date"),
                    agreement.deciding_body,
                ),
            ]
            for agreement in agreements
        ],
    )


def _ended_table(ended):
    agreements = ended.select_related("city").order_by("terminated_on", "city__name_en")
    return _spelled_out(
        Table(
            "ended",
            _("Agreements that ended in the year"),
            [_("city"), _("kind"), _("terminated on"), _("reason"), _("act that ended it")],
            [
                [
                    agreement.city.name,
                    document_label(agreement),
                    agreement.known_date("terminated_on") or NOT_KNOWN,
                    agreement.termination_reason,
                    agreement.termination_act,
                ]
                for agreement in agreements
            ],
        )
    )


def _documents_table(*, first_day, last_day):
    """The working documents signed or ended in the period, in the order they were signed."""
    documents = working_document_list_signed_or_ended(first_day=first_day, last_day=last_day)
    rows = [
        [
            document.city.name,
            document.kind_display,
            document.known_date("signed_on") or NOT_KNOWN,
            document.known_date("ended_on") or _ended_not_yet(document),
        ]
        for document in documents
    ]
    rows.sort(key=lambda row: (_first_day(row[2]), row[0]))
    return Table(
        "working-documents",
        _("Working documents signed or ended in the year"),
        [_("city"), _("kind"), _("signed on"), _("cooperation ended on")],
        rows,
    )


def _ended_not_yet(document):
    return _("not known whether it goes on") if document.status_not_known else _("going on")


def _first_day(value):
    """A date cell's first day for sorting; a date not known sorts last."""
    return value.first_day if isinstance(value, PartialDate) else date.max


def _agencies_table(*, first_day, last_day):
    country_names = dict(countries)
    rows = [
        [
            agency.name,
            agency.locality,
            country_names[agency.country],
            agency.known_date("opened_on") or NOT_KNOWN,
            agency.known_date("closed_on") or pgettext_lazy("agency", "still open"),
            agency.website or NOT_RECORDED,
        ]
        for agency in agency_list_open_during(first_day=first_day, last_day=last_day)
    ]
    rows.sort(key=lambda row: (row[2], row[0]))
    return Table(
        "agencies",
        _("Agencies abroad"),
        [_("agency"), _("town"), _("country"), _("opened on"), _("closed on"), _("website")],
        rows,
    )


def _projects_table(participations):
    return _spelled_out(
        Table(
            "projects",
            _("EU projects"),
            [
                _("project"),
                _("programme"),
                _("Krakow's role"),
                _("starts on"),
                _("ends on"),
                _("budget"),
                _("Krakow's share"),
            ],
            [
                [
                    participation.acronym or participation.project,
                    participation.get_programme_display(),
                    participation.get_role_display(),
                    participation.known_date("starts_on"),
                    participation.known_date("ends_on"),
                    participation.budget_money,
                    participation.krakow_share_money,
                ]
                for participation in participations.order_by("programme", "project")
            ],
        ),
        {3: NOT_KNOWN, 4: NOT_KNOWN},
    )


def _successions_table(began):
    """The agreements begun in the year that renew, replace or amend an earlier one, with that one."""
    agreements = (
        began.filter(follows__isnull=False)
        .select_related("city", "follows")
        .order_by("started_on", "city__name_en")
    )
    table = Table(
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
    return _spelled_out(table, {2: NOT_KNOWN})


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
        "renewals": _spelled_out(
            Table(
                "renewals",
                _("Automatic renewals"),
                [_("city"), _("document"), _("renewed on"), _("notice by")],
                [
                    [record.city.name, document_label(record), event.on, event.notice_by]
                    for record, event in renewals
                ],
            )
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
