from django.db import models
from django.utils.translation import gettext_lazy as _


class Direction(models.TextChoices):
    INCOMING = "incoming", _("incoming")
    OUTGOING = "outgoing", _("outgoing")


class Medium(models.TextChoices):
    LETTER = "letter", _("letter")
    EMAIL = "email", _("e-mail")
