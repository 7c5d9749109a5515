import factory

from institutions.choices import PostKind
from institutions.models import DiplomaticPost, PolishOrganisation


class DiplomaticPostFactory(factory.django.DjangoModelFactory):
    """Another state's consulate in Krakow."""

    class Meta:
        model = DiplomaticPost

    slug = factory.Sequence(lambda n: f"post-{n}")
    name_en = factory.Sequence(lambda n: f"Consulate General {n}")
    name_pl = factory.Sequence(lambda n: f"Konsulat Generalny {n}")
    kind = PostKind.CONSULATE_GENERAL
    represents = "DE"
    country = "PL"
    locality = "Kraków"


class PolishOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PolishOrganisation

    slug = factory.Sequence(lambda n: f"polish-organisation-{n}")
    name_en = factory.Sequence(lambda n: f"Polish Association {n}")
    name_pl = factory.Sequence(lambda n: f"Stowarzyszenie Polaków {n}")
    country = "DE"
    locality = "Nürnberg"
