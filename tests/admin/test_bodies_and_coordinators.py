"""What issue 17 adds to the existing admins: an activity's body, a membership's fee due day, an agreement's
coordinator, and the people whose data are due for review."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from tests.agreements.factories import AgreementFactory
from tests.contacts.factories import ContactFactory
from tests.institutions.factories import DiplomaticPostFactory
from tests.memberships.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def autocomplete(client, app_label, model_name, field_name, term):
    response = client.get(
        "/en/admin/autocomplete/",
        {"app_label": app_label, "model_name": model_name, "field_name": field_name, "term": term},
    )
    assert response.status_code == 200
    return [result["text"] for result in response.json()["results"]]


def test_an_activity_belongs_to_a_body_picked_by_autocomplete(admin_client):
    DiplomaticPostFactory(name_en="Consulate General of Germany")

    page = admin_client.get(reverse("admin:programmes_activity_add")).content.decode()

    assert "Belongs to" in page
    for body in ("agency", "association", "project", "diplomatic_post", "polish_organisation"):
        assert f'id="id_{body}"' in page
    assert autocomplete(admin_client, "programmes", "activity", "diplomatic_post", "Germany")


def test_a_memberships_fee_due_day_is_edited_on_its_page(admin_client):
    membership = MembershipFactory()
    url = reverse("admin:memberships_membership_change", args=[membership.slug])

    page = admin_client.get(url).content.decode()

    assert 'name="fee_due_month"' in page and 'name="fee_due_day"' in page


def test_an_agreements_coordinator_is_a_member_of_staff_picked_by_autocomplete(admin_client):
    User.objects.create_user("koordynatorka", is_staff=True)
    User.objects.create_user("outsider", is_staff=False)
    agreement = AgreementFactory()

    page = admin_client.get(reverse("admin:agreements_agreement_change", args=[agreement.slug]))

    assert 'name="coordinator"' in page.content.decode()
    assert autocomplete(admin_client, "agreements", "agreement", "coordinator", "koord") == ["koordynatorka"]
    assert autocomplete(admin_client, "agreements", "agreement", "coordinator", "outsider") == []


def test_the_people_whose_review_is_due_are_listed_by_the_review_filter(admin_client):
    today = timezone.localdate()
    ContactFactory(full_name="Overdue", review_on=today - datetime.timedelta(days=1))
    ContactFactory(full_name="Soon", review_on=today + datetime.timedelta(days=10))
    ContactFactory(full_name="Later", review_on=today + datetime.timedelta(days=300))
    url = reverse("admin:contacts_contact_changelist")

    def listed(review):
        return {
            person.full_name for person in admin_client.get(url, {"review": review}).context["cl"].result_list
        }

    assert listed("due") == {"Overdue"}
    assert listed("soon") == {"Overdue", "Soon"}
