from django.db import models
from django.utils.translation import gettext_lazy as _


class AssociationKind(models.TextChoices):
    LOCAL_AND_REGIONAL = (
        "local_and_regional",
        _("international association of local and regional communities"),
    )
    EU_THEMATIC_POLITICAL = (
        "eu_thematic_political",
        _("political association of cities in EU thematic programmes"),
    )
