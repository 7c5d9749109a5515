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


# One colour per relation on every map, chart and PDF (Okabe-Ito: told apart by colour-blind readers too). An
# agreement's kind is drawn in the colour of the relation it makes (agreements.selectors.RELATION_OF_KIND).
RELATION_COLOURS = {
    Relation.TWIN_CITY: "#D55E00",
    Relation.HONORARY_TWIN_CITY: "#CC79A7",
    Relation.PARTNER_CITY: "#0072B2",
    Relation.SECTORAL: "#009E73",
    Relation.COOPERATION: "#E69F00",
}


class ContinentBasis(models.TextChoices):
    """What decided a city's continent (partners.continents.decide_continent), in the order it is asked."""

    OVERRIDE = "override", _("set by staff")
    EU_MEMBER_STATE = "eu_member_state", _("a city of an EU member state")
    COORDINATES = "coordinates", _("the city's coordinates against the documented boundary")
    COUNTRY = "country", _("its country's continent (UN M49)")
    UNDECIDED = "undecided", _("undecided: the country spans two continents and the city has no coordinates")


class CityNameKind(models.TextChoices):
    FORMER = "former", _("former name")
    ALTERNATIVE = "alternative", _("name in another language or spelling")
