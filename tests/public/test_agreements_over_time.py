"""A city's page and API record over time: partners since the earliest cooperation, the chain of its
agreements, what their terms bring next, and the names it is known by."""

import datetime

import pytest

from agreements.choices import AgreementKind, AgreementStatus, Succession, WorkingDocumentKind
from partners.models import CityName
from registry.partial_dates import DatePrecision
from registry.terms import Term
from tests.agreements.factories import AgreementFactory, WorkingDocumentFactory
from tests.partners.factories import PartnerCityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def kyiv():
    """A twin city since 1993 whose cooperation began with an accord of 1976."""
    city = PartnerCityFactory(slug="kyiv", name_en="Kyiv", name_pl="Kijów", name_native="Київ", country="UA")
    CityName.objects.create(city=city, name="Kiev", kind="former", language="en")
    AgreementFactory(
        city=city, slug="kyiv-twinning", kind=AgreementKind.TWINNING, signed_on=datetime.date(1993, 2, 19)
    )
    WorkingDocumentFactory(
        city=city,
        kind=WorkingDocumentKind.OTHER,
        kind_name="cooperation accord",
        signed_on=datetime.date(1976, 12, 12),
        status_not_known=True,
    )
    return city


@pytest.fixture
def rome():
    """A partnership of 2009 followed in 2012 by another, which runs for five years from its signing."""
    city = PartnerCityFactory(slug="rome", name_en="Rome", name_pl="Rzym", country="IT")
    first = AgreementFactory(
        city=city,
        slug="rome-2009",
        signed_on=datetime.date(2009, 1, 1),
        signed_on_precision=DatePrecision.YEAR,
        status=AgreementStatus.TERMINATED,
        terminated_on=datetime.date(2012, 10, 23),
    )
    AgreementFactory(
        city=city,
        slug="rome-2012",
        signed_on=datetime.date(2012, 10, 23),
        follows=first,
        follows_as=Succession.NOT_RECORDED,
        term=Term.FIXED,
        term_years=5,
    )
    return city


def page(client, city, language="en"):
    return client.get(f"/{language}/partners/{city.slug}/").content.decode()


class TestCityPage:
    def test_partners_since_the_earliest_cooperation_and_the_names(self, client, kyiv):
        text = page(client, kyiv)

        assert "Partners since</dt><dd>12 December 1976</dd>" in text
        assert 'translate="no">Київ</dd>' in text
        assert '<span lang="en">Kiev</span>' in text

    def test_the_chain_of_agreements_and_the_term(self, client, rome):
        text = page(client, rome)

        assert "follows the agreement of 2009" in text
        assert "term ended: 23 October 2017" in text

    def test_in_polish(self, client, rome):
        text = page(client, rome, "pl")

        assert "jest następstwem umowy z 2009" in text

    def test_an_earlier_agreement_not_public_is_never_hinted_at(self, client, rome):
        rome.agreements.filter(slug="rome-2009").update(is_public=False)

        assert "2009" not in page(client, rome)


class TestAPI:
    def test_partners_since_and_the_names(self, client, kyiv):
        city = client.get("/api/partners/kyiv/").json()

        assert city["partners_since"] == "1976-12-12"
        assert (city["name_native"], city["other_names"]) == (
            "Київ",
            [{"name": "Kiev", "kind": "former", "language": "en"}],
        )

    def test_the_chain_and_the_terms_next_event(self, client, rome):
        relations = client.get("/api/partners/rome/").json()["relations"]

        assert [(relation["id"], relation["follows"], relation["follows_as"]) for relation in relations] == [
            ("rome-2009", None, None),
            ("rome-2012", "rome-2009", "not_recorded"),
        ]
        assert relations[1]["term_next"] == {"event": "ends", "on": "2017-10-23", "notice_by": None}

    def test_a_renewed_relation_is_current_since_its_first_agreement(self, client, rome):
        """Rome is a partner city since 2009, not since the agreement of 2012 that followed."""
        city = client.get("/api/partners/rome/").json()

        assert (city["current"], city["since"]) == (True, 2009)

    def test_an_ended_agreement_announces_no_renewal(self, client, rome):
        rome.agreements.filter(slug="rome-2009").update(term=Term.RENEWING, term_years=5)

        relations = client.get("/api/partners/rome/").json()["relations"]

        assert relations[0]["term_next"] is None
        assert "renews automatically" not in page(client, rome)

    def test_partners_since_counts_public_records_only(self, client, kyiv):
        WorkingDocumentFactory(city=kyiv, signed_on=datetime.date(1960, 1, 1), is_public=False)

        assert client.get("/api/partners/kyiv/").json()["partners_since"] == "1976-12-12"
        assert "Partners since</dt><dd>12 December 1976</dd>" in page(client, kyiv)

    def test_a_document_whose_status_is_not_known_is_not_reported_current(self, client, kyiv):
        relations = client.get("/api/partners/kyiv/").json()["relations"]

        assert relations[0]["status"] == "not_known"

    def test_an_earlier_agreement_not_public_is_never_named(self, client, rome):
        rome.agreements.filter(slug="rome-2009").update(is_public=False)

        relations = client.get("/api/partners/rome/").json()["relations"]

        assert [(relation["id"], relation["follows"]) for relation in relations] == [("rome-2012", None)]
