"""Letters and e-mails in and out. Never public: they name people and carry what was said in confidence."""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from registry.models import LimitedTextField, RegistryRecord

from .choices import Direction, Medium

MESSAGES = {
    "sender": _("Name the sender: a person, a body, or both."),
    "recipient": _("Name the recipient: a person, a body, or both."),
    "reply_of_same_city": _("A reply answers a letter of the same city."),
    "reply_after_letter": _("A reply cannot be dated before the letter it answers."),
    "reply_not_itself": _("A letter cannot answer itself."),
    "agreement_of_city": _("The agreement is another city's: choose the letter's city first."),
}


def party_named(party):
    return Q(**{f"{party}_contact__isnull": False}) | ~Q(**{party: ""})


class Letter(RegistryRecord):
    """A letter or e-mail: its sender and recipient, what it concerns and its number in the city's document
    system (EZD)."""

    direction = models.CharField(_("direction"), max_length=16, choices=Direction.choices)
    medium = models.CharField(_("medium"), max_length=16, choices=Medium.choices, default=Medium.LETTER)
    dated = models.DateField(_("date"))
    sender = models.CharField(
        _("sender"), max_length=200, blank=True, help_text=_("A body, or a person not among the people.")
    )
    sender_contact = models.ForeignKey(
        "contacts.Contact",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="letters_sent",
        verbose_name=_("sender (person)"),
    )
    recipient = models.CharField(
        _("recipient"), max_length=200, blank=True, help_text=_("A body, or a person not among the people.")
    )
    recipient_contact = models.ForeignKey(
        "contacts.Contact",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="letters_received",
        verbose_name=_("recipient (person)"),
    )
    subject = models.CharField(_("subject"), max_length=300)
    summary = LimitedTextField(_("summary"), blank=True)
    reference_number = models.CharField(
        _("reference number"),
        max_length=60,
        blank=True,
        help_text=_("The case number in the city's document system, e.g. KS-I.0012.3.2026."),
    )
    city = models.ForeignKey(
        "partners.PartnerCity",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="letters",
        verbose_name=_("partner city"),
    )
    agreement = models.ForeignKey(
        "agreements.Agreement",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="letters",
        verbose_name=_("agreement"),
    )
    project = models.ForeignKey(
        "programmes.ProgrammeParticipation",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="letters",
        verbose_name=_("EU programme participation"),
    )
    membership = models.ForeignKey(
        "memberships.Membership",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="letters",
        verbose_name=_("membership"),
    )
    in_reply_to = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("in reply to"),
    )
    is_example = models.BooleanField(
        _("example"),
        default=False,
        help_text=_("Made up to show what the registry does (in the demo registry)."),
    )

    attachments = GenericRelation("registry.Attachment")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("letter")
        verbose_name_plural = _("correspondence")
        ordering = ["-dated", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=party_named("sender"),
                name="%(app_label)s_%(class)s_sender",
                violation_error_message=MESSAGES["sender"],
            ),
            models.CheckConstraint(
                condition=party_named("recipient"),
                name="%(app_label)s_%(class)s_recipient",
                violation_error_message=MESSAGES["recipient"],
            ),
            models.CheckConstraint(
                condition=Q(in_reply_to__isnull=True) | ~Q(in_reply_to=models.F("pk")),
                name="%(app_label)s_%(class)s_reply_not_itself",
                violation_error_message=MESSAGES["reply_not_itself"],
            ),
        ]

    def __str__(self):
        return f"{self.dated:%Y-%m-%d} {self.subject}"

    def clean(self):
        errors = {}
        for party in ("sender", "recipient"):
            if not (getattr(self, party) or getattr(self, f"{party}_contact_id")):
                errors[party] = MESSAGES[party]
        answered = self.in_reply_to
        if answered is not None:
            if self.pk is not None and answered.pk == self.pk:
                errors["in_reply_to"] = MESSAGES["reply_not_itself"]
            elif answered.city_id != self.city_id:
                errors["in_reply_to"] = MESSAGES["reply_of_same_city"]
            elif self.dated and answered.dated > self.dated:
                errors["in_reply_to"] = MESSAGES["reply_after_letter"]
        if self.agreement is not None and self.agreement.city_id != self.city_id:
            errors["agreement"] = MESSAGES["agreement_of_city"]
        if errors:
            raise ValidationError(errors)
