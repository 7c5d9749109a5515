"""Every change of every registry record is on record, and any past state can be shown."""

import datetime

import pytest
from django.utils import timezone

from agreements.models import Agreement
from partners.models import PartnerCity
from tests.agreements.factories import AgreementFactory
from tests.partners.factories import PartnerCityFactory
from tests.partners.test_admin import city_form

pytestmark = pytest.mark.django_db


def test_each_save_through_the_admin_is_recorded_with_user_and_changed_fields(admin_client, admin_user):
    city = PartnerCityFactory(slug="kyoto", name_en="Kioto", country="JP")
    form = city_form(
        name_en="Kyoto", name_pl=city.name_pl, latitude=str(city.latitude), longitude=str(city.longitude)
    )

    assert admin_client.post("/en/admin/partners/partnercity/kyoto/change/", form).status_code == 302

    latest, created = city.history.all()[:2]
    assert (latest.history_type, latest.history_user, created.history_type) == ("~", admin_user, "+")
    assert [change.field for change in latest.diff_against(created).changes] == ["name_en"]


def test_the_history_page_is_addressed_by_identifier_and_lists_the_changes(admin_client):
    city = PartnerCityFactory(slug="kyoto", name_en="Kioto")
    city.name_en = "Kyoto"
    city.save()

    response = admin_client.get("/en/admin/partners/partnercity/kyoto/history/")

    assert response.status_code == 200
    assert len(response.context["page_obj"]) == 2


def test_the_state_at_a_past_moment_can_be_shown(admin_client):
    agreement = AgreementFactory(slug="saint-petersburg-partnership")
    before = timezone.now()
    agreement.status, agreement.terminated_on = "terminated", datetime.date(2022, 9, 16)
    agreement.termination_act = "City Council resolution of 2 March 2022"
    agreement.save()

    assert Agreement.history.as_of(before).get(slug="saint-petersburg-partnership").status == "in_force"
    first = agreement.history.earliest()
    page = admin_client.get(
        f"/en/admin/agreements/agreement/saint-petersburg-partnership/history/{first.history_id}/"
    )
    assert page.status_code == 200
    assert page.context["original"].status == "in_force"


def test_a_deleted_record_keeps_its_history_under_its_identifier(admin_client):
    city = PartnerCityFactory(slug="atlantis")
    city.delete()

    response = admin_client.get("/en/admin/partners/partnercity/atlantis/history/")

    assert response.status_code == 200
    assert [record.history_type for record in response.context["page_obj"]] == ["-", "+"]
    assert not PartnerCity.objects.exists()


@pytest.mark.parametrize(
    "model",
    [
        "partners.partnercity",
        "agreements.agreement",
        "agreements.workingdocument",
        "programmes.activity",
        "programmes.programmeparticipation",
        "memberships.association",
        "memberships.membership",
        "memberships.agency",
    ],
)
def test_every_registry_model_records_create_change_and_delete(model):
    from tests.permissions.test_admin_doors import RECORDS

    record = RECORDS[model](PartnerCityFactory())
    record.save()
    record_id = record.pk
    record.delete()

    kinds = list(type(record).history.filter(id=record_id).values_list("history_type", flat=True))
    assert (kinds[0], kinds[-1]) == ("-", "+")
    assert "~" in kinds
