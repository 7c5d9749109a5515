import datetime

import factory
from django.contrib.auth.models import User

from agenda.models import FollowUp


class StaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"staff-{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@krakow.example")
    is_staff = True


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUp

    slug = factory.Sequence(lambda n: f"follow-up-{n}")
    title = factory.Sequence(lambda n: f"Send the draft programme {n}")
    due_on = datetime.date(2026, 3, 15)
    owner = factory.SubFactory(StaffFactory)
