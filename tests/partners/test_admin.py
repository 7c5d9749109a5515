"""The partner-city rules hold in the admin too (a real POST)."""

import pytest

from agreements.models import Agreement
from partners.models import PartnerCity
from registry.models import TEXT_MAX_LENGTH
from tests.admin_forms import known_to_the_day
from website.selectors import partner_city_list_with_public_page

pytestmark = pytest.mark.django_db


def city_form(**fields):
    return {
        "slug": "kyoto",
        "name_en": "Kyoto",
        "name_pl": "Kioto",
        "country": "JP",
        "continent_override": "",
        "latitude": "35.0116",
        "longitude": "135.7681",
        "website": "",
        "description_en": "",
        "description_pl": "",
        "sources": "[]",
        "placeholders": "[]",
        "agreements-TOTAL_FORMS": "0",
        "agreements-INITIAL_FORMS": "0",
        "working_documents-TOTAL_FORMS": "0",
        "working_documents-INITIAL_FORMS": "0",
        "other_names-TOTAL_FORMS": "0",
        "other_names-INITIAL_FORMS": "0",
        **fields,
    }


def test_a_city_is_saved_with_the_continent_of_its_country(admin_client):
    response = admin_client.post("/en/admin/partners/partnercity/add/", city_form())

    assert response.status_code == 302
    assert PartnerCity.objects.get().continent == "asia"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"country": "PL"}, "country"),
        ({"country": "XX"}, "country"),
        ({"latitude": "91"}, "latitude"),
        ({"longitude": ""}, "latitude"),
        ({"description_en": "x" * (TEXT_MAX_LENGTH + 1)}, "description_en"),
    ],
    ids=["in-poland", "unknown-country", "latitude-out-of-range", "one-coordinate", "description-too-long"],
)
def test_the_admin_refuses_each_rule(admin_client, fields, field):
    response = admin_client.post("/en/admin/partners/partnercity/add/", city_form(**fields))

    assert field in response.context["adminform"].form.errors
    assert not PartnerCity.objects.exists()


def inline_agreements(*agreements):
    """Inline agreement rows of the city form, each a dict of agreement fields."""
    rows = {"agreements-TOTAL_FORMS": str(len(agreements))}
    for index, fields in enumerate(agreements):
        empty = {"sector": "", "resolution_number": "", "resolution_date": "", "signed_on": ""}
        rows.update({f"agreements-{index}-{name}": value for name, value in {**empty, **fields}.items()})
        rows.update(known_to_the_day(Agreement, prefix=f"agreements-{index}-"))
    return rows


HONORARY_TITLE = {
    "slug": "honorary-title",
    "kind": "honorary_title",
    "status": "in_force",
    "resolution_number": "XXI/500/24",
    "resolution_date": "2024-10-09",
}


def test_a_city_with_its_first_agreement_inline_is_saved_in_one_go(admin_client):
    response = admin_client.post(
        "/en/admin/partners/partnercity/add/", city_form(**inline_agreements(HONORARY_TITLE))
    )

    assert response.status_code == 302
    assert PartnerCity.objects.get().agreements.get().kind == "honorary_title"


def test_an_honorary_title_inline_for_a_european_city_is_refused(admin_client):
    response = admin_client.post(
        "/en/admin/partners/partnercity/add/",
        city_form(slug="leuven", name_en="Leuven", country="BE", **inline_agreements(HONORARY_TITLE)),
    )

    assert response.status_code == 200
    assert not PartnerCity.objects.exists()


def test_two_inline_agreements_breaking_a_rule_together_give_a_message_not_an_error(admin_client):
    partnership = {"kind": "partnership", "status": "negotiation"}

    response = admin_client.post(
        "/en/admin/partners/partnercity/add/",
        city_form(**inline_agreements({**partnership, "slug": "first"}, {**partnership, "slug": "second"})),
        follow=True,
    )

    assert [str(message) for message in response.context["messages"]] == [
        "Krakow already has an agreement of this kind with this city that is not terminated."
    ]
    assert not PartnerCity.objects.exists()


def test_a_city_added_with_its_first_agreement_in_the_inline_is_on_the_public_site_as_its_partner(
    admin_client,
):
    agreement = {
        "agreements-TOTAL_FORMS": "1",
        "agreements-0-slug": "kyoto-partnership",
        "agreements-0-kind": "partnership",
        "agreements-0-sector": "",
        "agreements-0-resolution_number": "",
        "agreements-0-resolution_date": "",
        "agreements-0-signed_on": "",
        **known_to_the_day(Agreement, prefix="agreements-0-"),
    }
    response = admin_client.post("/en/admin/partners/partnercity/add/", city_form(**agreement))
    assert response.status_code == 302
    assert not partner_city_list_with_public_page().exists()  # in negotiation: not public yet

    Agreement.objects.filter(slug="kyoto-partnership").update(
        status="in_force",
        resolution_number="XII/123/90",
        resolution_date="1990-09-12",
        signed_on="1991-06-01",
    )
    change_page = admin_client.get("/en/admin/partners/partnercity/kyoto/change/").content.decode()
    assert "On the public site" in change_page
    assert '<div class="readonly">partner city</div>' in change_page
    listed = admin_client.get("/en/admin/partners/partnercity/?public_relation=partner_city").content.decode()
    assert "/en/admin/partners/partnercity/kyoto/change/" in listed
    not_listed = admin_client.get(
        "/en/admin/partners/partnercity/?public_relation=twin_city"
    ).content.decode()
    assert "/en/admin/partners/partnercity/kyoto/change/" not in not_listed


def test_other_names_are_kept_from_the_citys_page_and_searched(admin_client):
    response = admin_client.post(
        "/en/admin/partners/partnercity/add/",
        city_form(
            **{
                "other_names-TOTAL_FORMS": "1",
                "other_names-0-name": "Heian-kyō",
                "other_names-0-kind": "former",
                "other_names-0-language": "ja",
            }
        ),
    )

    assert response.status_code == 302
    assert PartnerCity.objects.get().search_names.splitlines() == ["kyoto", "kioto", "heian kyo"]


def test_an_override_of_the_continent_keeps_its_reason_and_the_page_says_how_it_was_decided(admin_client):
    admin_client.post(
        "/en/admin/partners/partnercity/add/",
        city_form(continent_override="europe", continent_override_reason="Decided by the council"),
    )

    page = admin_client.get("/en/admin/partners/partnercity/kyoto/change/").content.decode()

    assert PartnerCity.objects.get().continent == "europe"
    assert "set by staff" in page
