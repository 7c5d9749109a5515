"""Money carries its currency, euro or złoty: shown with it, summed per currency (never added across), written
with it in the exchange format and the dashboard's CSV; files from before, with amounts named `…_eur`, are read
as euro."""

import datetime
import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from dashboard.overview import RegistryOverview, Scope
from memberships.models import Membership
from programmes.models import ProgrammeParticipation
from registry.money import Currency, Money
from tests.exchange.test_import import document, run_import
from tests.memberships.factories import AssociationFactory, MembershipFactory
from tests.programmes.factories import ProgrammeParticipationFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2024, 1, 1)


def figure(label):
    return next(item for item in RegistryOverview(Scope(as_of=DAY)).figures if item.label == label)


@pytest.mark.parametrize(("language", "shown"), [("pl", "12 500,50 PLN"), ("en", "12,500.50 PLN")])
def test_an_amount_is_shown_with_its_currency(language, shown):
    with translation.override(language):
        text = str(Money(Decimal("12500.50"), Currency.PLN))

    assert text.replace("\xa0", " ") == shown


def test_fees_in_two_currencies_are_summed_apart():
    MembershipFactory(annual_fee=Decimal("1000"), fee_currency=Currency.EUR)
    MembershipFactory(annual_fee=Decimal("250"), fee_currency=Currency.EUR)
    MembershipFactory(annual_fee=Decimal("3000"), fee_currency=Currency.PLN)

    fees = figure("annual membership fees").value

    assert fees == (Money(Decimal("3000"), "PLN"), Money(Decimal("1250"), "EUR"))
    assert fees.for_csv() == "3000.00 PLN + 1250.00 EUR"


def test_the_dashboard_page_and_its_csv_name_the_currency(admin_client):
    MembershipFactory(annual_fee=Decimal("3000"), fee_currency=Currency.PLN)

    page = admin_client.get("/en/dashboard/?as_of=2024-01-01").content.decode()
    csv = admin_client.get("/en/dashboard/memberships.csv?as_of=2024-01-01").content.decode()

    assert "3,000.00 PLN" in page
    assert "3000.00 PLN" in csv


def test_the_budget_chart_shows_only_budgets_in_euro():
    ProgrammeParticipationFactory(budget=Decimal("1000000"), krakow_share=Decimal("100000"))
    ProgrammeParticipationFactory(
        slug="in-zloty", budget=Decimal("5000000"), krakow_share=Decimal("500000"), currency=Currency.PLN
    )

    chart = RegistryOverview(Scope(as_of=DAY)).budget_chart

    assert [values for _label, values in chart.series] == [[Decimal("1000000")], [Decimal("100000")]]


def test_the_exchange_format_writes_and_reads_the_currency(tmp_path):
    association = {"id": "lhc", "name": "League of Historical Cities", "kind": "local_and_regional"}
    lines, error = run_import(
        tmp_path,
        document(
            associations=[association],
            memberships=[
                {
                    "id": "lhc",
                    "association": "lhc",
                    "resolution_not_recorded": "Not in the record.",
                    "approval_not_recorded": "Not in the record.",
                    "joined_on": "1994",
                    "annual_fee": "3000.00",
                    "fee_currency": "PLN",
                }
            ],
        ),
    )
    assert error is None, lines
    assert Membership.objects.get().annual_fee_money == Money(Decimal("3000.00"), "PLN")

    out = StringIO()
    call_command("export_registry", stdout=out)

    exported = json.loads(out.getvalue())["memberships"][0]
    assert (exported["annual_fee"], exported["fee_currency"]) == ("3000.00", "PLN")


def test_a_file_from_before_currencies_is_read_as_euro(tmp_path):
    lines, error = run_import(
        tmp_path,
        document(
            programme_participations=[
                {
                    "id": "p",
                    "programme": "urbact",
                    "project": "X",
                    "budget_eur": "1000.00",
                    "krakow_share_eur": "100.00",
                }
            ]
        ),
    )

    assert error is None, lines
    participation = ProgrammeParticipation.objects.get()
    assert (participation.budget_money, participation.krakow_share_money) == (
        Money(Decimal("1000.00"), "EUR"),
        Money(Decimal("100.00"), "EUR"),
    )


def test_a_currency_other_than_euro_or_zloty_is_refused(tmp_path):
    AssociationFactory(slug="lhc")
    lines, error = run_import(
        tmp_path,
        document(memberships=[{"id": "m", "association": "lhc", "annual_fee": "1", "fee_currency": "USD"}]),
    )

    assert error is not None
    assert lines == ["memberships[m].fee_currency: must be one of EUR, PLN"]
