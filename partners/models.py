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
from registry.search import folded_names

from .choices import CityNameKind, Continent, ContinentBasis
from .continents import continent_of, decide_continent

HOME_COUNTRY = "PL"
OVERRIDE_WITH_REASON = _("A continent set by hand needs the reason, and a reason needs the continent.")


class PartnerCity(RegistryRecord):
    """A city abroad with which Krakow has, had or seeks a relation."""

    name_en = models.CharField(_("name in English"), max_length=120)
    name_pl = models.CharField(_("name in Polish"), max_length=120)
    name_native = models.CharField(
        _("name in its own language"),
        max_length=200,
        blank=True,
        help_text=_("In the city's own language and script, e.g. Київ, Nürnberg, 京都市."),
    )
    official_name_en = models.CharField(
        _("official name of the municipality in English"),
        max_length=300,
        blank=True,
        help_text=_("As a document must name the partner, e.g. the City of Nuremberg."),
    )
    official_name_pl = models.CharField(
        _("official name of the municipality in Polish"),
        max_length=300,
        blank=True,
        help_text=_("As a Polish document must name the partner, e.g. Miasto Norymberga."),
    )
    country = CountryField(_("country"))
    continent_override = models.CharField(
        _("continent (override)"),
        max_length=16,
        choices=Continent.choices,
        blank=True,
        help_text=_(
            "Leave empty to let the registry decide (docs/continents.md); set it, with the reason, only "
            "where the council decided otherwise."
        ),
    )
    continent_override_reason = models.CharField(
        _("reason for the override"),
        max_length=300,
        blank=True,
        help_text=_("Why the continent is set by hand: kept in the city's history."),
    )
    # The effective continent, kept by save() so that filters and the agreements' cached copy (see
    # agreements.Agreement.continent) need no country lookup.
    continent = models.CharField(
        _("continent"), max_length=16, choices=Continent.choices, blank=True, editable=False
    )
    # Every name of the city folded for searching (registry.search), kept by save() and by its other names'.
    search_names = LimitedTextField(editable=False, default="")
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
    history = HistoricalRecords(excluded_fields=["search_names"])

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
                condition=Q(continent_override="", continent_override_reason="")
                | (~Q(continent_override="") & ~Q(continent_override_reason="")),
                name="%(app_label)s_%(class)s_override_with_reason",
                violation_error_message=OVERRIDE_WITH_REASON,
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

    @property
    def official_name(self):
        """The municipality as a document in the active language must name it: its official name, or its name
        where none is recorded."""
        official = self.official_name_pl if get_language() == "pl" else self.official_name_en
        return official or self.name

    def continent_decision(self):
        """(continent, basis): how the registry places the city (partners.continents.decide_continent); the
        continent is "" where it cannot tell."""
        if not self.country or continent_of(str(self.country)) is None:
            return "", ContinentBasis.UNDECIDED
        return decide_continent(str(self.country), self.latitude, self.longitude, self.continent_override)

    def names(self):
        """Every name the city is known by: its own, its official ones and its other names."""
        names = [self.name_en, self.name_pl, self.name_native, self.official_name_en, self.official_name_pl]
        if self.pk is not None:
            names += self.other_names.values_list("name", flat=True)
        return names

    def refresh_search_names(self):
        self.search_names = folded_names(self.names())
        if self.pk is not None:
            PartnerCity.objects.filter(pk=self.pk).update(search_names=self.search_names)

    def clean(self):
        errors = {}
        if self.country == HOME_COUNTRY:
            errors["country"] = _("A partner city is always abroad, never in Poland.")
        if (self.latitude is None) != (self.longitude is None):
            errors["latitude"] = _("Give both coordinates or neither.")
        if bool(self.continent_override) != bool(self.continent_override_reason):
            errors["continent_override_reason"] = OVERRIDE_WITH_REASON
        if self.country and not errors:
            self.continent = self.continent_decision()[0]
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
        self.continent = self.continent_decision()[0]
        self.search_names = folded_names(self.names())
        with transaction.atomic():
            super().save(*args, **kwargs)
            self.copy_fields_to_agreements()


class CityName(models.Model):
    """Another name a partner city is or was known by: a former name, a spelling in another language."""

    city = models.ForeignKey(
        PartnerCity, models.CASCADE, related_name="other_names", verbose_name=_("partner city")
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=CityNameKind.choices)
    language = models.CharField(
        _("language"),
        max_length=12,
        blank=True,
        help_text=_("Its code, e.g. de, ru, la; empty for a name of no one language."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("other name")
        verbose_name_plural = _("other names")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["city", "name"], name="%(app_label)s_%(class)s_once_per_city"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        with transaction.atomic():
            super().save(*args, **kwargs)
            self.city.refresh_search_names()

    def delete(self, *args, **kwargs):
        with transaction.atomic():
            result = super().delete(*args, **kwargs)
            self.city.refresh_search_names()
        return result


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
