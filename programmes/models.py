from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from registry.choices import PolicyTool
from registry.models import (
    LimitedTextField,
    RegistryRecord,
    decision_year,
    given_together,
    in_order,
    mayor_decision_number_validator,
    not_after,
    not_recorded_field,
    number_of_another_year,
)
from registry.money import currency_field, money
from registry.partial_dates import may_precede, precision_constraints, precision_field

from .choices import District, ParticipationRole, Programme

MESSAGES = {
    "decision_complete": _("The Mayor's decision needs both its number and its date."),
    "decision_required": _(
        "An EU programme participation starts only by a decision of the Mayor of Krakow: give it, or say why "
        "it is not recorded."
    ),
    "one_decision": _("Give the Mayor's decision or why it is not recorded, not both."),
    "example_never_public": _("An example is not a fact: it is never public."),
    "ends_after_start": _("The end cannot be before the start."),
    "end_needs_start": _("An end date needs a start date."),
    "share_within_budget": _("Krakow's share cannot exceed the project's budget."),
    "decision_in_future": _("A Mayor's decision cannot be dated in the future."),
    "decision_of_another_year": _("Decision %(number)s is of %(year)s, but its date is in %(date_year)s."),
    "decision_before_start": _(
        "The Mayor's decision starts the participation: it cannot be dated after the participation starts."
    ),
}


def money_field(verbose_name):
    return models.DecimalField(
        verbose_name,
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )


