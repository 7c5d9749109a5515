"""What the council's dashboard and annual report show, composed from the apps' selectors.

Every figure is an aggregate or a single query in the database: the number of queries does not depend on the
registry's size. Records that are not public count too; the dashboard is for signed-in council members and
staff only.
"""

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import get_language, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from agreements.choices import (
    IN_EFFECT_STATUSES,
    SIGNED_STATUSES,
    AgreementKind,
    AgreementStatus,
    WorkingDocumentKind,
)
from agreements.models import Agreement
from agreements.selectors import (
    KIND_OF_RELATION,
    RELATION_OF_KIND,
    agreement_counts_by_year_and_kind,
    agreement_list_awaiting_resolution,
    agreement_list_standing,
    agreement_start,
    working_document_list_standing,
)
from memberships.selectors import membership_list_active, membership_list_awaiting_approval
from partners.choices import RELATION_COLOURS, Continent, Relation
from partners.models import PartnerCity
from programmes.choices import Programme
from programmes.models import Activity
from programmes.selectors import (
    activity_counts_by_year_and_tool,
    budget_by_programme,
    programme_participation_list_during,
    programme_participation_list_ending,
)
from registry.choices import PolicyTool
from registry.dates import months_later
from registry.money import Currency, Money, totals
from registry.partial_dates import DatePrecision, PartialDate
from registry.tables import Chart, Link, Table
from registry.terms import TermEvent
from website.selectors import relation_counts

from .selectors import (
    RoundAnniversaries,
    partner_city_list_dormant,
    partner_city_list_standing,
    partner_city_list_with_partners_since,
    term_events_due,
)

ACTIVITY_YEARS_SHOWN = 10
ENDING_WITHIN_MONTHS = 6
ANNIVERSARIES_WITHIN_MONTHS = 12
TERMS_WITHIN_MONTHS = 6


def dormant_definition(years):
    """What the council calls a dormant partnership (dashboard.selectors.partner_city_list_dormant), on the
    page and in the report alike."""
    return ngettext(
        "Twinnings, partnerships and sectoral agreements in force for over %(years)d year with nothing done "
        "together in that time: no activity, visit, shared EU project, shared association, working document "
        "or agreement signed. Honorary titles are honours, not programmes of cooperation, and are left out.",
        "Twinnings, partnerships and sectoral agreements in force for over %(years)d years with nothing done "
        "together in that time: no activity, visit, shared EU project, shared association, working document "
        "or agreement signed. Honorary titles are honours, not programmes of cooperation, and are left out.",
        years,
    ) % {"years": years}


@dataclass(frozen=True)
class Scope:
    """What the council asked to see: the registry as it stood on a day, for a period, kind and place.

    `cities` is a queryset of the cities of the chosen continent and country, or None for everywhere.
    """

    as_of: date
    year_from: int | None = None
    year_to: int | None = None
    relation: str = ""
    cities: object = None

    @property
    def years(self):
        """The years of the period asked for, or the last ten up to the day shown."""
        last = min(self.year_to or self.as_of.year, self.as_of.year)
        first = self.year_from or last - ACTIVITY_YEARS_SHOWN + 1
        return range(first, last + 1)

    @property
    def period(self):
        """First and last day of the period asked for, or the day shown alone."""
        if self.year_from is None and self.year_to is None:
            return self.as_of, self.as_of
        return date(self.years.start, 1, 1), min(date(self.years.stop - 1, 12, 31), self.as_of)

    def in_place(self, queryset, city="city"):
        if self.cities is None:
            return queryset
        if city == "city":
            return queryset.filter(city__in=self.cities)
        # Through a many-to-many relation: a subquery, so a record with two such cities is counted once; of
        # the link table alone, which a database joins to the records far faster than the records themselves.
        relation = queryset.model._meta.get_field(city)
        links = relation.remote_field.through.objects.filter(
            **{f"{relation.m2m_reverse_field_name()}__in": self.cities}
        )
        return queryset.filter(pk__in=links.values(relation.m2m_field_name()))


def at_precision(day, precision):
    """A date of a values() row with its precision beside it (a PartialDate), or None where it is not known:
    shown in the page's language by str(), in a CSV as reduced ISO 8601 ("1997", "1997-10")."""
    return PartialDate(day, precision or DatePrecision.DAY) if day else None


def name_in_language(path=""):
    """The field of a city's name in the active language (PartnerCity.name), for a values() query."""
    return f"{path}name_pl" if get_language() == "pl" else f"{path}name_en"


