"""The bodies that tools 4 and 10 of the policy work with: diplomatic posts and cultural institutes, and the
organisations of the Polish communities abroad."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from registry.models import LimitedTextField, RegistryRecord

from .choices import PostKind

HOME_COUNTRY = "PL"
MESSAGES = {
    "post_of_another_state": _(
        "A post represents one state in another: the state it represents and the country it is in differ."
    ),
    "post_involves_poland": _(
        "The registry keeps Poland's posts abroad and foreign posts in Poland: one of the two countries is "
        "Poland."
    ),
    "city_in_country": _("The partner city is in another country than the body."),
    "abroad": _("A Polish community organisation abroad is outside Poland."),
}


class Body(RegistryRecord):
    """A body abroad or in Krakow, named in both languages; each kind says which partner city it may be in."""

    name_en = models.CharField(_("name in English"), max_length=200)
    name_pl = models.CharField(_("name in Polish"), max_length=200)
    country = CountryField(_("country"), help_text=_("Where the body is."))
    locality = models.CharField(_("town"), max_length=120)
    address = models.CharField(_("address"), max_length=300, blank=True)
    website = models.URLField(_("website"), blank=True)
    notes = LimitedTextField(_("internal notes"), blank=True)
    is_example = models.BooleanField(
        _("example"),
        default=False,
        help_text=_("Made up to show what the registry does (in the demo registry), not a fact."),
    )

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    @property
    def name(self):
        return self.name_pl if get_language() == "pl" else self.name_en

    def clean(self):
        if self.city is not None and self.country and self.city.country != self.country:
            raise ValidationError({"city": MESSAGES["city_in_country"]})


class DiplomaticPost(Body):
    """A diplomatic or consular post, or a cultural institute (tool 10): Poland's abroad or another state's
    in Poland, such as the Consulate General of Germany in Krakow."""

    kind = models.CharField(_("kind"), max_length=24, choices=PostKind.choices)
    represents = CountryField(_("state it represents"))
    city = models.ForeignKey(
        "partners.PartnerCity",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="diplomatic_posts",
        verbose_name=_("partner city"),
        help_text=_("The partner city the post is in, if it is in one."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("diplomatic post or cultural institute")
        verbose_name_plural = _("diplomatic posts and cultural institutes")
        ordering = ["name_en"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(represents=F("country")),
                name="%(app_label)s_%(class)s_of_another_state",
                violation_error_message=MESSAGES["post_of_another_state"],
            ),
            models.CheckConstraint(
                condition=Q(represents=HOME_COUNTRY) | Q(country=HOME_COUNTRY),
                name="%(app_label)s_%(class)s_involves_poland",
                violation_error_message=MESSAGES["post_involves_poland"],
            ),
        ]

    def clean(self):
        errors = {}
        if self.represents and self.represents == self.country:
            errors["represents"] = MESSAGES["post_of_another_state"]
        elif self.represents and self.country and HOME_COUNTRY not in (self.represents, self.country):
            errors["represents"] = MESSAGES["post_involves_poland"]
        try:
            super().clean()
        except ValidationError as error:
            errors.update(error.message_dict)
        if errors:
            raise ValidationError(errors)


class PolishOrganisation(Body):
    """An organisation of a Polish community abroad (tool 4), such as a Polish association in a partner
    city."""

    city = models.ForeignKey(
        "partners.PartnerCity",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="polish_organisations",
        verbose_name=_("partner city"),
        help_text=_("The partner city the organisation is in, if it is in one."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Polish community organisation")
        verbose_name_plural = _("Polish community organisations")
        ordering = ["name_en"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(country=HOME_COUNTRY),
                name="%(app_label)s_%(class)s_abroad",
                violation_error_message=MESSAGES["abroad"],
            ),
        ]

    def clean(self):
        if self.country == HOME_COUNTRY:
            raise ValidationError({"country": MESSAGES["abroad"]})
        super().clean()
