"""What the staff must do and when: follow-ups, and the secret calendar address that carries them out."""

import functools
import operator
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from registry.models import LimitedTextField, RegistryRecord

SOURCES = ("visit", "letter", "agreement", "membership")
MESSAGES = {
    "one_source": _(
        "A follow-up comes from one record at most: a visit, a letter, an agreement or a membership."
    ),
    "city_of_source": _("The follow-up's city must be the city of the record it comes from."),
    "owner_is_staff": _("The owner is a member of the staff."),
}


def at_most_one_source():
    """Condition: no two of the source fields are set."""
    pairs = [(a, b) for i, a in enumerate(SOURCES) for b in SOURCES[i + 1 :]]
    return ~functools.reduce(
        operator.or_, (Q(**{f"{a}__isnull": False, f"{b}__isnull": False}) for a, b in pairs)
    )


class FollowUp(RegistryRecord):
    """A task a visit, a letter, an agreement or a membership leaves: what, by when, and who does it."""

    title = models.CharField(_("task"), max_length=300)
    due_on = models.DateField(_("due on"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="follow_ups",
        verbose_name=_("owner"),
        limit_choices_to={"is_staff": True, "is_active": True},
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    city = models.ForeignKey(
        "partners.PartnerCity",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="follow_ups",
        verbose_name=_("partner city"),
        help_text=_("Taken from the record it comes from where that has one city."),
    )
    visit = models.ForeignKey(
        "visits.Visit",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="follow_ups",
        verbose_name=_("visit"),
    )
    letter = models.ForeignKey(
        "correspondence.Letter",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="follow_ups",
        verbose_name=_("letter"),
    )
    agreement = models.ForeignKey(
        "agreements.Agreement",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="follow_ups",
        verbose_name=_("agreement"),
    )
    membership = models.ForeignKey(
        "memberships.Membership",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="follow_ups",
        verbose_name=_("membership"),
    )
    notes = LimitedTextField(_("notes"), blank=True)
    is_example = models.BooleanField(
        _("example"),
        default=False,
        help_text=_("Made up to show what the registry does (in the demo registry)."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["done_on", "due_on", "slug"]
        indexes = [models.Index(fields=["owner", "due_on"], name="followup_owner_due_on")]
        constraints = [
            models.CheckConstraint(
                condition=at_most_one_source(),
                name="%(app_label)s_%(class)s_one_source",
                violation_error_message=MESSAGES["one_source"],
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def source(self):
        return next((getattr(self, name) for name in SOURCES if getattr(self, f"{name}_id")), None)

    def source_city_ids(self):
        """The cities of the record it comes from (None where it comes from none, or from a membership)."""
        source = self.source
        if source is None or isinstance(source, self._meta.get_field("membership").related_model):
            return None
        if hasattr(source, "city_id"):
            return {source.city_id} - {None}
        return set(source.cities.values_list("pk", flat=True)) if source.pk else set()

    def clean(self):
        # Two sources are refused by the constraint one_source, which full_clean() checks after this.
        errors = {}
        if (cities := self.source_city_ids()) is not None:
            if self.city_id is None and len(cities) == 1:
                self.city_id = next(iter(cities))
            elif self.city_id is not None and cities and self.city_id not in cities:
                errors["city"] = MESSAGES["city_of_source"]
        if self.owner_id is not None and not self.owner.is_staff:
            errors["owner"] = MESSAGES["owner_is_staff"]
        if errors:
            raise ValidationError(errors)


def new_calendar_token():
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A staff user's secret calendar address: whoever holds it reads their agenda; revoking deletes it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="calendar_feed", verbose_name=_("user")
    )
    token = models.CharField(
        _("secret"), max_length=64, unique=True, default=new_calendar_token, editable=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_read_at = models.DateTimeField(_("last read at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("calendar address")
        verbose_name_plural = _("calendar addresses")

    def __str__(self):
        return str(self.user)