def document_label(record):
    """An agreement's kind (with its sector) or a working document's, as a row of a table names it."""
    if not isinstance(record, Agreement):
        return record.kind_display
    if record.sector:
        return _("%(kind)s (%(sector)s)") % {
            "kind": record.get_kind_display(),
            "sector": record.get_sector_display(),
        }
    return record.get_kind_display()


def term_event_label(record, event, today):
    """What a record's term does next, for the dashboard: ends, renews, or ended while still in force."""
    if event.kind == TermEvent.RENEWS:
        return _("renews")
    if not event.has_passed(today):
        return _("ends")
    return _("ended, still in force") if isinstance(record, Agreement) else _("ended, still going on")


@dataclass
class Figure:
    label: str
    value: object
    detail: str = ""


class RegistryOverview:
    """The figures, charts and tables of the registry within a scope; each is computed once, when asked."""

    def __init__(self, scope, *, dormant_after_years=None, city_url=None):
        """`city_url(slug)`: the address a table links a city's name to ("" for none); the PDF links none."""
        self.scope = scope
        self.dormant_after_years = dormant_after_years or settings.DORMANT_AFTER_YEARS
        self.city_url = city_url

    def _city(self, name, slug):
        return Link(name, self.city_url(slug)) if self.city_url else name

    # The records in scope ------------------------------------------------------------------------------

    @property
    def _kind(self):
        return KIND_OF_RELATION.get(self.scope.relation)

    def _of_kind(self, agreements):
        if self.scope.relation == Relation.COOPERATION:
            return agreements.none()
        return agreements.filter(kind=self._kind) if self._kind else agreements

    @cached_property
    def agreements(self):
        """Agreements standing on the day, of the kind and place asked for."""
        return self._of_kind(self.scope.in_place(agreement_list_standing(on=self.scope.as_of)))

    @cached_property
    def documents(self):
        documents = self.scope.in_place(working_document_list_standing(on=self.scope.as_of))
        if self.scope.relation and self.scope.relation != Relation.COOPERATION:
            return documents.none()
        return documents

    @cached_property
    def participations(self):
        first_day, last_day = self.scope.period
        participations = programme_participation_list_during(first_day=first_day, last_day=last_day)
        return self.scope.in_place(participations, city="cities")

    @cached_property
    def activities(self):
        years = self.scope.years
        activities = Activity.objects.filter(
            starts_on__gte=date(years.start, 1, 1),
            starts_on__lte=min(date(years.stop - 1, 12, 31), self.scope.as_of),
        )
        return self.scope.in_place(activities, city="cities")

    # Headline figures ------------------------------------------------------------------------------------

    @cached_property
    def standing_cities(self):
        """The cities with a relation in force, each with its highest relation (the public list's measure)."""
        return partner_city_list_standing(agreements=self.agreements, documents=self.documents)

    @property
    def publicly_standing_cities(self):
        """The standing cities that its public records alone make partners: those the public site lists."""
        return partner_city_list_standing(
            agreements=self.agreements.filter(is_public=True), documents=self.documents.filter(is_public=True)
        )

    @cached_property
    def relation_counts(self):
        """Cities by their standing with Krakow, each counted once under its highest relation in force, as the
        public list counts them; the agreements and documents behind them are counted as documents (figures).
        """
        return relation_counts(self.standing_cities)

    @cached_property
    def figures(self):
        places = (
            PartnerCity.objects.filter(
                Q(Exists(self.agreements.filter(city=OuterRef("pk"))))
                | Q(Exists(self.documents.filter(city=OuterRef("pk"))))
            )
            .order_by()
            .aggregate(
                countries=Count("country", distinct=True),
                continents=Count("continent", distinct=True),
            )
        )
        active_memberships = membership_list_active(on=self.scope.as_of)
        running = self.scope.in_place(
            programme_participation_list_during(first_day=self.scope.as_of, last_day=self.scope.as_of),
            city="cities",
        )
        activities = self.scope.in_place(
            Activity.objects.filter(starts_on__year=self.scope.as_of.year, starts_on__lte=self.scope.as_of),
            city="cities",
        ).count()
        return [
            Figure(_("partner cities"), sum(count for _relation, count in self.relation_counts)),
            Figure(_("of them with a public relation"), self.publicly_standing_cities.count()),
            Figure(_("agreements in force"), self.agreements.count()),
            Figure(_("working documents in force"), self.documents.count()),
            Figure(_("partner countries"), places["countries"]),
            Figure(_("continents"), places["continents"]),
            Figure(_("active memberships"), active_memberships.count()),
            # A sum with no known value behind it is no data, not zero; sums are per currency.
            Figure(_("annual membership fees"), totals(active_memberships, "annual_fee", "fee_currency")),
            Figure(_("running EU projects"), running.count()),
            Figure(
                _("Krakow's share of their budgets"),
                totals(running, "krakow_share", "currency"),
                totals(running, "budget", "currency"),
            ),
            Figure(_("activities this year"), activities),
        ]

    # Charts ----------------------------------------------------------------------------------------------

    @cached_property
    def decades_chart(self):
        counts = agreement_counts_by_year_and_kind(
            self._begun(self._of_kind(self.scope.in_place(Agreement.objects)))
        )
        # Each kind under the relation it makes, named and coloured as on the map and in the tables.
        by_decade = {}
        for (year, kind), count in counts.items():
            key = (year // 10 * 10, RELATION_OF_KIND[kind])
            by_decade[key] = by_decade.get(key, 0) + count
        decades = sorted({decade for decade, _relation in by_decade})
        return Chart.of_counts(
            by_decade,
            categories=[(decade, f"{decade}–{decade + 9}") for decade in decades],
            series=[(relation, relation.label) for relation in Relation if relation in KIND_OF_RELATION],
            colours=RELATION_COLOURS,
            key="agreements-per-decade",
            title=_("Agreements signed per decade, by relation"),
            description=_("Formal agreements by the decade they were signed in (terminated ones included)."),
            category_label=_("decade"),
            value_label=_("agreements"),
        )

    def _begun(self, agreements):
        begun = agreements.filter(status__in=SIGNED_STATUSES).annotate(**agreement_start())
        begun = begun.filter(started_on__lte=self.scope.as_of)
        if self.scope.year_from or self.scope.year_to:
            first_day, last_day = self.scope.period
            begun = begun.filter(started_on__range=(first_day, last_day))
        return begun

    @cached_property
    def continents_chart(self):
        agreement_rows = (
            self.agreements.order_by().values_list("continent", "kind").annotate(count=Count("pk"))
        )
        counts = {(continent, RELATION_OF_KIND[kind]): count for continent, kind, count in agreement_rows}
        document_rows = self.documents.order_by().values_list("city__continent").annotate(count=Count("pk"))
        counts.update({(continent, Relation.COOPERATION): count for continent, count in document_rows})
        continents = [continent for continent in Continent if any(key[0] == continent for key in counts)]
        return Chart.of_counts(
            counts,
            categories=[(continent, continent.label) for continent in continents],
            series=Relation.choices,
            colours=RELATION_COLOURS,
            key="relations-by-continent",
            title=_("Relations in force by continent"),
            description=_(
                "Agreements and working documents in force on the day shown, by the city's continent."
            ),
            category_label=_("continent"),
            value_label=_("relations"),
        )

    @cached_property
    def activities_chart(self):
        # Fifteen tools are too many colours to tell apart in a legend: each tool is a bar of one colour,
        # named beside it. The years are the period's, as the dashboard's filter sets them.
        counts = activity_counts_by_year_and_tool(self.activities, years=self.scope.years)
        per_tool = {}
        for (_year, tool), count in counts.items():
            per_tool[(tool, "activities")] = per_tool.get((tool, "activities"), 0) + count
        years = self.scope.years
        return Chart.of_counts(
            per_tool,
            categories=[(tool.value, f"{tool.value}. {tool.label}") for tool in PolicyTool],
            series=[("activities", _("activities"))],
            key="activities-per-tool",
            title=_("Activities by tool of the foreign policy, %(first)s–%(last)s")
            % {"first": years.start, "last": years.stop - 1},
            description=_("Activities begun in the period, in the fifteen tools the City Council set."),
            category_label=_("tool"),
            value_label=_("activities"),
            horizontal=True,
        )

    @cached_property
    def budget_chart(self):
        return budget_chart(self.participations)

    @property
    def charts(self):
        return [self.decades_chart, self.continents_chart, self.activities_chart, self.budget_chart]

    # Tables ----------------------------------------------------------------------------------------------

    @cached_property
    def relations_table(self):
        # Every relation in force, thousands in a large registry: rows come as plain values and their labels
        # from lookups made once, not from a model instance and its lazy display methods per row.
        country_names = dict(countries)
        continents = {value: str(label) for value, label in Continent.choices}
        statuses = {value: str(label) for value, label in AgreementStatus.choices}
        document_kinds = {value: str(label) for value, label in WorkingDocumentKind.choices}
        agreement_kinds = {value: str(label) for value, label in AgreementKind.choices}
        relation_of_kind = {kind.value: str(relation.label) for kind, relation in RELATION_OF_KIND.items()}
        cooperation = str(Relation.COOPERATION.label)
        # A working document has no lifecycle of its own: standing on the day, it is in effect (one whose
        # record does not say whether it goes on does not stand).
        in_effect = str(_("in effect"))
        place = (name_in_language("city__"), "city__slug", "city__country", "city__continent")
        rows = [
            [
                self._city(city, slug),
                country_names[country],
                continents.get(continent, ""),
                relation_of_kind[kind],
                agreement_kinds[kind],
                at_precision(since, precision),
                statuses[status],
                is_public,
            ]
            for city, slug, country, continent, kind, since, precision, status, is_public in (
                self.agreements.values_list(
                    *place, "kind", "started_on", "started_on_precision", "status", "is_public"
                )
            )
        ]
        rows += [
            [
                self._city(city, slug),
                country_names[country],
                continents.get(continent, ""),
                cooperation,
                document_kinds[kind],
                at_precision(since, precision),
                in_effect,
                is_public,
            ]
            for city, slug, country, continent, since, precision, kind, is_public in (
                self.documents.values_list(*place, "signed_on", "signed_on_precision", "kind", "is_public")
            )
        ]
        rows.sort(key=lambda row: (row[1], row[0]))
        return Table(
            "relations-in-force",
            _("Relations in force"),
            [
                _("city"),
                _("country"),
                _("continent"),
                _("relation"),
                _("document"),
                _("since"),
                _("status"),
                _("public"),
            ],
            rows,
        )

    @cached_property
    def dormant_table(self):
        cities = partner_city_list_dormant(
            agreements=self.agreements, on=self.scope.as_of, years=self.dormant_after_years
        )
        country_names = dict(countries)
        return Table(
            "dormant-partnerships",
            _("Dormant partnerships"),
            [_("city"), _("country"), _("partners since"), _("last activity or visit")],
            [
                [
                    self._city(name, slug),
                    country_names[country],
                    at_precision(since, since_precision),
                    at_precision(last, last_precision),
                ]
                for name, slug, country, since, since_precision, last, last_precision in cities.values_list(
                    name_in_language(),
                    "slug",
                    "country",
                    "partners_since",
                    "partners_since_precision",
                    "last_activity_on",
                    "last_activity_on_precision",
                )
            ],
            dormant_definition(self.dormant_after_years),
        )

    @cached_property
    def anniversaries_table(self):
        # Each standing city once, counted from its earliest recorded cooperation (any agreement or working
        # document, ended ones too), not from the agreement in force now: Kyiv's partnership dates from 1976.
        relations = {value: str(label) for value, label in Relation.choices}
        anniversaries = RoundAnniversaries(after=self.scope.as_of)
        rows = []
        for city, slug, relation, since, precision in partner_city_list_with_partners_since(
            self.standing_cities
        ).values_list(name_in_language(), "slug", "relation", "partners_since", "partners_since_precision"):
            start = at_precision(since, precision)
            years = anniversaries.years_since(start)
            if years is not None:
                anniversary = anniversaries.anniversary(start, years)
                rows.append([anniversary, years, self._city(city, slug), relations[relation], start])
        rows.sort(key=lambda row: (row[0].first_day, row[2]))
        return Table(
            "round-anniversaries",
            _("Round anniversaries in the next 12 months"),
            [_("anniversary"), _("years"), _("city"), _("relation"), _("partners since")],
            rows,
            _("Counted from the city's earliest recorded cooperation: any agreement or working document."),
        )

    @cached_property
    def terms_table(self):
        as_of = self.scope.as_of
        # What the records say now: an agreement still in effect, a document whose cooperation has not ended
        # and is known to go on; among them those that stood on the day shown, in scope.
        agreements = self.agreements.filter(status__in=IN_EFFECT_STATUSES)
        documents = self.documents.filter(ended_on__isnull=True)
        until = months_later(as_of, TERMS_WITHIN_MONTHS)
        rows = [
            [
                self._city(record.city.name, record.city.slug),
                document_label(record),
                term_event_label(record, event, as_of),
                event.on,
                # Notice of a term already over is no longer due.
                None if event.has_passed(as_of) else event.notice_by,
            ]
            for records in (agreements, documents)
            for record, event in term_events_due(records, on=as_of, until=until)
        ]
        rows.sort(key=lambda row: (row[3].first_day, row[0]))
        return Table(
            "terms-to-act-on",
            _("Agreements and working documents ending or renewing within 6 months"),
            [_("city"), _("document"), _("what"), _("day"), _("notice by")],
            rows,
            _(
                "Terms that end or renew automatically within 6 months of the day shown, and fixed terms "
                "past their end while the record is still in force or going on."
            ),
        )

    @cached_property
    def awaiting_resolution_table(self):
        agreements = self._of_kind(self.scope.in_place(agreement_list_awaiting_resolution()))
        country_names = dict(countries)
        kinds = {value: str(label) for value, label in AgreementKind.choices}
        return Table(
            "awaiting-resolution",
            _("Agreements awaiting a City Council resolution"),
            [_("city"), _("country"), _("kind"), _("identifier")],
            [
                [self._city(city, city_slug), country_names[country], kinds[kind], slug]
                for city, city_slug, country, kind, slug in agreements.order_by(
                    name_in_language("city__")
                ).values_list(name_in_language("city__"), "city__slug", "city__country", "kind", "slug")
            ],
        )

    @cached_property
    def awaiting_approval_table(self):
        memberships = membership_list_awaiting_approval().order_by("association__name")
        return Table(
            "awaiting-approval",
            _("Memberships awaiting the Minister of Foreign Affairs' approval"),
            [_("association"), _("resolution"), _("resolution date")],
            [
                [membership.association.name, membership.resolution_number, membership.resolution_date]
                for membership in memberships
            ],
        )

    @cached_property
    def ending_projects_table(self):
        participations = self.scope.in_place(
            programme_participation_list_ending(after=self.scope.as_of, months=ENDING_WITHIN_MONTHS),
            city="cities",
        )
        return Table(
            "ending-projects",
            _("EU projects ending within 6 months"),
            [_("project"), _("programme"), _("ends on"), _("Krakow's share")],
            [
                [
                    participation.acronym or participation.project,
                    participation.get_programme_display(),
                    participation.known_date("ends_on"),
                    participation.krakow_share_money,
                ]
                for participation in participations.order_by("ends_on", "project")
            ],
        )

    @cached_property
    def memberships_table(self):
        columns = membership_list_active(on=self.scope.as_of).values_list(
            "association__name",
            "joined_on",
            "joined_on_precision",
            "annual_fee",
            "fee_currency",
            "representative",
        )
        return Table(
            "memberships",
            _("Memberships"),
            [_("association"), _("joined on"), _("annual fee"), _("representative")],
            # Values rather than instances: a large registry's memberships are many rows, shown 100 at a time.
            [
                [
                    association,
                    at_precision(joined_on, precision),
                    None if fee is None else Money(fee, currency),
                    representative,
                ]
                for association, joined_on, precision, fee, currency, representative in columns
            ],
        )

    @property
    def action_tables(self):
        return [
            self.dormant_table,
            self.anniversaries_table,
            self.terms_table,
            self.awaiting_resolution_table,
            self.awaiting_approval_table,
            self.ending_projects_table,
        ]

    def table(self, key):
        """The table (or a chart's table) with this key, computing only it; None if there is none."""
        tables = {
            "relations-in-force": lambda: self.relations_table,
            "dormant-partnerships": lambda: self.dormant_table,
            "round-anniversaries": lambda: self.anniversaries_table,
            "terms-to-act-on": lambda: self.terms_table,
            "awaiting-resolution": lambda: self.awaiting_resolution_table,
            "awaiting-approval": lambda: self.awaiting_approval_table,
            "ending-projects": lambda: self.ending_projects_table,
            "memberships": lambda: self.memberships_table,
            "agreements-per-decade": lambda: self.decades_chart.table,
            "relations-by-continent": lambda: self.continents_chart.table,
            "activities-per-tool": lambda: self.activities_chart.table,
            "eu-budget-per-programme": lambda: self.budget_chart.table,
        }
        return tables[key]() if key in tables else None

    @cached_property
    def map_cities(self):
        return list(self.standing_cities)


def budget_chart(participations):
    rows = list(budget_by_programme(participations.filter(currency=Currency.EUR)))
    return Chart(
        key="eu-budget-per-programme",
        title=_("EU project budgets per programme"),
        description=_(
            "Total budgets of the EU projects Krakow takes part in, and Krakow's share: those budgeted in "
            "euro."
        ),
        category_label=_("programme"),
        value_label=pgettext_lazy("money", "EUR"),
        categories=[Programme(row["programme"]).label for row in rows],
        series=[
            (_("total budget"), [row["budget"] or 0 for row in rows]),
            (_("Krakow's share"), [row["krakow_share"] or 0 for row in rows]),
        ],
        stacked=False,
        horizontal=True,
    )