class ProgrammeParticipation(RegistryRecord):
    """Krakow's part in a project of an EU programme, begun by a decision (zarządzenie) of the Mayor."""

    programme = models.CharField(_("programme"), max_length=24, choices=Programme.choices)
    project = models.CharField(_("project"), max_length=300)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    role = models.CharField(
        _("Krakow's role"),
        max_length=24,
        choices=ParticipationRole.choices,
        default=ParticipationRole.PARTNER,
    )
    decision_number = models.CharField(
        _("Mayor's decision number"),
        max_length=16,
        blank=True,
        validators=[mayor_decision_number_validator],
        help_text=_("For example 1234/2023."),
    )
    decision_date = models.DateField(_("Mayor's decision date"), null=True, blank=True)
    decision_date_precision = precision_field()
    decision_not_recorded = not_recorded_field(
        _("decision not recorded: why"),
        _("For a participation whose Mayor's decision the registry does not hold: why it is missing."),
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    starts_on_precision = precision_field()
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    ends_on_precision = precision_field()
    budget = money_field(_("budget"))
    krakow_share = money_field(_("Krakow's share"))
    currency = currency_field(_("currency of the budget and share"))
    cities = models.ManyToManyField(
        "partners.PartnerCity",
        blank=True,
        related_name="programme_participations",
        verbose_name=_("partner cities"),
    )
    website = models.URLField(_("website"), blank=True)
    is_public = models.BooleanField(_("public"), default=True)
    notes = LimitedTextField(_("internal notes"), blank=True)

    attachments = GenericRelation("registry.Attachment")
    history = HistoricalRecords(m2m_fields=[cities])

    class Meta:
        verbose_name = _("EU programme participation")
        verbose_name_plural = _("EU programme participations")
        ordering = ["-starts_on", "slug"]
        constraints = [
            *precision_constraints("decision_date", "starts_on", "ends_on"),
            models.CheckConstraint(
                condition=given_together("decision_number", "decision_date"),
                name="%(app_label)s_%(class)s_decision_complete",
                violation_error_message=MESSAGES["decision_complete"],
            ),
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(decision_date__isnull=False)
                | ~Q(decision_not_recorded=""),
                name="%(app_label)s_%(class)s_decision_required",
                violation_error_message=MESSAGES["decision_required"],
            ),
            models.CheckConstraint(
                condition=Q(decision_date__isnull=True) | Q(decision_not_recorded=""),
                name="%(app_label)s_%(class)s_one_decision",
                violation_error_message=MESSAGES["one_decision"],
            ),
            models.CheckConstraint(
                condition=not_after("decision_date", "starts_on", partial=True),
                name="%(app_label)s_%(class)s_decision_before_start",
                violation_error_message=MESSAGES["decision_before_start"],
            ),
            models.CheckConstraint(
                condition=in_order("starts_on", "ends_on", partial=True),
                name="%(app_label)s_%(class)s_ends_after_start",
                violation_error_message=MESSAGES["ends_after_start"],
            ),
            models.CheckConstraint(
                condition=Q(budget__isnull=True)
                | Q(krakow_share__isnull=True)
                | Q(krakow_share__lte=F("budget")),
                name="%(app_label)s_%(class)s_share_within_budget",
                violation_error_message=MESSAGES["share_within_budget"],
            ),
        ]

    def __str__(self):
        return f"{self.get_programme_display()}: {self.acronym or self.project}"

    @property
    def budget_money(self):
        return money(self, "budget", "currency")

    @property
    def krakow_share_money(self):
        return money(self, "krakow_share", "currency")

    def clean(self):
        errors = {}
        starts, ends = self.known_date("starts_on"), self.known_date("ends_on")
        if bool(self.decision_number) != (self.decision_date is not None):
            errors["decision_date"] = MESSAGES["decision_complete"]
        elif self.decision_date and self.decision_not_recorded:
            errors["decision_not_recorded"] = MESSAGES["one_decision"]
        elif starts and not (self.decision_date or self.decision_not_recorded):
            errors["decision_number"] = MESSAGES["decision_required"]
        elif self.decision_date and self.decision_date > timezone.localdate():
            errors["decision_date"] = MESSAGES["decision_in_future"]
        elif year := number_of_another_year(
            self.decision_number, mayor_decision_number_validator, decision_year, self.decision_date
        ):
            errors["decision_date"] = MESSAGES["decision_of_another_year"] % {
                "number": self.decision_number,
                "year": year,
                "date_year": self.decision_date.year,
            }
        elif not may_precede(self.known_date("decision_date"), starts):
            errors["decision_date"] = MESSAGES["decision_before_start"]
        if ends and not starts:
            errors["ends_on"] = MESSAGES["end_needs_start"]
        elif not may_precede(starts, ends):
            errors["ends_on"] = MESSAGES["ends_after_start"]
        if self.budget is not None and self.krakow_share is not None and self.krakow_share > self.budget:
            errors["krakow_share"] = MESSAGES["share_within_budget"]
        if errors:
            raise ValidationError(errors)


# The body an activity may belong to, and the tool of the policy that works with such bodies.
BODY_TOOLS = {
    "polish_organisation": PolicyTool.POLISH_COMMUNITIES,
    "project": PolicyTool.INTERNATIONAL_PROGRAMMES,
    "agency": PolicyTool.AGENCIES_ABROAD,
    "diplomatic_post": PolicyTool.DIPLOMATIC_POSTS,
    "association": PolicyTool.CITY_NETWORKS,
}


TITLE_MISSING = _("An activity has a title in Polish, in English or in both.")


def body_of_another_tool(tool):
    return format_lazy(
        _("Only an activity of tool {number} ({tool}) can belong to this body."),
        number=int(tool),
        tool=PolicyTool(tool).label,
    )


