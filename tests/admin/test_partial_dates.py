"""The admin edits a partial date with its precision beside it, and shows it at its precision.

Admin tests of each model live beside its app's tests (tests/agreements/test_admin.py, …); these cover every
admin at once, as the mechanism does (registry.admin.PartialDatesAdmin).
"""

import datetime
import re

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.urls import reverse
from django.utils import translation

from agreements.models import Agreement
from partners.services import officer_assign
from registry.models import RegistryRecord
from registry.partial_dates import PartialDate, partial_date_fields
from registry.permissions import OFFICERS
from tests.admin_forms import page_form_data
from tests.agreements.factories import AgreementFactory
from tests.agreements.test_admin import agreement_form
from tests.memberships.factories import MembershipFactory
from tests.partners.factories import PartnerCityFactory

pytestmark = pytest.mark.django_db

MODELS_WITH_PARTIAL_DATES = [
    model
    for model, _ in admin.site._registry.items()
    if issubclass(model, RegistryRecord) and partial_date_fields(model)
]


def rows(response):
    """The rows of the page's form: each a tuple of the field names shown side by side."""
    return [
        (item,) if isinstance(item, str) else tuple(item)
        for _, options in response.context["adminform"].fieldsets
        for item in options["fields"]
    ]


def cells(html, column):
    """The texts of the change list's cells of `column`, from the top."""
    return re.findall(rf'<td class="field-{column}[^"]*">(.*?)</td>', html)


@pytest.mark.parametrize("model", MODELS_WITH_PARTIAL_DATES, ids=lambda model: model._meta.label_lower)
def test_every_partial_date_has_its_precision_on_its_row(admin_client, model):
    opts = model._meta

    response = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))

    for name in partial_date_fields(model):
        assert (name, f"{name}_precision") in rows(response), name


def test_an_inline_has_the_precision_column_after_the_date(admin_client):
    city = AgreementFactory().city
    association = MembershipFactory().association

    city_page = admin_client.get(f"/pl/admin/partners/partnercity/{city.slug}/change/")
    association_page = admin_client.get(f"/pl/admin/memberships/association/{association.slug}/change/")

    columns = {
        inline.opts.model._meta.model_name: [field["name"] for field in inline.fields()]
        for page in (city_page, association_page)
        for inline in page.context["inline_admin_formsets"]
    }
    for model_name, dates in [
        ("agreement", ["signed_on"]),
        ("workingdocument", ["signed_on"]),
        ("membership", ["joined_on", "left_on"]),
    ]:
        for name in dates:
            position = columns[model_name].index(name)
            assert columns[model_name][position + 1] == f"{name}_precision", (model_name, name)


def test_a_date_known_to_the_year_is_saved_as_its_first_day(admin_client):
    data = agreement_form(PartnerCityFactory(), signed_on="10.05.1997", signed_on_precision="year")

    response = admin_client.post("/pl/admin/agreements/agreement/add/", data)

    assert response.status_code == 302
    agreement = Agreement.objects.get(slug="new-agreement")
    assert (agreement.signed_on, agreement.signed_on_precision) == (datetime.date(1997, 1, 1), "year")


def test_a_date_known_to_the_month_is_saved_from_the_citys_inline(admin_client):
    city = AgreementFactory(slug="rome-partnership", signed_on=datetime.date(1991, 6, 1)).city
    url = f"/pl/admin/partners/partnercity/{city.slug}/change/"
    data = page_form_data(admin_client.get(url))
    assert data["agreements-0-signed_on_precision"] == "day"

    response = admin_client.post(url, {**data, "agreements-0-signed_on_precision": "month"})

    assert response.status_code == 302
    agreement = Agreement.objects.get(slug="rome-partnership")
    assert (agreement.signed_on, agreement.signed_on_precision) == (datetime.date(1991, 6, 1), "month")


def test_the_change_list_shows_a_date_at_its_precision_and_sorts_by_the_date(admin_client):
    AgreementFactory(city__name_en="Aachen", signed_on=datetime.date(1995, 3, 1), signed_on_precision="month")
    AgreementFactory(city__name_en="Bologna", signed_on=datetime.date(1991, 1, 1), signed_on_precision="year")
    with translation.override("pl"):
        march = str(PartialDate(datetime.date(1995, 3, 1), "month"))

    response = admin_client.get("/pl/admin/agreements/agreement/")

    html = response.content.decode()
    assert [record.city.name_en for record in response.context["cl"].result_list] == ["Aachen", "Bologna"]
    assert cells(html, "signed_on_at_precision") == [march, "1991"]
    assert "1 marca 1995" not in html
    assert "1 stycznia 1991" not in html
    column = response.context["cl"].list_display.index("signed_on_at_precision")
    by_date = admin_client.get(f"/pl/admin/agreements/agreement/?o={column}")
    assert [record.city.name_en for record in by_date.context["cl"].result_list] == ["Bologna", "Aachen"]


def test_a_date_only_shown_is_shown_at_its_precision(admin_client):
    AgreementFactory(
        slug="a",
        status="terminated",
        terminated_on=datetime.date(2022, 1, 1),
        terminated_on_precision="year",
        termination_reason="War",
    )

    response = admin_client.get("/pl/admin/agreements/agreement/a/change/")

    assert "terminated_on_at_precision" in [name for row in rows(response) for name in row]
    html = response.content.decode()
    assert '<div class="readonly">2022</div>' in html
    assert "1 stycznia 2022" not in html


def test_the_precision_of_a_termination_changes_only_with_the_lifecycle(admin_client):
    AgreementFactory(
        slug="a",
        status="terminated",
        terminated_on=datetime.date(2022, 3, 3),
        termination_reason="War",
    )
    url = "/pl/admin/agreements/agreement/a/change/"

    response = admin_client.post(
        url, {**page_form_data(admin_client.get(url)), "terminated_on_precision": "year"}
    )

    assert response.status_code == 302
    agreement = Agreement.objects.get(slug="a")
    assert (agreement.terminated_on, agreement.terminated_on_precision) == (datetime.date(2022, 3, 3), "day")


def test_an_officer_viewing_another_citys_record_sees_its_dates_at_their_precision(client):
    officer = User.objects.create_user("officer", is_staff=True)
    officer.groups.add(Group.objects.get(name=OFFICERS))
    officer_assign(officer=officer, cities=[PartnerCityFactory()])
    AgreementFactory(slug="a", signed_on=datetime.date(1991, 1, 1), signed_on_precision="year")
    client.force_login(officer)

    response = client.get("/pl/admin/agreements/agreement/a/change/")

    assert response.status_code == 200
    assert "signed_on_at_precision" in [name for row in rows(response) for name in row]
    assert '<div class="readonly">1991</div>' in response.content.decode()


def test_restoring_a_version_leaves_the_precision_of_a_termination_as_recorded(admin_client):
    agreement = AgreementFactory(
        slug="a",
        status="terminated",
        terminated_on=datetime.date(2022, 1, 1),
        terminated_on_precision="year",
        termination_reason="War",
    )
    known_to_the_year = agreement.history.earliest()
    agreement.terminated_on_precision = "day"  # the day became known (as an exchange import may record it)
    agreement.save()
    url = f"/pl/admin/agreements/agreement/a/history/{known_to_the_year.history_id}/"

    assert admin_client.post(url, page_form_data(admin_client.get(url))).status_code == 302

    agreement.refresh_from_db()
    assert (agreement.terminated_on, agreement.terminated_on_precision) == (datetime.date(2022, 1, 1), "day")
