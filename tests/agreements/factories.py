import datetime

import factory

from agreements.choices import AgreementKind, AgreementStatus, WorkingDocumentKind
from agreements.models import Agreement, WorkingDocument
from tests.partners.factories import PartnerCityFactory


class AgreementFactory(factory.django.DjangoModelFactory):
    """A partnership in force, resolved by the City Council in 1990 and signed in 1991; if made terminated, with
    the act that ended it."""

    class Meta:
        model = Agreement

    slug = factory.Sequence(lambda n: f"agreement-{n}")
    city = factory.SubFactory(PartnerCityFactory)
    kind = AgreementKind.PARTNERSHIP
    status = AgreementStatus.IN_FORCE
    resolution_number = "XII/123/90"
    resolution_date = datetime.date(1990, 9, 12)
    signed_on = datetime.date(1991, 6, 1)
    termination_act = factory.LazyAttribute(
        lambda agreement: (
            "City Council resolution XX/200/22" if agreement.status == AgreementStatus.TERMINATED else ""
        )
    )


class WorkingDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingDocument

    slug = factory.Sequence(lambda n: f"document-{n}")
    city = factory.SubFactory(PartnerCityFactory)
    kind = WorkingDocumentKind.LETTER_OF_INTENT
    signed_on = datetime.date(2015, 3, 1)