class Activity(RegistryRecord):
    """One use of the fifteen tools of the municipal foreign policy: an event, a mission, a project."""

    tool = models.PositiveSmallIntegerField(_("tool of the foreign policy"), choices=PolicyTool.choices)
    # The public site speaks Polish and English; a title known in one language only is shown in it, marked as
    # such, on the other language's page, and a public activity needs both (clean()).
    title_pl = models.CharField(_("title in Polish"), max_length=300, blank=True)
    title_en = models.CharField(_("title in English"), max_length=300, blank=True)
    starts_on = models.DateField(_("starts on"))
    starts_on_precision = precision_field()
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    ends_on_precision = precision_field()
    cities = models.ManyToManyField(
        "partners.PartnerCity", blank=True, related_name="activities", verbose_name=_("partner cities")
    )
    district = models.PositiveSmallIntegerField(
        _("Krakow district"), choices=District.choices, null=True, blank=True
    )
    organisers = models.CharField(_("organisers"), max_length=300, blank=True)
    # What the activity belongs to besides cities, as its tool implies (BODY_TOOLS).
    agency = models.ForeignKey(
        "memberships.Agency",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("agency abroad"),
    )
    association = models.ForeignKey(
        "memberships.Association",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("association"),
    )
    project = models.ForeignKey(
        ProgrammeParticipation,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("EU programme participation"),
    )
    diplomatic_post = models.ForeignKey(
        "institutions.DiplomaticPost",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("diplomatic post or cultural institute"),
    )
    polish_organisation = models.ForeignKey(
        "institutions.PolishOrganisation",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("Polish community organisation"),
    )
    description = LimitedTextField(_("description"), blank=True)
    is_public = models.BooleanField(_("public"), default=True)
    is_example = models.BooleanField(
        _("example"),
        default=False,
        help_text=_(
            "Made up to show what the registry does (in the demo registry), not a fact: never public."
        ),
    )

    history = HistoricalRecords(m2m_fields=[cities])

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-starts_on", "slug"]
        # The dashboard counts activities by when they began and their tool, over years of a registry with
        # tens of thousands of them: from this index alone, without reading the activities' rows.
        indexes = [models.Index(fields=["starts_on", "tool"], name="activity_starts_on_tool")]
        constraints = [
            *precision_constraints("starts_on", "ends_on"),
            models.CheckConstraint(
                condition=~Q(title_pl="") | ~Q(title_en=""),
                name="%(app_label)s_%(class)s_has_a_title",
                violation_error_message=TITLE_MISSING,
            ),
            models.CheckConstraint(
                condition=Q(tool__gte=1, tool__lte=15),
                name="%(app_label)s_%(class)s_tool_known",
                violation_error_message=_("The tool is one of the fifteen tools of the foreign policy."),
            ),
            models.CheckConstraint(
                condition=Q(district__isnull=True) | Q(district__gte=1, district__lte=18),
                name="%(app_label)s_%(class)s_district_known",
                violation_error_message=_("The district is one of Krakow's eighteen districts."),
            ),
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
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{body}__isnull": True}) | Q(tool=tool),
                    name=f"%(app_label)s_%(class)s_{body}_by_tool",
                    violation_error_message=body_of_another_tool(tool),
                )
                for body, tool in BODY_TOOLS.items()
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def title(self):
        """The title in the active language, or in the other one where only that is known (title_language)."""
        return getattr(self, f"title_{self.title_language}")

    @property
    def title_language(self):
        """The language the title shown is in: the active one if its title is known, else the other one."""
        language = "pl" if get_language() == "pl" else "en"
        other = "en" if language == "pl" else "pl"
        return language if getattr(self, f"title_{language}") else other

    def clean(self):
        errors = {}
        if not self.title_pl and not self.title_en:
            errors["title_pl"] = TITLE_MISSING
        elif self.is_public:
            # The public site shows it in both languages; an internal record may keep the one it was given.
            for language in ("pl", "en"):
                if not getattr(self, f"title_{language}"):
                    errors[f"title_{language}"] = _("A public activity needs its title in both languages.")
        if not may_precede(self.known_date("starts_on"), self.known_date("ends_on")):
            errors["ends_on"] = MESSAGES["ends_after_start"]
        if self.is_example and self.is_public:
            errors["is_public"] = MESSAGES["example_never_public"]
        for body, tool in BODY_TOOLS.items():
            if getattr(self, f"{body}_id") is not None and self.tool != tool:
                errors[body] = body_of_another_tool(tool)
        if errors:
            raise ValidationError(errors)
