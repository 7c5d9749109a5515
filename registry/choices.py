"""Vocabulary of the council's municipal foreign policy shared by several apps."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PolicyTool(models.IntegerChoices):
    """The fifteen tools of the municipal foreign policy, numbered as the City Council lists them."""

    DAYS_OF = 1, _("“Days of …” presentations")
    INTERNATIONAL_PROJECTS = 2, _("international projects")
    CONFERENCES = 3, _("conferences and congresses")
    POLISH_COMMUNITIES = 4, _("support for Polish communities abroad")
    DISTRICT_INITIATIVES = 5, _("district initiatives")
    INTERNATIONAL_PROGRAMMES = 6, _("international and EU programmes")
    FAIRS = 7, _("fairs")
    TRADE_MISSIONS = 8, _("trade missions")
    AGENCIES_ABROAD = 9, _("municipal agencies abroad")
    DIPLOMATIC_POSTS = 10, _("diplomatic posts and cultural institutes")
    MEDIA = 11, _("media and study tours")
    CITY_NETWORKS = 12, _("city networks")
    INFORMATION = 13, _("information on the Internet and media")
    LONG_TERM_PROGRAMMES = 14, _("long-term cooperation programmes")
    EU_STRUCTURES = 15, _("involvement in EU structures")
