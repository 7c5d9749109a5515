import datetime
from calendar import monthrange

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from registry.models import (
    CouncilResolved,
    LimitedTextField,
    RegistryRecord,
    given_together,
    in_order,
    not_after,
    not_recorded_field,
)
from registry.money import currency_field, money
from registry.partial_dates import may_precede, precision_constraints, precision_field

from .choices import AssociationKind

MESSAGES = {
    "approval_complete": _(
        "The Minister of Foreign Affairs' approval needs both its reference and its date."
    ),
    "joined_needs_resolution_and_approval": _(
        "Krakow joins an association of local and regional communities only by a City Council resolution "
        "and after the approval of the Minister of Foreign Affairs: record both, or why each is not recorded."
    ),
    "joined_after_resolution": _(
        "Krakow cannot join before the City Council's resolution, unless it is a founder member."
    ),
    "one_resolution": _("Give the City Council's resolution or why it is not recorded, not both."),
    "one_approval": _("Give the Minister's approval or why it is not recorded, not both."),
    "joined_after_approval": _(
        "Krakow cannot join before the Minister of Foreign Affairs' approval, unless it is a founder member."
    ),
    "approval_after_resolution": _(
        "The Minister of Foreign Affairs approves what the City Council resolved: the approval cannot be "
        "dated before the resolution."
    ),
    "not_in_future": _("This date cannot be in the future."),
    "left_after_joined": _("Krakow can leave only after it joined."),
    "closed_after_opened": _("An agency cannot close before it opened."),
    "fee_due_day": _("The fee's due day needs both a month and a day that the calendar has, e.g. 31 March."),
}


class Association(RegistryRecord):
    """An international association of cities and regions that Krakow belongs or belonged to."""

    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=24, choices=AssociationKind.choices)
    website = models.URLField(_("website"), blank=True)
    member_cities = models.ManyToManyField(
        "partners.PartnerCity",
        blank=True,
        related_name="associations",
        verbose_name=_("partner cities that are members too"),
    )
    history = HistoricalRecords(m2m_fields=[member_cities])

    class Meta:
        verbose_name = _("association")
        verbose_name_plural = _("associations")
        ordering = ["name"]

    def __str__(self):
        return self.acronym or self.name


