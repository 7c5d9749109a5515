"""A city's page lists its agreements but never deletes one: agreements are terminated, with the act that ended
them."""

import pytest

from tests.agreements.factories import AgreementFactory

pytestmark = pytest.mark.django_db


def test_the_citys_agreements_offer_no_delete_box(admin_client):
    agreement = AgreementFactory(slug="nuremberg-partnership")

    response = admin_client.get(f"/en/admin/partners/partnercity/{agreement.city.slug}/change/")

    (inline,) = [
        inline
        for inline in response.context["inline_admin_formsets"]
        if inline.opts.model._meta.model_name == "agreement"
    ]
    assert inline.formset.can_delete is False
    assert 'name="agreements-0-DELETE"' not in response.text
