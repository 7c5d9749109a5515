import datetime

import factory

from programmes.choices import PolicyTool, Programme
from programmes.models import Activity, ProgrammeParticipation


class ProgrammeParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeParticipation

    slug = factory.Sequence(lambda n: f"project-{n}")
    programme = Programme.URBACT
    project = factory.Sequence(lambda n: f"Project {n}")
    decision_number = "1234/2023"
    decision_date = datetime.date(2023, 3, 1)
    starts_on = datetime.date(2023, 4, 1)
    ends_on = datetime.date(2025, 3, 31)


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    slug = factory.Sequence(lambda n: f"activity-{n}")
    tool = PolicyTool.DAYS_OF
    title = factory.Sequence(lambda n: f"Days of Krakow {n}")
    starts_on = datetime.date(2024, 6, 1)
