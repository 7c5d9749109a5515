import datetime

import factory

from correspondence.choices import Direction
from correspondence.models import Letter


class LetterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Letter

    slug = factory.Sequence(lambda n: f"letter-{n}")
    direction = Direction.INCOMING
    dated = datetime.date(2026, 2, 3)
    sender = "City of Leipzig"
    recipient = "Mayor of Krakow"
    subject = factory.Sequence(lambda n: f"Invitation {n}")
    reference_number = factory.Sequence(lambda n: f"KS-I.0012.{n}.2026")
