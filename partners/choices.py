from django.db import models
from django.utils.translation import gettext_lazy as _


class Continent(models.TextChoices):
    AFRICA = "africa", _("Africa")
    ANTARCTICA = "antarctica", _("Antarctica")
    ASIA = "asia", _("Asia")
    EUROPE = "europe", _("Europe")
    NORTH_AMERICA = "north_america", _("North America")
    OCEANIA = "oceania", _("Oceania")
    SOUTH_AMERICA = "south_america", _("South America")


class Relation(models.TextChoices):
    """A city's relation with Krakow as the public site names it, from the highest form down."""

    TWIN_CITY = "twin_city", _("twin city")
    HONORARY_TWIN_CITY = "honorary_twin_city", _("honorary twin city")
    PARTNER_CITY = "partner_city", _("partner city")
    SECTORAL = "sectoral", _("sectoral cooperation")
    COOPERATION = "cooperation", _("cooperation without agreement")
