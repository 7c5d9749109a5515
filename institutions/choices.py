from django.db import models
from django.utils.translation import gettext_lazy as _


class PostKind(models.TextChoices):
    EMBASSY = "embassy", _("embassy")
    CONSULATE_GENERAL = "consulate_general", _("consulate general")
    CONSULATE = "consulate", _("consulate")
    HONORARY_CONSULATE = "honorary_consulate", _("honorary consulate")
    CULTURAL_INSTITUTE = "cultural_institute", _("cultural institute")
    OTHER = "other", _("other mission")
