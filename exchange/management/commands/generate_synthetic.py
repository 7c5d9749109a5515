"""A valid synthetic registry N times the size of the demo one, for benchmarks.

It is shaped like the real one where the pages and the council's dashboard look: cities with their names in
their own language and some with a former name, agreements of every kind and status signed across the
decades (some suspended, some terminated, some still in negotiation or awaiting their signing, some renewing
an earlier one, some for a fixed or renewing term), working documents that ended or were formalized,
memberships with annual fees (some left, some awaiting the Minister's approval), EU projects with budgets
running around today, and activities of all fifteen tools over the last ten years — with a fifth of the
cities left without any, so that some partnerships are dormant. Every record keeps the council's rules
(`full_clean()` passes on each).
"""

import datetime
import random

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries.data import COUNTRIES
from tqdm import tqdm

from agreements.choices import AgreementKind, AgreementStatus, Sector, Succession, WorkingDocumentKind
from agreements.models import Agreement, WorkingDocument
from agreements.services import ENDED_BY_SUCCESSOR
from memberships.choices import AssociationKind
from memberships.models import Association, Membership
from partners.choices import CityNameKind, Continent
from partners.continents import continent_of
from partners.models import CityName, PartnerCity
from programmes.choices import District, Programme
from programmes.models import Activity, ProgrammeParticipation
from registry.choices import PolicyTool
from registry.models import COUNCIL_SINCE
from registry.search import folded_names
from registry.terms import Term

# Per unit of scale, about the demo registry's size: cities, working documents, activities, projects,
# associations.
CITIES, DOCUMENTS, ACTIVITIES, PROJECTS, ASSOCIATIONS = 30, 30, 1000, 6, 12
FIRST_SIGNING = datetime.date(1956, 1, 1)
ACTIVITY_YEARS = 10
SESSIONS = ["I", "IV", "IX", "XII", "XXV", "XL", "LX", "LXXX", "XC", "CI"]


def resolution_number(rng, day):
    return f"{rng.choice(SESSIONS)}/{rng.randint(1, 999)}/{day.year % 100:02d}"


def day_between(rng, first, last):
    return first + datetime.timedelta(days=rng.randint(0, max((last - first).days, 0)))


def analyze_tables(models):
    """Refresh PostgreSQL's statistics of these models' tables and their links' after the bulk load, as its
    manual advises; autovacuum would only some time after. Elsewhere nothing to do."""
    if connection.vendor != "postgresql":
        return
    through = [field.remote_field.through for model in models for field in model._meta.many_to_many]
    with connection.cursor() as cursor:
        for model in [*models, *through]:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def decide(rng, agreement, signed):
    """The act that concluded an agreement signed on the day: the body of the time's before the City Council
    sat, else a council resolution up to 300 days before the signing."""
    if signed < COUNCIL_SINCE:
        agreement.deciding_body = "Presidium of the City National Council (synthetic)"
    else:
        agreement.resolution_date = max(signed - datetime.timedelta(days=rng.randint(0, 300)), COUNCIL_SINCE)
        agreement.resolution_number = resolution_number(rng, agreement.resolution_date)


