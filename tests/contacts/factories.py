import datetime

import factory

from contacts.choices import LawfulBasis, OrganisationKind
from contacts.models import Contact


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"person-{n}")
    full_name = factory.Sequence(lambda n: f"Erika Mustermann {n}")
    position = "Head of international relations"
    organisation = "City of Nuremberg"
    organisation_kind = OrganisationKind.CITY_OFFICE
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    phone = "+49 911 231 0"
    lawful_basis = LawfulBasis.PUBLIC_TASK
    review_on = datetime.date(2028, 1, 1)

    @factory.post_generation
    def cities(self, create, cities):
        if create and cities:
            self.cities.set(cities)
