from django.db import models
from django.utils.translation import gettext_lazy as _


class Direction(models.TextChoices):
    INCOMING = "incoming", _("incoming: a delegation to Krakow")
    OUTGOING = "outgoing", _("outgoing: Krakow's delegation abroad")


class Level(models.TextChoices):
    """The rank of the delegation, by its most senior member."""

    MAYOR = "mayor", _("mayor")
    DEPUTY_MAYOR = "deputy_mayor", _("deputy mayor")
    COUNCIL = "council", _("city council")
    OFFICIALS = "officials", _("officials")
    DISTRICT = "district", _("district")
    INSTITUTIONS = "institutions", _("municipal institutions")
