import datetime

import factory

from programmes.choices import Programme
from programmes.models import Activity, ProgrammeParticipation
from registry.choices import PolicyTool


class ProgrammeParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeParticipation
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"project-{n}")
    programme = Programme.URBACT
    project = factory.Sequence(lambda n: f"Project {n}")
    decision_number = "1234/2023"
    decision_date = datetime.date(2023, 3, 1)
    starts_on = datetime.date(2023, 4, 1)
    ends_on = datetime.date(2025, 3, 31)

    @factory.post_generation
    def cities(self, create, cities):
        if create and cities:
            self.cities.set(cities)


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"activity-{n}")
    tool = PolicyTool.DAYS_OF
    title_pl = factory.Sequence(lambda n: f"Dni Krakowa {n}")
    title_en = factory.Sequence(lambda n: f"Days of Krakow {n}")
    starts_on = datetime.date(2024, 6, 1)

    @factory.post_generation
    def cities(self, create, cities):
        if create and cities:
            self.cities.set(cities)
