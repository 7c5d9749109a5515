import datetime

import factory

from visits.choices import Direction, Level
from visits.models import Visit


class VisitFactory(factory.django.DjangoModelFactory):
    """A non-public incoming visit (visits are not public unless staff say so)."""

    class Meta:
        model = Visit
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"visit-{n}")
    title = factory.Sequence(lambda n: f"Delegation {n}")
    direction = Direction.INCOMING
    level = Level.DEPUTY_MAYOR
    starts_on = datetime.date(2025, 5, 12)
    ends_on = datetime.date(2025, 5, 14)

    @factory.post_generation
    def cities(self, create, cities):
        if create and cities:
            self.cities.set(cities)

    @factory.post_generation
    def members(self, create, members):
        if create and members:
            self.members.set(members)