class Membership(RegistryRecord, CouncilResolved):
    """Krakow's membership of an association: by a City Council resolution, after the Minister's approval."""

    association = models.ForeignKey(
        Association, models.PROTECT, related_name="memberships", verbose_name=_("association")
    )
    mfa_approval_reference = models.CharField(
        _("Minister of Foreign Affairs' approval reference"), max_length=60, blank=True
    )
    mfa_approval_date = models.DateField(
        _("Minister of Foreign Affairs' approval date"), null=True, blank=True
    )
    mfa_approval_date_precision = precision_field()
    resolution_not_recorded = not_recorded_field(
        _("resolution not recorded: why"),
        _("For an old membership whose City Council resolution the registry does not hold."),
    )
    approval_not_recorded = not_recorded_field(
        _("Minister's approval not recorded: why"),
        _("For an old membership whose approval the registry does not hold."),
    )
    is_founder = models.BooleanField(
        _("founder member"),
        default=False,
        help_text=_(
            "Krakow founded the association: a member from its founding, before any formal accession."
        ),
    )
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    joined_on_precision = precision_field()
    left_on = models.DateField(_("left on"), null=True, blank=True)
    left_on_precision = precision_field()
    annual_fee = models.DecimalField(
        _("annual fee"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    fee_currency = currency_field(_("currency of the fee"))
    fee_due_month = models.PositiveSmallIntegerField(
        _("fee due: month"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("The fee falls due every year on this month and day (reminders)."),
    )
    fee_due_day = models.PositiveSmallIntegerField(
        _("fee due: day"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    representative = models.CharField(_("Krakow's representative"), max_length=200, blank=True)
    is_public = models.BooleanField(_("public"), default=True)
    notes = LimitedTextField(_("internal notes"), blank=True)

    attachments = GenericRelation("registry.Attachment")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["association__name", "-joined_on"]
        constraints = [
            *CouncilResolved.Meta.constraints,
            *precision_constraints("mfa_approval_date", "joined_on", "left_on"),
            models.CheckConstraint(
                condition=given_together("mfa_approval_reference", "mfa_approval_date"),
                name="%(app_label)s_%(class)s_approval_complete",
                violation_error_message=MESSAGES["approval_complete"],
            ),
            models.CheckConstraint(
                condition=not_after("resolution_date", "mfa_approval_date", partial=True),
                name="%(app_label)s_%(class)s_approval_after_resolution",
                violation_error_message=MESSAGES["approval_after_resolution"],
            ),
            models.CheckConstraint(
                condition=Q(resolution_date__isnull=True) | Q(resolution_not_recorded=""),
                name="%(app_label)s_%(class)s_one_resolution",
                violation_error_message=MESSAGES["one_resolution"],
            ),
            models.CheckConstraint(
                condition=Q(mfa_approval_date__isnull=True) | Q(approval_not_recorded=""),
                name="%(app_label)s_%(class)s_one_approval",
                violation_error_message=MESSAGES["one_approval"],
            ),
            models.CheckConstraint(
                condition=Q(is_founder=True) | not_after("mfa_approval_date", "joined_on", partial=True),
                name="%(app_label)s_%(class)s_joined_after_approval",
                violation_error_message=MESSAGES["joined_after_approval"],
            ),
            models.CheckConstraint(
                condition=Q(is_founder=True) | not_after("resolution_date", "joined_on", partial=True),
                name="%(app_label)s_%(class)s_joined_after_resolution",
                violation_error_message=MESSAGES["joined_after_resolution"],
            ),
            models.CheckConstraint(
                condition=in_order("joined_on", "left_on", partial=True),
                name="%(app_label)s_%(class)s_left_after_joined",
                violation_error_message=MESSAGES["left_after_joined"],
            ),
            models.CheckConstraint(
                condition=Q(fee_due_month__isnull=True, fee_due_day__isnull=True)
                | Q(
                    fee_due_month__isnull=False,
                    fee_due_day__isnull=False,
                    fee_due_month__gte=1,
                    fee_due_month__lte=12,
                    fee_due_day__gte=1,
                    fee_due_day__lte=31,
                ),
                name="%(app_label)s_%(class)s_fee_due_day",
                violation_error_message=MESSAGES["fee_due_day"],
            ),
        ]

    def __str__(self):
        return str(self.association)

    @property
    def annual_fee_money(self):
        return money(self, "annual_fee", "fee_currency")

    @property
    def is_active(self):
        return self.joined_on is not None and self.left_on is None

    def clean(self):
        errors = self.resolution_errors()
        today = timezone.localdate()
        for field in ("mfa_approval_date", "joined_on", "left_on"):
            if getattr(self, field) and getattr(self, field) > today:
                errors.setdefault(field, MESSAGES["not_in_future"])
        if bool(self.mfa_approval_reference) != (self.mfa_approval_date is not None):
            errors["mfa_approval_date"] = MESSAGES["approval_complete"]
        elif "mfa_approval_date" not in errors and not may_precede(
            self.known_date("resolution_date"), self.known_date("mfa_approval_date")
        ):
            errors["mfa_approval_date"] = MESSAGES["approval_after_resolution"]
        if self.resolution_date and self.resolution_not_recorded:
            errors["resolution_not_recorded"] = MESSAGES["one_resolution"]
        if self.mfa_approval_date and self.approval_not_recorded:
            errors["approval_not_recorded"] = MESSAGES["one_approval"]
        if self.joined_on and not errors:
            errors.update(self._joining_errors())
        if (self.fee_due_month is None) != (self.fee_due_day is None) or not self.fee_due_exists():
            errors["fee_due_day"] = MESSAGES["fee_due_day"]
        joined, left = self.known_date("joined_on"), self.known_date("left_on")
        if left and not (joined and may_precede(joined, left)):
            errors["left_on"] = MESSAGES["left_after_joined"]
        if errors:
            raise ValidationError(errors)

    def fee_due_exists(self):
        """Whether the fee's month and day name a day of the calendar (29 February of a leap year counts)."""
        if self.fee_due_month is None or self.fee_due_day is None:
            return True
        try:
            datetime.date(2000, self.fee_due_month, self.fee_due_day)
        except ValueError:
            return False
        return True

    def fee_due_after(self, day):
        """The first day on or after `day` when the fee falls due, or None where no due day is recorded.

        A fee due on 29 February falls due on 28 February in the other years.
        """
        if self.fee_due_month is None or self.fee_due_day is None:
            return None
        for year in (day.year, day.year + 1):
            due = datetime.date(
                year, self.fee_due_month, min(self.fee_due_day, monthrange(year, self.fee_due_month)[1])
            )
            if due >= day:
                return due
        return None

    def _joining_errors(self):
        # Joining an association of local and regional communities is formal (the council's resolution, the
        # Minister's approval); a political association of cities in EU thematic programmes is not.
        formal = self.association_id is None or self.association.kind == AssociationKind.LOCAL_AND_REGIONAL
        resolved = self.resolution_date or self.resolution_not_recorded
        approved = self.mfa_approval_date or self.approval_not_recorded
        if formal and not (resolved and approved):
            return {"joined_on": MESSAGES["joined_needs_resolution_and_approval"]}
        if self.is_founder:
            return {}
        joined = self.known_date("joined_on")
        if not may_precede(self.known_date("mfa_approval_date"), joined):
            return {"joined_on": MESSAGES["joined_after_approval"]}
        if not may_precede(self.known_date("resolution_date"), joined):
            return {"joined_on": MESSAGES["joined_after_resolution"]}
        return {}


class Agency(RegistryRecord):
    """A municipal agency of Krakow abroad (tool 9 of the policy), such as Krakow House in Nuremberg."""

    name_en = models.CharField(_("name in English"), max_length=200)
    name_pl = models.CharField(_("name in Polish"), max_length=200)
    country = CountryField(_("country"))
    locality = models.CharField(_("town"), max_length=120)
    city = models.ForeignKey(
        "partners.PartnerCity",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="agencies",
        verbose_name=_("partner city"),
        help_text=_("The partner city the agency is in, if it is in one."),
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    website = models.URLField(_("website"), blank=True)
    opened_on = models.DateField(_("opened on"), null=True, blank=True)
    opened_on_precision = precision_field()
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closed_on_precision = precision_field()

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agency abroad")
        verbose_name_plural = _("agencies abroad")
        ordering = ["name_en"]
        constraints = [
            *precision_constraints("opened_on", "closed_on"),
            models.CheckConstraint(
                condition=in_order("opened_on", "closed_on", partial=True),
                name="%(app_label)s_%(class)s_closed_after_opened",
                violation_error_message=MESSAGES["closed_after_opened"],
            ),
            models.CheckConstraint(
                condition=~Q(country="PL"),
                name="%(app_label)s_%(class)s_abroad",
                violation_error_message=_("An agency abroad is outside Poland."),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return self.name_pl if get_language() == "pl" else self.name_en

    def clean(self):
        errors = {}
        opened, closed = self.known_date("opened_on"), self.known_date("closed_on")
        if closed and not (opened and may_precede(opened, closed)):
            errors["closed_on"] = MESSAGES["closed_after_opened"]
        if self.country == "PL":
            errors["country"] = _("An agency abroad is outside Poland.")
        elif self.city is not None and self.city.country != self.country:
            errors["city"] = _("The partner city is in another country than the agency.")
        if errors:
            raise ValidationError(errors)
