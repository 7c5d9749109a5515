"""Visits and delegations, incoming and outgoing: the bread and butter of the policy's tools."""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from registry.models import LimitedTextField, RegistryRecord, in_order
from registry.partial_dates import may_precede, precision_constraints, precision_field

from .choices import Direction, Level

MESSAGES = {
    "ends_after_start": _("The end cannot be before the start."),
    "example_never_public": _("An example is not a fact: it is never public."),
}


class Visit(RegistryRecord):
    """A delegation to Krakow or Krakow's abroad: who went, where, what it served and what came of it.

    The members are people (contacts.Contact) or named in `other_members`: personal data, never public even
    when the visit is.
    """

    title = models.CharField(_("title"), max_length=300)
    direction = models.CharField(_("direction"), max_length=16, choices=Direction.choices)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    starts_on = models.DateField(_("starts on"))
    starts_on_precision = precision_field()
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    ends_on_precision = precision_field()
    cities = models.ManyToManyField(
        "partners.PartnerCity", blank=True, related_name="visits", verbose_name=_("partner cities")
    )
    members = models.ManyToManyField(
        "contacts.Contact", blank=True, related_name="visits", verbose_name=_("members (people)")
    )
    other_members = LimitedTextField(
        _("other members"),
        max_length=2000,
        blank=True,
        help_text=_("Members who are not among the people, one per line with their role."),
    )
    agreement = models.ForeignKey(
        "agreements.Agreement",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="visits",
        verbose_name=_("agreement it served"),
    )
    project = models.ForeignKey(
        "programmes.ProgrammeParticipation",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="visits",
        verbose_name=_("EU project it served"),
    )
    programme = LimitedTextField(_("programme"), blank=True)
    outcome = LimitedTextField(_("outcome"), blank=True, help_text=_("What was agreed and what must follow."))
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Shown on the city's public page (never its members).")
    )
    is_example = models.BooleanField(
        _("example"),
        default=False,
        help_text=_(
            "Made up to show what the registry does (in the demo registry), not a fact: never public."
        ),
    )

    attachments = GenericRelation("registry.Attachment")
    history = HistoricalRecords(m2m_fields=[cities, members])

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["-starts_on", "slug"]
        constraints = [
            *precision_constraints("starts_on", "ends_on"),
            models.CheckConstraint(
                condition=in_order("starts_on", "ends_on", partial=True),
                name="%(app_label)s_%(class)s_ends_after_start",
                violation_error_message=MESSAGES["ends_after_start"],
            ),
            models.CheckConstraint(
                condition=Q(is_example=False) | Q(is_public=False),
                name="%(app_label)s_%(class)s_example_never_public",
                violation_error_message=MESSAGES["example_never_public"],
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if not may_precede(self.known_date("starts_on"), self.known_date("ends_on")):
            errors["ends_on"] = MESSAGES["ends_after_start"]
        if self.is_example and self.is_public:
            errors["is_public"] = MESSAGES["example_never_public"]
        if errors:
            raise ValidationError(errors)
