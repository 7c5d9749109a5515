"""A valid synthetic registry N times the size of the demo one, for benchmarks."""

import datetime
import random

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _
from django_countries.data import COUNTRIES
from tqdm import tqdm

from agreements.choices import AgreementKind, AgreementStatus, Sector, WorkingDocumentKind
from agreements.models import Agreement, WorkingDocument
from memberships.choices import AssociationKind
from memberships.models import Association, Membership
from partners.continents import continent_of
from partners.models import PartnerCity
from programmes.choices import District, PolicyTool, Programme
from programmes.models import Activity, ProgrammeParticipation

# Per unit of scale, about the demo registry's size: cities, activities, projects, associations.
CITIES, ACTIVITIES, PROJECTS, ASSOCIATIONS = 30, 1000, 6, 12


class Command(BaseCommand):
    help = "Add a synthetic registry of about SCALE times the demo size (valid under every rule)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1)
        parser.add_argument("--seed", type=int, default=2026)

    @transaction.atomic
    def handle(self, *args, scale, seed, **options):
        # Bulk inserts skip the audit trail on purpose: this is benchmark data, not staff work. The database
        # constraints still hold every row to the council's rules.
        rng = random.Random(seed)  # noqa: S311 - repeatable test data, not secrets
        countries = [code for code in COUNTRIES if code != "PL" and continent_of(code)]
        twinned = set(
            Agreement.objects.live().filter(kind=AgreementKind.TWINNING).values_list("country", flat=True)
        )
        cities = []
        for number in tqdm(range(CITIES * scale), desc=_("cities"), file=self.stderr, disable=None):
            country = countries[number % len(countries)]
            cities.append(
                PartnerCity(
                    slug=f"synthetic-{seed}-{number}",
                    name_en=f"Synthetic City {number}",
                    name_pl=f"Miasto syntetyczne {number}",
                    country=country,
                    continent=continent_of(country),
                    latitude=round(rng.uniform(-60, 70), 5),
                    longitude=round(rng.uniform(-180, 180), 5),
                )
            )
        PartnerCity.objects.bulk_create(cities, batch_size=1000)
        agreements, documents = [], []
        for city in cities:
            kind = AgreementKind.PARTNERSHIP
            if city.country not in twinned:
                kind = AgreementKind.TWINNING
                twinned.add(city.country)
            signed = datetime.date(rng.randint(1970, 2024), rng.randint(1, 12), rng.randint(1, 28))
            agreements.append(
                Agreement(
                    slug=f"{city.slug}-{kind.replace('_', '-')}",
                    city=city,
                    country=city.country,
                    continent=city.continent,
                    kind=kind,
                    status=AgreementStatus.IN_FORCE,
                    resolution_number=f"X/{rng.randint(1, 999)}/{signed.year % 100:02d}",
                    resolution_date=signed,
                    signed_on=signed,
                )
            )
            if rng.random() < 0.3:
                agreements.append(
                    Agreement(
                        slug=f"{city.slug}-sectoral",
                        city=city,
                        country=city.country,
                        continent=city.continent,
                        kind=AgreementKind.SECTORAL,
                        sector=rng.choice(Sector.values),
                        status=AgreementStatus.IN_FORCE,
                        signed_on=signed,
                    )
                )
            documents.append(
                WorkingDocument(
                    slug=f"{city.slug}-letter",
                    city=city,
                    kind=rng.choice(WorkingDocumentKind.values),
                    signed_on=signed - datetime.timedelta(days=200),
                )
            )
        Agreement.objects.bulk_create(agreements, batch_size=1000)
        WorkingDocument.objects.bulk_create(documents, batch_size=1000)
        self._programmes_and_associations(rng, seed, scale, cities)
        self._activities(rng, seed, scale, cities)
        self.stderr.write(
            _("Added %(cities)d cities, %(agreements)d agreements and %(activities)d activities.")
            % {"cities": len(cities), "agreements": len(agreements), "activities": ACTIVITIES * scale}
        )

    def _programmes_and_associations(self, rng, seed, scale, cities):
        for number in range(PROJECTS * scale):
            start = datetime.date(rng.randint(2010, 2025), 1, 1)
            participation = ProgrammeParticipation.objects.create(
                slug=f"synthetic-{seed}-project-{number}",
                programme=rng.choice(Programme.values),
                project=f"Synthetic project {number}",
                decision_number=f"{rng.randint(1, 9999)}/{start.year}",
                decision_date=start,
                starts_on=start,
                ends_on=start + datetime.timedelta(days=rng.randint(300, 1500)),
                budget_eur=1_000_000,
                krakow_share_eur=rng.randint(10_000, 200_000),
            )
            participation.cities.set(rng.sample(cities, k=min(5, len(cities))))
        for number in range(ASSOCIATIONS * scale):
            association = Association.objects.create(
                slug=f"synthetic-{seed}-association-{number}",
                name=f"Synthetic association {number}",
                kind=AssociationKind.LOCAL_AND_REGIONAL,
            )
            Membership.objects.create(
                slug=f"synthetic-{seed}-membership-{number}",
                association=association,
                resolution_number="I/1/00",
                resolution_date=datetime.date(2000, 1, 1),
                mfa_approval_reference=f"MFA-{number}",
                mfa_approval_date=datetime.date(2000, 3, 1),
                joined_on=datetime.date(2000, 6, 1),
                annual_fee_eur=rng.randint(1000, 20000),
            )

    def _activities(self, rng, seed, scale, cities):
        activities = [
            Activity(
                slug=f"synthetic-{seed}-activity-{number}",
                tool=rng.choice(PolicyTool.values),
                title=f"Synthetic activity {number}",
                starts_on=datetime.date(rng.randint(2000, 2026), rng.randint(1, 12), rng.randint(1, 28)),
                district=rng.choice([None, *District.values]),
                is_public=rng.random() < 0.8,
            )
            for number in tqdm(
                range(ACTIVITIES * scale), desc=_("activities"), file=self.stderr, disable=None
            )
        ]
        Activity.objects.bulk_create(activities, batch_size=2000)
        through = Activity.cities.through
        links = [
            through(activity_id=activity.pk, partnercity_id=rng.choice(cities).pk) for activity in activities
        ]
        through.objects.bulk_create(links, batch_size=5000)
