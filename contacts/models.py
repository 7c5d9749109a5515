"""The people the international relations staff work with: personal data, never public (README, People)."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from registry.models import LimitedTextField, RegistryRecord

from .choices import LawfulBasis, OrganisationKind

languages_validator = RegexValidator(
    r"^[a-z]{2,3}(, ?[a-z]{2,3})*$",
    _("Language codes separated by commas, e.g. de, en, pl."),
)
phone_validator = RegexValidator(
    r"^\+?[0-9 ()./-]{5,30}$",
    _("A telephone number of digits, spaces and + ( ) . / -, e.g. +49 911 231 0."),
)


class Contact(RegistryRecord):
    """A person: at a partner city's office, an association, a post or an agency, or on Krakow's side."""

    full_name = models.CharField(_("full name"), max_length=200)
    position = models.CharField(
        _("role"), max_length=200, blank=True, help_text=_("E.g. head of the international relations office.")
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    organisation_kind = models.CharField(
        _("kind of organisation"), max_length=24, choices=OrganisationKind.choices, blank=True
    )
    languages = models.CharField(
        _("languages"),
        max_length=60,
        blank=True,
        validators=[languages_validator],
        help_text=_("E.g. de, en."),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=30, blank=True, validators=[phone_validator])
    cities = models.ManyToManyField(
        "partners.PartnerCity",
        blank=True,
        related_name="contacts",
        verbose_name=_("partner cities"),
        help_text=_(
            "The cities the person is a contact for: the officers of these cities see and edit them."
        ),
    )
    agreements = models.ManyToManyField(
        "agreements.Agreement", blank=True, related_name="contacts", verbose_name=_("agreements")
    )
    projects = models.ManyToManyField(
        "programmes.ProgrammeParticipation",
        blank=True,
        related_name="contacts",
        verbose_name=_("EU programme participations"),
    )
    associations = models.ManyToManyField(
        "memberships.Association", blank=True, related_name="contacts", verbose_name=_("associations")
    )
    agency = models.ForeignKey(
        "memberships.Agency",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name=_("agency abroad"),
    )
    diplomatic_post = models.ForeignKey(
        "institutions.DiplomaticPost",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name=_("diplomatic post or cultural institute"),
    )
    polish_organisation = models.ForeignKey(
        "institutions.PolishOrganisation",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name=_("Polish community organisation"),
    )
    lawful_basis = models.CharField(
        _("lawful basis"),
        max_length=24,
        choices=LawfulBasis.choices,
        help_text=_("Why the registry may hold the person's data (Art. 6 GDPR)."),
    )
    lawful_basis_note = models.CharField(
        _("lawful basis: details"),
        max_length=300,
        blank=True,
        help_text=_("E.g. where and when the person consented."),
    )
    review_on = models.DateField(
        _("review on"),
        help_text=_("When to check that the data are still needed and correct, or erase them."),
    )
    notes = LimitedTextField(_("internal notes"), blank=True)
    is_example = models.BooleanField(
        _("example"),
        default=False,
        help_text=_("Made up to show what the registry does (in the demo registry): not a real person."),
    )

    history = HistoricalRecords(m2m_fields=[cities, agreements, projects, associations])

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name"]

    def __str__(self):
        return f"{self.full_name} ({self.organisation})" if self.organisation else self.full_name
