import datetime

import factory

from memberships.choices import AssociationKind
from memberships.models import Agency, Association, Membership


class AssociationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Association

    slug = factory.Sequence(lambda n: f"association-{n}")
    name = factory.Sequence(lambda n: f"Association {n}")
    kind = AssociationKind.LOCAL_AND_REGIONAL


class MembershipFactory(factory.django.DjangoModelFactory):
    """An active membership: resolution, then the Minister's approval, then joining."""

    class Meta:
        model = Membership

    slug = factory.Sequence(lambda n: f"membership-{n}")
    association = factory.SubFactory(AssociationFactory)
    resolution_number = "IV/47/90"
    resolution_date = datetime.date(1990, 9, 8)
    mfa_approval_reference = "DPT-123/90"
    mfa_approval_date = datetime.date(1990, 12, 1)
    joined_on = datetime.date(1991, 1, 1)


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    slug = factory.Sequence(lambda n: f"agency-{n}")
    name_en = "Krakow House"
    name_pl = "Dom Krakowski"
    country = "DE"
    locality = "Nuremberg"