class Command(BaseCommand):
    help = "Add a synthetic registry of about SCALE times the demo size (valid under every rule)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1)
        parser.add_argument(
            "--cities",
            type=int,
            help="Cities to add (default 30 per unit of scale). A real registry grows in records per city, "
            "not in cities: the working documents and activities follow the scale whatever this is.",
        )
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, scale, cities, seed, **options):
        self._generate(scale, cities or CITIES * scale, seed)
        analyze_tables(
            [
                PartnerCity,
                Agreement,
                WorkingDocument,
                ProgrammeParticipation,
                Association,
                Membership,
                Activity,
            ]
        )

    @transaction.atomic
    def _generate(self, scale, city_count, seed):
        # Bulk inserts skip the audit trail on purpose: this is benchmark data, not staff work. The database
        # constraints still hold every row to the council's rules.
        rng = random.Random(seed)  # noqa: S311 - repeatable test data, not secrets
        today = timezone.localdate()
        cities = self._cities(rng, seed, city_count)
        agreements = self._agreements(rng, cities, today)
        self._working_documents(rng, cities, agreements, today, count=DOCUMENTS * scale)
        self._programmes(rng, seed, scale, cities, today)
        self._associations(rng, seed, scale, today)
        self._activities(rng, seed, scale, cities, today)
        self.stderr.write(
            _("Added %(cities)d cities, %(agreements)d agreements and %(activities)d activities.")
            % {"cities": len(cities), "agreements": len(agreements), "activities": ACTIVITIES * scale}
        )

    def _cities(self, rng, seed, count):
        countries = [code for code in COUNTRIES if code != "PL" and continent_of(code)]
        cities, former_names = [], []
        for number in tqdm(range(count), desc=_("cities"), file=self.stderr, disable=None):
            country = countries[number % len(countries)]
            city = PartnerCity(
                slug=f"synthetic-{seed}-{number}",
                name_en=f"Synthetic City {number}",
                name_pl=f"Miasto syntetyczne {number}",
                name_native=f"Urbs synthetica {number}",
                country=country,
                continent=continent_of(country),
                latitude=round(rng.uniform(-60, 70), 5),
                longitude=round(rng.uniform(-180, 180), 5),
            )
            # A fifth of the cities were once called otherwise; the search finds them by that name too.
            former = f"Old Synthetic City {number}" if rng.random() < 0.2 else ""
            # Unsaved, the city lists only its own names; bulk_create() skips the save() that folds them.
            city.search_names = folded_names([*city.names(), former])
            cities.append(city)
            if former:
                former_names.append(CityName(city=city, name=former, kind=CityNameKind.FORMER, language="en"))
        cities = PartnerCity.objects.bulk_create(cities, batch_size=1000)
        CityName.objects.bulk_create(former_names, batch_size=1000)
        return cities

    def _agreements(self, rng, cities, today):
        # A live twinning per country at most: the demo's and those added here.
        twinned = set(
            Agreement.objects.live().filter(kind=AgreementKind.TWINNING).values_list("country", flat=True)
        )
        agreements, renewed = [], []
        for city in cities:
            if city.continent != Continent.EUROPE and rng.random() < 0.2:
                kind = AgreementKind.HONORARY_TITLE
            elif city.country not in twinned and rng.random() < 0.5:
                kind = AgreementKind.TWINNING
            else:
                kind = AgreementKind.PARTNERSHIP
            agreement = self._agreement(rng, city, kind, today)
            if kind == AgreementKind.TWINNING and agreement.status != AgreementStatus.TERMINATED:
                twinned.add(city.country)
            agreements.append(agreement)
            if kind == AgreementKind.PARTNERSHIP and rng.random() < 0.2:
                earlier = self._renewed(rng, agreement)
                if earlier is not None:
                    renewed.append(earlier)
            if rng.random() < 0.3:
                agreements.append(self._agreement(rng, city, AgreementKind.SECTORAL, today))
        # The agreements renewed go first: a renewal's key to the one it follows needs that one's key.
        renewed = Agreement.objects.bulk_create(renewed, batch_size=1000)
        return renewed + Agreement.objects.bulk_create(agreements, batch_size=1000)

    def _renewed(self, rng, agreement):
        """The earlier agreement that a signed partnership renewed, ended the day it was signed as the
        lifecycle ends it; None where the partnership was not signed late enough to renew anything."""
        later_signed = agreement.signed_on
        if agreement.status == AgreementStatus.NEGOTIATION or later_signed is None:
            return None
        if later_signed - FIRST_SIGNING < datetime.timedelta(days=2):
            return None
        signed = day_between(rng, FIRST_SIGNING, later_signed - datetime.timedelta(days=1))
        earlier = Agreement(
            slug=f"{agreement.slug}-{signed.year}",
            city=agreement.city,
            country=agreement.country,
            continent=agreement.continent,
            kind=agreement.kind,
            status=AgreementStatus.TERMINATED,
            signed_on=signed,
            terminated_on=later_signed,
            is_public=agreement.is_public,
        )
        decide(rng, earlier, signed)
        earlier.termination_act = earlier.termination_reason = ENDED_BY_SUCCESSOR[Succession.RENEWAL] % {
            "successor": agreement.slug,
            "signed_on": later_signed,
        }
        agreement.follows, agreement.follows_as = earlier, Succession.RENEWAL
        return earlier

    def _agreement(self, rng, city, kind, today):
        """One agreement of the kind with the city, its status and dates drawn in the order the rules set."""
        agreement = Agreement(
            slug=f"{city.slug}-{kind.replace('_', '-')}",
            city=city,
            country=city.country,
            continent=city.continent,
            kind=kind,
            sector=rng.choice(Sector.values) if kind == AgreementKind.SECTORAL else "",
            is_public=rng.random() < 0.9,
        )
        chance = rng.random()
        if chance < 0.08:
            agreement.status = AgreementStatus.NEGOTIATION
            agreement.is_public = False
            return agreement
        if chance < 0.12:
            agreement.status = AgreementStatus.APPROVED
            agreement.is_public = False
            agreement.resolution_date = day_between(rng, today - datetime.timedelta(days=700), today)
            agreement.resolution_number = resolution_number(rng, agreement.resolution_date)
            return agreement
        signed = day_between(rng, FIRST_SIGNING, today - datetime.timedelta(days=30))
        decide(rng, agreement, signed)
        # The council's resolution grants an honorary title and stands for its signing; some are signed too.
        if kind != AgreementKind.HONORARY_TITLE or not agreement.resolution_date or rng.random() < 0.5:
            agreement.signed_on = signed
        if chance < 0.25:
            agreement.status = AgreementStatus.TERMINATED
            agreement.terminated_on = day_between(rng, signed + datetime.timedelta(days=1), today)
            agreement.termination_reason = "Synthetic termination."
            agreement.termination_act = "Synthetic City Council resolution."
        elif chance < 0.3:
            agreement.status = AgreementStatus.SUSPENDED
        else:
            agreement.status = AgreementStatus.IN_FORCE
        term = rng.random()
        if term < 0.15:
            agreement.term, agreement.term_years = Term.FIXED, rng.choice([3, 5, 10])
        elif term < 0.25:
            agreement.term, agreement.term_years, agreement.notice_months = Term.RENEWING, 5, 6
        elif term < 0.35:
            agreement.term = Term.INDEFINITE
        return agreement

    def _working_documents(self, rng, cities, agreements, today, *, count):
        formalizing = {agreement.city_id: agreement for agreement in agreements if agreement.is_decided}
        documents = []
        for number in range(count):
            city, round_ = cities[number % len(cities)], number // len(cities)
            kind = rng.choice(WorkingDocumentKind.values)
            # Cooperation with no signed document has no signing day; the rest were signed on one.
            signed = (
                None
                if kind == WorkingDocumentKind.NO_DOCUMENT
                else day_between(rng, FIRST_SIGNING, today - datetime.timedelta(days=30))
            )
            document = WorkingDocument(
                slug=f"{city.slug}-letter-{round_}" if round_ else f"{city.slug}-letter",
                city=city,
                kind=kind,
                kind_name="Synthetic arrangement" if kind == WorkingDocumentKind.OTHER else "",
                signed_on=signed,
                is_public=rng.random() < 0.9,
            )
            if kind == WorkingDocumentKind.COOPERATION_PROGRAMME:
                # A programme of cooperation runs for its years, as Vienna's do.
                document.term, document.term_years = Term.FIXED, rng.randint(2, 4)
            chance = rng.random()
            if chance < 0.15:
                document.ended_on = day_between(rng, signed or FIRST_SIGNING, today)
            elif chance < 0.3 and city.pk in formalizing and signed:
                agreement = formalizing[city.pk]
                # An agreement formalizes only a document signed before it.
                if signed <= (agreement.signed_on or agreement.resolution_date or signed):
                    document.formalized_by = agreement
            documents.append(document)
        WorkingDocument.objects.bulk_create(documents, batch_size=1000)

    def _programmes(self, rng, seed, scale, cities, today):
        participations = []
        for number in range(PROJECTS * scale):
            # From four years back to half a year ahead: some ended, most running, a few ending soon.
            starts_on = today + datetime.timedelta(days=rng.randint(-4 * 365, 180))
            decided_on = min(starts_on - datetime.timedelta(days=rng.randint(10, 120)), today)
            budget = rng.randint(100_000, 5_000_000)
            participations.append(
                ProgrammeParticipation(
                    slug=f"synthetic-{seed}-project-{number}",
                    programme=rng.choice(Programme.values),
                    project=f"Synthetic project {number}",
                    acronym=f"SYN{number}",
                    decision_number=f"{rng.randint(1, 9999)}/{decided_on.year}",
                    decision_date=decided_on,
                    starts_on=starts_on,
                    ends_on=starts_on + datetime.timedelta(days=rng.randint(180, 4 * 365)),
                    budget=budget,
                    krakow_share=rng.randint(budget // 20, budget // 2),
                    is_public=rng.random() < 0.85,
                )
            )
        ProgrammeParticipation.objects.bulk_create(participations, batch_size=1000)
        through = ProgrammeParticipation.cities.through
        through.objects.bulk_create(
            [
                through(programmeparticipation_id=participation.pk, partnercity_id=city.pk)
                for participation in participations
                for city in rng.sample(cities, k=min(rng.randint(1, 5), len(cities)))
            ],
            batch_size=5000,
        )

    def _associations(self, rng, seed, scale, today):
        associations = Association.objects.bulk_create(
            [
                Association(
                    slug=f"synthetic-{seed}-association-{number}",
                    name=f"Synthetic association {number}",
                    kind=rng.choice(AssociationKind.values),
                )
                for number in range(ASSOCIATIONS * scale)
            ],
            batch_size=1000,
        )
        memberships = []
        for number, association in enumerate(associations):
            membership = Membership(
                slug=f"synthetic-{seed}-membership-{number}",
                association=association,
                annual_fee=rng.randint(500, 30_000),
                representative=rng.choice(["", "Mayor of Krakow", "Deputy Mayor", "City Council member"]),
                is_public=rng.random() < 0.9,
            )
            chance = rng.random()
            if chance < 0.1:
                # Resolved by the council, still waiting for the Minister's approval.
                membership.resolution_date = day_between(rng, today - datetime.timedelta(days=400), today)
                membership.resolution_number = resolution_number(rng, membership.resolution_date)
                memberships.append(membership)
                continue
            # Joined by the council's resolution, so a year at least after it was first elected.
            joined = day_between(
                rng, COUNCIL_SINCE + datetime.timedelta(days=365), today - datetime.timedelta(days=30)
            )
            membership.joined_on = joined
            membership.mfa_approval_date = joined - datetime.timedelta(days=rng.randint(0, 60))
            membership.mfa_approval_reference = f"MFA-{number}"
            membership.resolution_date = membership.mfa_approval_date - datetime.timedelta(
                days=rng.randint(30, 300)
            )
            membership.resolution_number = resolution_number(rng, membership.resolution_date)
            if chance < 0.25:
                membership.left_on = day_between(rng, joined, today)
            memberships.append(membership)
        Membership.objects.bulk_create(memberships, batch_size=1000)

    def _activities(self, rng, seed, scale, cities, today):
        first_day = today - datetime.timedelta(days=ACTIVITY_YEARS * 365)
        activities = []
        for number in tqdm(range(ACTIVITIES * scale), desc=_("activities"), file=self.stderr, disable=None):
            starts_on = day_between(rng, first_day, today)
            activities.append(
                Activity(
                    slug=f"synthetic-{seed}-activity-{number}",
                    tool=rng.choice(PolicyTool.values),
                    title_pl=f"Działanie syntetyczne {number}",
                    title_en=f"Synthetic activity {number}",
                    starts_on=starts_on,
                    ends_on=starts_on + datetime.timedelta(days=rng.randint(0, 5))
                    if rng.random() < 0.5
                    else None,
                    district=rng.choice([None, *District.values]),
                    is_public=rng.random() < 0.8,
                )
            )
        Activity.objects.bulk_create(activities, batch_size=2000)
        # A fifth of the cities see no activity at all: their partnerships turn dormant.
        active_cities = cities[: max(1, len(cities) * 4 // 5)]
        through = Activity.cities.through
        links = [
            through(activity_id=activity.pk, partnercity_id=city.pk)
            for activity in activities
            if rng.random() < 0.9
            for city in rng.sample(active_cities, k=min(rng.randint(1, 2), len(active_cities)))
        ]
        through.objects.bulk_create(links, batch_size=5000)
