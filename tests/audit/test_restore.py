"""Restoring a version from a record's history is a change like any other, and leaves the lifecycle alone.

Who may restore what, for every model and role, is walked by tests/permissions/test_admin_doors.py; these
are the cases a staff member met.
"""

import datetime

import pytest
from django.contrib.auth.models import Group, User

from agreements import services
from agreements.models import Agreement, AgreementTransition
from partners.services import officer_assign
from registry.permissions import OFFICERS
from tests.admin_forms import page_form_data
from tests.agreements.factories import AgreementFactory
from tests.partners.factories import PartnerCityFactory

pytestmark = pytest.mark.django_db


def version_url(record, version):
    opts = record._meta
    return f"/en/admin/{opts.app_label}/{opts.model_name}/{record.slug}/history/{version.history_id}/"


def test_restoring_a_version_leaves_the_status_the_lifecycle_gave(admin_client, admin_user):
    agreement = AgreementFactory(slug="rome-partnership", signatories="Mayors")
    in_force = agreement.history.earliest()
    services.agreement_suspend(
        agreement=agreement,
        suspended_on=datetime.date(2022, 3, 1),
        reason="War",
        resolution_number="LXXX/2222/22",
        resolution_date=datetime.date(2022, 3, 1),
        user=admin_user,
    )
    url = version_url(agreement, in_force)

    response = admin_client.post(url, page_form_data(admin_client.get(url)))

    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == "suspended"
    assert list(AgreementTransition.objects.values_list("to_status", flat=True)) == ["suspended"]


def test_restoring_a_version_brings_back_what_the_change_form_edits(admin_client):
    agreement = AgreementFactory(slug="rome-partnership", signatories="Mayors")
    first = agreement.history.earliest()
    agreement.signatories = "Deputy mayors"
    agreement.save()
    url = version_url(agreement, first)

    assert admin_client.post(url, page_form_data(admin_client.get(url))).status_code == 302

    agreement.refresh_from_db()
    assert agreement.signatories == "Mayors"


def test_an_officer_cannot_move_another_citys_agreement_into_her_own_by_restoring(client, admin_client):
    own, foreign = PartnerCityFactory(slug="own"), PartnerCityFactory(slug="foreign")
    officer = User.objects.create_user("anna", is_staff=True)
    officer.groups.add(Group.objects.get(name=OFFICERS))
    officer_assign(officer=officer, cities=[own])
    agreement = AgreementFactory(slug="moved", city=foreign)
    url = version_url(agreement, agreement.history.earliest())
    data = {**page_form_data(admin_client.get(url)), "city": str(own.pk)}
    client.force_login(officer)

    response = client.post(url, data)

    assert response.status_code == 403
    assert Agreement.objects.get(slug="moved").city == foreign


def test_the_termination_is_read_only_on_a_recorded_agreement(admin_client):
    AgreementFactory(
        slug="moscow-partnership",
        status="terminated",
        terminated_on=datetime.date(2022, 3, 3),
        termination_reason="Russia's invasion of Ukraine",
    )
    url = "/en/admin/agreements/agreement/moscow-partnership/change/"
    page = admin_client.get(url)
    data = {**page_form_data(page), "terminated_on": "2023-01-01", "termination_reason": "Changed"}

    assert "terminated_on" not in page.context["adminform"].form.fields
    assert admin_client.post(url, data).status_code == 302
    agreement = Agreement.objects.get(slug="moscow-partnership")
    assert (agreement.terminated_on, agreement.termination_reason) == (
        datetime.date(2022, 3, 3),
        "Russia's invasion of Ukraine",
    )
