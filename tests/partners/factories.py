import factory

from partners.models import PartnerCity


class PartnerCityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerCity

    slug = factory.Sequence(lambda n: f"city-{n}")
    name_en = factory.Sequence(lambda n: f"City {n}")
    name_pl = factory.Sequence(lambda n: f"Miasto {n}")
    country = "DE"
    latitude = 50
    longitude = 10
