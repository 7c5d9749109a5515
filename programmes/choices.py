from django.db import models
from django.utils.translation import gettext_lazy as _


class Programme(models.TextChoices):
    URBACT = "urbact", "URBACT"
    INTERREG = "interreg", "Interreg"
    HORIZON_EUROPE = "horizon_europe", _("Horizon Europe")
    HORIZON_2020 = "horizon_2020", _("Horizon 2020")
    FP7 = "fp7", _("7th Framework Programme (FP7)")
    ERASMUS_PLUS = "erasmus_plus", "Erasmus+"
    LIFE = "life", "LIFE"
    CERV = "cerv", _("Citizens, Equality, Rights and Values (CERV)")
    EUROPE_FOR_CITIZENS = "europe_for_citizens", _("Europe for Citizens")
    CREATIVE_EUROPE = "creative_europe", _("Creative Europe")
    CONNECTING_EUROPE = "connecting_europe", _("Connecting Europe Facility")
    EIT = "eit", _("European Institute of Innovation and Technology (EIT)")
    OTHER = "other", _("other EU programme")


class ParticipationRole(models.TextChoices):
    LEAD_PARTNER = "lead_partner", _("lead partner")
    PARTNER = "partner", _("partner")
    ASSOCIATED_PARTNER = "associated_partner", _("associated partner")
    OBSERVER = "observer", _("observer")


class District(models.IntegerChoices):
    """Krakow's eighteen districts (dzielnice), by their official numbers."""

    STARE_MIASTO = 1, "I Stare Miasto"
    GRZEGORZKI = 2, "II Grzegórzki"
    PRADNIK_CZERWONY = 3, "III Prądnik Czerwony"
    PRADNIK_BIALY = 4, "IV Prądnik Biały"
    KROWODRZA = 5, "V Krowodrza"
    BRONOWICE = 6, "VI Bronowice"
    ZWIERZYNIEC = 7, "VII Zwierzyniec"
    DEBNIKI = 8, "VIII Dębniki"
    LAGIEWNIKI = 9, "IX Łagiewniki-Borek Fałęcki"
    SWOSZOWICE = 10, "X Swoszowice"
    PODGORZE_DUCHACKIE = 11, "XI Podgórze Duchackie"
    BIEZANOW_PROKOCIM = 12, "XII Bieżanów-Prokocim"
    PODGORZE = 13, "XIII Podgórze"
    CZYZYNY = 14, "XIV Czyżyny"
    MISTRZEJOWICE = 15, "XV Mistrzejowice"
    BIENCZYCE = 16, "XVI Bieńczyce"
    WZGORZA_KRZESLAWICKIE = 17, "XVII Wzgórza Krzesławickie"
    NOWA_HUTA = 18, "XVIII Nowa Huta"
