"""Parts shared by every registry record: the exchange-format identifier and the provenance of its facts."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

council_resolution_number_validator = RegexValidator(
    r"^[IVXLCDM]+/\d{1,5}/\d{2}$",
    _("A City Council resolution number looks like XII/123/91 (session / number / year)."),
)
mayor_decision_number_validator = RegexValidator(
    r"^\d{1,5}/\d{4}$",
    _("A Mayor's decision number looks like 1234/2023 (number / year)."),
)


class RegistryRecord(models.Model):
    """A record that the outside world names by a stable slug (URLs, commands, the exchange format)."""

    slug = models.SlugField(
        _("identifier"),
        max_length=64,
        unique=True,
        help_text=_("Stable identifier used in addresses, the API and the exchange format, e.g. nuremberg."),
    )
    sources = models.JSONField(
        _("sources"),
        default=list,
        blank=True,
        help_text=_("Where the facts come from: addresses or citations."),
    )
    placeholders = models.JSONField(
        _("placeholders"),
        default=list,
        blank=True,
        help_text=_(
            "Exchange-format keys of this record whose values are placeholders still to be verified."
        ),
    )

    class Meta:
        abstract = True

    def __str__(self):
        return self.slug
