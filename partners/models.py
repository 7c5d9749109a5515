from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.data import COUNTRIES
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from registry.models import LimitedTextField, RegistryRecord

from .choices import Continent
from .continents import continent_of

HOME_COUNTRY = "PL"


class PartnerCity(RegistryRecord):
    """A city abroad with which Krakow has, had or seeks a relation."""

    name_en = models.CharField(_("name in English"), max_length=120)
    name_pl = models.CharField(_("name in Polish"), max_length=120)
    country = CountryField(_("country"))
    continent_override = models.CharField(
        _("continent (override)"),
        max_length=16,
        choices=Continent.choices,
        blank=True,
        help_text=_(
            "Leave empty to use the country's continent; set it for a city in a transcontinental country."
        ),
    )
    # The effective continent, kept by save() so that filters and the agreements' cached copy (see
    # agreements.Agreement.continent) need no country lookup.
    continent = models.CharField(
        _("continent"), max_length=16, choices=Continent.choices, blank=True, editable=False
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-90)), MaxValueValidator(Decimal(90))],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-180)), MaxValueValidator(Decimal(180))],
    )
    is_capital = models.BooleanField(_("national capital"), default=False)
    website = models.URLField(_("website"), blank=True)
    description_en = LimitedTextField(_("public description in English"), blank=True)
    description_pl = LimitedTextField(_("public description in Polish"), blank=True)
    # The city's public relation is not stored: agreements.selectors.partner_city_public_relation() works it
    # out from its agreements and working documents whenever it is read.
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("partner city")
        verbose_name_plural = _("partner cities")
        ordering = ["name_en"]
        permissions = [("manage_city", _("Can manage the records of the city (assigned officer)"))]
        constraints = [
            models.CheckConstraint(
                condition=~Q(country=HOME_COUNTRY),
                name="%(app_label)s_%(class)s_abroad",
                violation_error_message=_("A partner city is always abroad, never in Poland."),
            ),
            models.CheckConstraint(
                condition=Q(country__in=list(COUNTRIES)),
                name="%(app_label)s_%(class)s_country_code",
                violation_error_message=_("The country must be an ISO 3166-1 alpha-2 code."),
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(
                    latitude__isnull=False,
                    longitude__isnull=False,
                    latitude__gte=-90,
                    latitude__lte=90,
                    longitude__gte=-180,
                    longitude__lte=180,
                ),
                name="%(app_label)s_%(class)s_coordinates",
                violation_error_message=_(
                    "Give both coordinates or neither: latitude −90…90 and longitude −180…180."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self):
        """The name in the active language."""
        return self.name_pl if get_language() == "pl" else self.name_en

    def effective_continent(self):
        return self.continent_override or continent_of(str(self.country)) or ""

    def clean(self):
        errors = {}
        if self.country == HOME_COUNTRY:
            errors["country"] = _("A partner city is always abroad, never in Poland.")
        if (self.latitude is None) != (self.longitude is None):
            errors["latitude"] = _("Give both coordinates or neither.")
        if self.country and not errors:
            self.continent = self.effective_continent()
            errors.update(self._conflicts_with_agreements())
        if errors:
            raise ValidationError(errors)

    def _conflicts_with_agreements(self):
        """A change of country or continent must not break a rule that the city's agreements obey."""
        if self.pk is None:
            return {}
        errors = {}
        for agreement in self.agreements.live():
            agreement.city = self
            try:
                agreement.validate_city_rules()
            except ValidationError as error:
                errors.setdefault("country", []).extend(error.messages)
        return errors

    def copy_fields_to_agreements(self):
        """Keep the agreements' cached copies of the country and continent in step; their database constraints
        rely on them (agreements.Agreement.country)."""
        self.agreements.exclude(country=self.country, continent=self.continent).update(
            country=self.country, continent=self.continent
        )

    def save(self, *args, **kwargs):
        self.continent = self.effective_continent()
        with transaction.atomic():
            super().save(*args, **kwargs)
            self.copy_fields_to_agreements()


class CountryAssignment(models.Model):
    """An officer responsible for every partner city of a country, present and future."""

    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="country_assignments",
        verbose_name=_("officer"),
    )
    country = CountryField(_("country"))

    class Meta:
        verbose_name = _("country assignment")
        verbose_name_plural = _("country assignments")
        constraints = [
            models.UniqueConstraint(fields=["officer", "country"], name="%(app_label)s_%(class)s_once"),
        ]

    def __str__(self):
        return f"{self.officer}: {self.country.name}"
