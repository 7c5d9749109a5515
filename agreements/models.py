from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from partners.choices import Continent
from registry.models import (
    COUNCIL_SINCE,
    CouncilResolved,
    LimitedTextField,
    RegistryRecord,
    not_after,
    not_recorded_field,
)
from registry.partial_dates import may_precede, precision_constraints, precision_field
from registry.terms import HasTerm, term_constraints

from .choices import (
    IN_EFFECT_STATUSES,
    SIGNED_STATUSES,
    AgreementKind,
    AgreementStatus,
    Sector,
    Succession,
    WorkingDocumentKind,
)

MESSAGES = {
    "ended_or_not_known": _("Cooperation whose end is recorded is known to have ended."),
    "twinning_per_country": _("Krakow already has a twin city in %(country)s: %(city)s."),
    "honorary_outside_europe": _(
        "An Honorary Twin City title is granted only to cities outside Europe; %(city)s is in Europe."
    ),
    "honorary_continent_undecided": _(
        "An Honorary Twin City title needs the city's continent, and %(city)s lies in a country on two "
        "continents: give its coordinates."
    ),
    "one_per_city": _(
        "Krakow already has an agreement of this kind with %(city)s that is not terminated: %(agreement)s. "
        "Record this one as renewing, replacing or amending it, or terminate that one first."
    ),
    "one_in_effect": _(
        "Krakow already has an agreement of this kind in effect with %(city)s: %(agreement)s."
    ),
    "follows_together": _("Say which agreement this one follows and how, or neither."),
    "follows_same_city": _("An agreement can follow only an earlier agreement with the same city."),
    "follows_signed": _("An agreement can follow only one that was signed (or granted, for a title)."),
    "follows_earlier": _(
        "An agreement can follow only one that took effect before it: %(earlier)s is of %(date)s."
    ),
    "follows_not_itself": _("An agreement cannot follow itself, directly or through others."),
    "renewal_same_kind": _(
        "A renewal or an amendment is of the kind and sector of the agreement it follows."
    ),
    "one_live_successor": _(
        "Another agreement not terminated already renews or replaces this one's predecessor."
    ),
    "amendments_in_effect": _(
        "An agreement ends with its amendments: terminate it through its lifecycle, which ends them too."
    ),
    "amendment_of_ended": _("An amendment cannot be in effect once the agreement it amends has ended."),
    "sector_only_for_sectoral": _("A sectoral agreement has exactly one sector; other kinds have none."),
    "decision_required": _(
        "Every agreement is the City Council's to conclude: once past negotiation it needs the act that "
        "decided it: the council's resolution, an act of the body of the time (before 1990), or a note why "
        "the act is not recorded."
    ),
    "one_decision": _(
        "Give one act that decided the agreement: the council's resolution, the body of the time, or why it "
        "is not recorded."
    ),
    "earlier_body_before_1990": _(
        "Only an agreement signed before the City Council was first elected (27 May 1990) was decided by "
        "another body."
    ),
    "not_recorded_when_signed": _(
        "An agreement in negotiation has no decision yet: it goes on to the council's resolution."
    ),
    "termination_act_required": _(
        "A terminated agreement records the act that ended it, or why that act is not recorded; an agreement "
        "not terminated has neither."
    ),
    "signed_when_in_force": _(
        "An agreement in force, suspended or terminated needs its signing date (an honorary title, its "
        "resolution's), unless it is an old record whose decision is not recorded either."
    ),
    "terminated_on_iff_terminated": _(
        "A terminated agreement has a termination date, and only a terminated agreement has one."
    ),
    "resolution_before_signing": _(
        "The City Council resolution comes before the signing, unless it ratifies an agreement "
        "signed earlier."
    ),
    "ratification_after_signing": _(
        "A ratifying resolution needs the signing date and must not be dated before the signing."
    ),
    "signed_before_termination": _("An agreement cannot be terminated before it was signed or resolved."),
    "not_in_future": _("A date of signing or termination cannot be in the future."),
    "document_not_in_future": _("A working document's dates cannot be in the future."),
    "kind_name_for_other": _("Another kind of document needs its name; the listed kinds have none."),
    "nothing_signed_without_a_document": _(
        "Cooperation without a signed document has no signing date and no signatories."
    ),
    "formalized_before_signed": _(
        "An agreement formalizes a document signed before it: this one dates from %(formalized)s, the "
        "document from %(signed)s."
    ),
}


NOT_AN_AMENDMENT = ~Q(follows_as=Succession.AMENDMENT)
DECISION_ABSENT = Q(resolution_date__isnull=True, deciding_body="", decision_not_recorded="")
DECISION_UNRECORDED = ~Q(decision_not_recorded="")


def at_most_one_decision():
    """Condition: no two of the council's resolution, the body of the time and the not-recorded note."""
    resolution, body, not_recorded = (
        Q(resolution_date__isnull=False),
        ~Q(deciding_body=""),
        ~Q(decision_not_recorded=""),
    )
    return ~(resolution & body) & ~(resolution & not_recorded) & ~(body & not_recorded)


def termination_act_given():
    """Condition: a terminated agreement has the act that ended it or why it is not recorded, one of them; an
    agreement not terminated has neither."""
    terminated = Q(status=AgreementStatus.TERMINATED)
    act, not_recorded = ~Q(termination_act=""), ~Q(termination_act_not_recorded="")
    return (terminated & ((act & ~not_recorded) | (~act & not_recorded))) | (
        ~terminated & ~act & ~not_recorded
    )


class AgreementQuerySet(models.QuerySet):
    def live(self):
        """Agreements that count against the council's limits: every one not terminated."""
        return self.exclude(status=AgreementStatus.TERMINATED)


class Agreement(RegistryRecord, CouncilResolved, HasTerm):
    """A formal agreement between the Royal Capital City of Krakow and a partner city."""

    # Once the agreement is recorded, only its lifecycle's transitions (agreements.services) write these: the
    # admin shows them read-only, a restored history version and a spreadsheet row leave them as they are.
    LIFECYCLE_FIELDS = (
        "status",
        "terminated_on",
        "termination_reason",
        "termination_act",
        "termination_act_not_recorded",
    )

    city = models.ForeignKey(
        "partners.PartnerCity", models.PROTECT, related_name="agreements", verbose_name=_("partner city")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=AgreementKind.choices)
    sector = models.CharField(
        _("sector"),
        max_length=24,
        choices=Sector.choices,
        blank=True,
        help_text=_("Only for sectoral agreements."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=AgreementStatus.choices, default=AgreementStatus.NEGOTIATION
    )
    resolution_ratifies_signed_agreement = models.BooleanField(
        _("resolution ratifies an agreement signed earlier"), default=False
    )
    deciding_body = models.CharField(
        _("body of the time and its act"),
        max_length=300,
        blank=True,
        help_text=_(
            "For an agreement signed before the City Council was first elected (27 May 1990): who decided, "
            "e.g. the Presidium of the City National Council, and by what act."
        ),
    )
    decision_not_recorded = not_recorded_field(
        _("decision not recorded: why"),
        _("For an old agreement whose resolution the registry does not hold: why it is missing."),
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    signed_on_precision = precision_field()
    signatories = models.CharField(_("signatories"), max_length=300, blank=True)
    follows = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="successors",
        verbose_name=_("follows the agreement"),
        help_text=_("An earlier agreement with the same city that this one renews, replaces or amends."),
    )
    follows_as = models.CharField(_("how it follows"), max_length=16, choices=Succession.choices, blank=True)
    terminated_on = models.DateField(_("terminated on"), null=True, blank=True)
    terminated_on_precision = precision_field()
    termination_reason = LimitedTextField(_("reason for termination"), blank=True)
    termination_act = models.CharField(
        _("act that ended it"),
        max_length=300,
        blank=True,
        help_text=_("The City Council's resolution (its number and date), or the notice that ended it."),
    )
    termination_act_not_recorded = not_recorded_field(_("act that ended it not recorded: why"))
    is_public = models.BooleanField(
        _("public"),
        default=True,
        help_text=_("Agreements in negotiation or approved but not yet signed are never public."),
    )
    notes = LimitedTextField(_("internal notes"), blank=True)
    # Copies of the city's country and continent: a database constraint cannot follow the foreign key, and
    # these let the database itself refuse a second twin city in a country or a European honorary title
    # when two officers save at the same moment. PartnerCity.save() keeps them in step.
    country = CountryField(_("country"), blank=True, editable=False)
    continent = models.CharField(
        _("continent"), max_length=16, choices=Continent.choices, blank=True, editable=False
    )

    objects = AgreementQuerySet.as_manager()
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="coordinated_agreements",
        verbose_name=_("Krakow's coordinator"),
        limit_choices_to={"is_staff": True},
        help_text=_(
            "The member of staff who coordinates the cooperation for Krakow (Article 3 of the draft)."
        ),
    )
    attachments = GenericRelation("registry.Attachment")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["city__name_en", "kind", "slug"]
        constraints = [
            *CouncilResolved.Meta.constraints,
            *precision_constraints("signed_on", "terminated_on"),
            *term_constraints("signed_on"),
            # Only a later agreement that says which one it follows may stand beside one not terminated.
            models.UniqueConstraint(
                fields=["city", "kind", "sector"],
                condition=~Q(status=AgreementStatus.TERMINATED) & Q(follows__isnull=True),
                name="%(app_label)s_%(class)s_one_per_city_kind_sector",
                violation_error_message=_(
                    "Krakow already has an agreement of this kind with this city that is not terminated."
                ),
            ),
            models.UniqueConstraint(
                fields=["follows"],
                condition=~Q(status=AgreementStatus.TERMINATED) & NOT_AN_AMENDMENT,
                name="%(app_label)s_%(class)s_one_live_successor",
                violation_error_message=MESSAGES["one_live_successor"],
            ),
            # An amendment is part of the agreement it amends, not a relation of its own: it never counts.
            models.UniqueConstraint(
                fields=["country"],
                condition=Q(kind=AgreementKind.TWINNING, status__in=IN_EFFECT_STATUSES) & NOT_AN_AMENDMENT,
                name="%(app_label)s_%(class)s_one_twinning_per_country",
                violation_error_message=_("Krakow already has a twin city in this country."),
            ),
            models.UniqueConstraint(
                fields=["city", "kind", "sector"],
                condition=Q(status__in=IN_EFFECT_STATUSES) & NOT_AN_AMENDMENT,
                name="%(app_label)s_%(class)s_one_in_effect_per_city_kind_sector",
                violation_error_message=_(
                    "Krakow already has an agreement of this kind in effect with this city."
                ),
            ),
            models.CheckConstraint(
                condition=Q(follows__isnull=True, follows_as="")
                | Q(follows__isnull=False, follows_as__gt=""),
                name="%(app_label)s_%(class)s_follows_together",
                violation_error_message=MESSAGES["follows_together"],
            ),
            models.CheckConstraint(
                condition=~Q(kind=AgreementKind.HONORARY_TITLE)
                | (~Q(continent=Continent.EUROPE) & ~Q(continent="")),
                name="%(app_label)s_%(class)s_honorary_outside_europe",
                violation_error_message=_(
                    "An Honorary Twin City title is granted only to cities outside Europe."
                ),
            ),
            models.CheckConstraint(
                condition=Q(kind=AgreementKind.SECTORAL, sector__gt="")
                | (~Q(kind=AgreementKind.SECTORAL) & Q(sector="")),
                name="%(app_label)s_%(class)s_sector_only_for_sectoral",
                violation_error_message=MESSAGES["sector_only_for_sectoral"],
            ),
            models.CheckConstraint(
                condition=Q(status=AgreementStatus.NEGOTIATION) | ~Q(DECISION_ABSENT),
                name="%(app_label)s_%(class)s_decision_required",
                violation_error_message=MESSAGES["decision_required"],
            ),
            models.CheckConstraint(
                condition=at_most_one_decision(),
                name="%(app_label)s_%(class)s_one_decision",
                violation_error_message=MESSAGES["one_decision"],
            ),
            models.CheckConstraint(
                condition=Q(deciding_body="") | Q(signed_on__lt=COUNCIL_SINCE),
                name="%(app_label)s_%(class)s_earlier_body_before_1990",
                violation_error_message=MESSAGES["earlier_body_before_1990"],
            ),
            models.CheckConstraint(
                condition=Q(decision_not_recorded="") | ~Q(status=AgreementStatus.NEGOTIATION),
                name="%(app_label)s_%(class)s_not_recorded_when_signed",
                violation_error_message=MESSAGES["not_recorded_when_signed"],
            ),
            models.CheckConstraint(
                condition=termination_act_given(),
                name="%(app_label)s_%(class)s_termination_act_required",
                violation_error_message=MESSAGES["termination_act_required"],
            ),
            models.CheckConstraint(
                condition=~Q(status__in=SIGNED_STATUSES)
                | Q(signed_on__isnull=False)
                | DECISION_UNRECORDED
                | Q(kind=AgreementKind.HONORARY_TITLE, resolution_date__isnull=False),
                name="%(app_label)s_%(class)s_signed_when_in_force",
                violation_error_message=MESSAGES["signed_when_in_force"],
            ),
            models.CheckConstraint(
                condition=Q(status=AgreementStatus.TERMINATED, terminated_on__isnull=False)
                | (~Q(status=AgreementStatus.TERMINATED) & Q(terminated_on__isnull=True)),
                name="%(app_label)s_%(class)s_terminated_on_iff_terminated",
                violation_error_message=MESSAGES["terminated_on_iff_terminated"],
            ),
            models.CheckConstraint(
                condition=(
                    Q(resolution_ratifies_signed_agreement=False)
                    & not_after("resolution_date", "signed_on", partial=True)
                )
                | (
                    Q(resolution_ratifies_signed_agreement=True)
                    & not_after("signed_on", "resolution_date", partial=True)
                ),
                name="%(app_label)s_%(class)s_resolution_before_signing",
                violation_error_message=MESSAGES["resolution_before_signing"],
            ),
            models.CheckConstraint(
                condition=Q(resolution_ratifies_signed_agreement=False)
                | Q(signed_on__isnull=False, resolution_date__isnull=False),
                name="%(app_label)s_%(class)s_ratification_after_signing",
                violation_error_message=MESSAGES["ratification_after_signing"],
            ),
            models.CheckConstraint(
                condition=not_after("signed_on", "terminated_on", partial=True)
                & not_after("resolution_date", "terminated_on", partial=True),
                name="%(app_label)s_%(class)s_signed_before_termination",
                violation_error_message=MESSAGES["signed_before_termination"],
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.city}"

    def save(self, *args, **kwargs):
        self.copy_city_fields()
        super().save(*args, **kwargs)

    @property
    def in_effect_since(self):
        """When the relation began (a PartialDate): the signing, or for an honorary title the council's
        resolution."""
        if self.signed_on or self.kind != AgreementKind.HONORARY_TITLE:
            return self.known_date("signed_on")
        return self.known_date("resolution_date")

    @property
    def is_decided(self):
        """Whether the act that concluded it is recorded, or recorded as not known."""
        return bool(self.resolution_date or self.deciding_body or self.decision_not_recorded)

    @property
    def is_publicly_visible(self):
        """Public only once signed: negotiations and unsigned approvals never leave the office."""
        return self.is_public and self.status in SIGNED_STATUSES

    def copy_city_fields(self):
        self.country = self.city.country
        self.continent = self.city.continent

    def validate_city_rules(self):
        """Rules that depend on where the city is: one twin per country, honorary titles outside Europe."""
        self.copy_city_fields()
        errors = {}
        if self.counts_as_relation and self.kind == AgreementKind.TWINNING:
            # The same city's own agreements are the one-per-city rule's: a renewal is no second twin.
            twin = (
                Agreement.objects.live()
                .filter(kind=AgreementKind.TWINNING, country=self.country)
                .exclude(follows_as=Succession.AMENDMENT)
                .exclude(city_id=self.city.pk)
                .select_related("city")
                .first()
            )
            if twin is not None:
                errors["city"] = MESSAGES["twinning_per_country"] % {
                    "country": self.city.country.name,
                    "city": twin.city.name,
                }
        if self.kind == AgreementKind.HONORARY_TITLE and self.continent == Continent.EUROPE:
            errors["kind"] = MESSAGES["honorary_outside_europe"] % {"city": self.city.name}
        elif self.kind == AgreementKind.HONORARY_TITLE and not self.continent:
            errors["kind"] = MESSAGES["honorary_continent_undecided"] % {"city": self.city.name}
        if errors:
            raise ValidationError(errors)

    def clean(self):
        errors = {}
        # The city may not be saved yet when it comes with its first agreements in the admin's inline.
        if self.city_id is not None or Agreement.city.is_cached(self):
            try:
                self.validate_city_rules()
            except ValidationError as error:
                errors.update(error.message_dict)
            if "city" not in errors:
                errors.update(self._one_per_city_errors())
        errors.update(self._succession_errors())
        errors.update(self.term_errors())
        if (
            self.pk is not None
            and self.status == AgreementStatus.TERMINATED
            and self.successors.filter(
                follows_as=Succession.AMENDMENT, status__in=IN_EFFECT_STATUSES
            ).exists()
        ):
            errors.setdefault("status", MESSAGES["amendments_in_effect"])
        if (self.kind == AgreementKind.SECTORAL) != bool(self.sector):
            errors["sector"] = MESSAGES["sector_only_for_sectoral"]
        errors.update(self.resolution_errors())
        if "resolution_date" not in errors:
            errors.update(self._decision_errors())
        errors.update(self._termination_errors())
        errors.update(self._date_errors())
        if errors:
            raise ValidationError(errors)

    @property
    def counts_as_relation(self):
        """Whether the council's limits count it: not terminated, and not an amendment (which is part of the
        agreement it amends)."""
        return self.status != AgreementStatus.TERMINATED and self.follows_as != Succession.AMENDMENT

    def _one_per_city_errors(self):
        """One agreement of a kind with a city at a time: a later one says which it renews or replaces, and
        only one of them is in effect."""
        if not self.counts_as_relation:
            return {}
        same = (
            Agreement.objects.live()
            .filter(city_id=self.city.pk, kind=self.kind, sector=self.sector)
            .exclude(follows_as=Succession.AMENDMENT)
            .exclude(pk=self.pk)
        )
        unrelated = same.exclude(pk=self.follows_id)
        if self.pk is not None:
            unrelated = unrelated.exclude(follows=self)
        if other := unrelated.first():
            return {"kind": MESSAGES["one_per_city"] % {"city": self.city.name, "agreement": other.slug}}
        if self.status in IN_EFFECT_STATUSES and (
            other := same.filter(status__in=IN_EFFECT_STATUSES).first()
        ):
            return {"status": MESSAGES["one_in_effect"] % {"city": self.city.name, "agreement": other.slug}}
        return {}

    def _succession_errors(self):
        """The agreement this one follows: the same city's, signed, earlier, and of the same kind for a
        renewal or an amendment."""
        earlier = self.follows
        if (earlier is None) != (not self.follows_as):
            return {"follows_as": MESSAGES["follows_together"]}
        if earlier is None:
            return {}
        seen = {self.pk}
        step = earlier
        while step is not None:
            if step.pk in seen:
                return {"follows": MESSAGES["follows_not_itself"]}
            seen.add(step.pk)
            step = step.follows
        if self.city_id is not None and earlier.city_id != self.city_id:
            return {"follows": MESSAGES["follows_same_city"]}
        if earlier.status not in SIGNED_STATUSES:
            return {"follows": MESSAGES["follows_signed"]}
        begun, earlier_begun = self.in_effect_since, earlier.in_effect_since
        if begun and earlier_begun and not may_precede(earlier_begun, begun):
            return {
                "follows": MESSAGES["follows_earlier"]
                % {"earlier": earlier.slug, "date": earlier_begun.in_genitive()}
            }
        if self.follows_as in (Succession.RENEWAL, Succession.AMENDMENT) and (
            earlier.kind != self.kind or earlier.sector != self.sector
        ):
            return {"follows_as": MESSAGES["renewal_same_kind"]}
        if (
            self.follows_as == Succession.AMENDMENT
            and self.status in IN_EFFECT_STATUSES
            and earlier.status == AgreementStatus.TERMINATED
        ):
            return {"status": MESSAGES["amendment_of_ended"]}
        return {}

    def term_start(self):
        return self.in_effect_since

    def term_is_running(self):
        return self.status != AgreementStatus.TERMINATED

    def _decision_errors(self):
        """The act that concluded the agreement."""
        errors = {}
        given = [
            self.resolution_date is not None,
            bool(self.deciding_body),
            bool(self.decision_not_recorded),
        ]
        if sum(given) > 1:
            errors["decision_not_recorded"] = MESSAGES["one_decision"]
        elif not any(given) and self.status != AgreementStatus.NEGOTIATION:
            errors["resolution_date"] = MESSAGES["decision_required"]
        elif self.deciding_body and not (self.signed_on and self.signed_on < COUNCIL_SINCE):
            errors["deciding_body"] = MESSAGES["earlier_body_before_1990"]
        elif self.decision_not_recorded and self.status == AgreementStatus.NEGOTIATION:
            errors["decision_not_recorded"] = MESSAGES["not_recorded_when_signed"]
        return errors

    def _termination_errors(self):
        ended_by = [bool(self.termination_act), bool(self.termination_act_not_recorded)]
        if sum(ended_by) != (self.status == AgreementStatus.TERMINATED):
            return {"termination_act": MESSAGES["termination_act_required"]}
        return {}

    def _date_errors(self):
        errors = {}
        today = timezone.localdate()
        # An old record may know neither the act that decided the agreement nor the day it was signed.
        if self.status in SIGNED_STATUSES and self.in_effect_since is None and not self.decision_not_recorded:
            errors["signed_on"] = MESSAGES["signed_when_in_force"]
        if (self.status == AgreementStatus.TERMINATED) != (self.terminated_on is not None):
            errors["terminated_on"] = MESSAGES["terminated_on_iff_terminated"]
        resolved, signed = self.known_date("resolution_date"), self.known_date("signed_on")
        if resolved and signed:
            if self.resolution_ratifies_signed_agreement:
                if not may_precede(signed, resolved):
                    errors["resolution_date"] = MESSAGES["ratification_after_signing"]
            elif not may_precede(resolved, signed):
                errors["signed_on"] = MESSAGES["resolution_before_signing"]
        elif self.resolution_ratifies_signed_agreement:
            errors["resolution_ratifies_signed_agreement"] = MESSAGES["ratification_after_signing"]
        terminated = self.known_date("terminated_on")
        if not (may_precede(signed, terminated) and may_precede(resolved, terminated)):
            errors["terminated_on"] = MESSAGES["signed_before_termination"]
        for field in ("signed_on", "terminated_on"):
            if getattr(self, field) and getattr(self, field) > today:
                errors.setdefault(field, MESSAGES["not_in_future"])
        return errors

    def validate_constraints(self, exclude=None):
        # clean() explains the two rules on the cached country and continent with the cities' names; their
        # constraints stay in the database for the race, not repeated here with a vaguer message.
        super().validate_constraints(exclude={*(exclude or ()), "country", "continent"})


class WorkingDocument(RegistryRecord, HasTerm):
    """A working document of informal cooperation signed by the Mayor of Krakow with a city."""

    city = models.ForeignKey(
        "partners.PartnerCity",
        models.PROTECT,
        related_name="working_documents",
        verbose_name=_("partner city"),
    )
    kind = models.CharField(_("kind"), max_length=24, choices=WorkingDocumentKind.choices)
    kind_name = models.CharField(
        _("name of the kind"),
        max_length=120,
        blank=True,
        help_text=_("For another kind of document: what it is called, e.g. a cooperation plan."),
    )
    title = models.CharField(_("title"), max_length=300, blank=True)
    signed_on = models.DateField(
        _("signed on"), null=True, blank=True, help_text=_("Leave empty if not even the year is known.")
    )
    signed_on_precision = precision_field()
    signatories = models.CharField(_("signatories"), max_length=300, blank=True)
    formalized_by = models.ForeignKey(
        Agreement,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="working_documents",
        verbose_name=_("formalized by"),
        help_text=_("The formal agreement that the City Council concluded from this document."),
    )
    ended_on = models.DateField(
        _("cooperation ended on"),
        null=True,
        blank=True,
        help_text=_("When the cooperation under this document ended, if it has."),
    )
    ended_on_precision = precision_field()
    status_not_known = models.BooleanField(
        _("whether it goes on is not known"),
        default=False,
        help_text=_(
            "The record names this cooperation but not whether it goes on or has ended: it is shown as such, "
            "never as current."
        ),
    )
    draft_agreement = models.ForeignKey(
        Agreement,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="drafted_from",
        verbose_name=_("draft agreement"),
        help_text=_("The agreement being prepared from this document, until the City Council concludes it."),
    )
    is_public = models.BooleanField(_("public"), default=True)
    notes = LimitedTextField(_("internal notes"), blank=True)
    attachments = GenericRelation("registry.Attachment")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("working document")
        verbose_name_plural = _("working documents")
        ordering = [F("signed_on").desc(nulls_last=True), "slug"]
        constraints = [
            *precision_constraints("signed_on", "ended_on"),
            *term_constraints("signed_on"),
            models.CheckConstraint(
                condition=not_after("signed_on", "ended_on", partial=True),
                name="%(app_label)s_%(class)s_ended_after_signed",
                violation_error_message=_("Cooperation cannot end before the document was signed."),
            ),
            models.CheckConstraint(
                condition=Q(status_not_known=False) | Q(ended_on__isnull=True),
                name="%(app_label)s_%(class)s_ended_or_not_known",
                violation_error_message=MESSAGES["ended_or_not_known"],
            ),
            models.CheckConstraint(
                condition=Q(kind=WorkingDocumentKind.OTHER, kind_name__gt="")
                | (~Q(kind=WorkingDocumentKind.OTHER) & Q(kind_name="")),
                name="%(app_label)s_%(class)s_kind_name_for_other",
                violation_error_message=MESSAGES["kind_name_for_other"],
            ),
            models.CheckConstraint(
                condition=~Q(kind=WorkingDocumentKind.NO_DOCUMENT)
                | Q(signed_on__isnull=True, signatories=""),
                name="%(app_label)s_%(class)s_nothing_signed_without_a_document",
                violation_error_message=MESSAGES["nothing_signed_without_a_document"],
            ),
        ]

    def __str__(self):
        signed = self.known_date("signed_on")
        return f"{self.kind_display}: {self.city}" + (f" ({signed.isoformat()})" if signed else "")

    def term_start(self):
        return self.known_date("signed_on")

    def term_is_running(self):
        return self.ended_on is None and not self.status_not_known

    @property
    def kind_display(self):
        """The kind as people call it: its own name for another kind of document."""
        return self.kind_name or self.get_kind_display()

    def clean(self):
        errors = {}
        signed = self.known_date("signed_on")
        if not may_precede(signed, self.known_date("ended_on")):
            errors["ended_on"] = _("Cooperation cannot end before the document was signed.")
        for field in ("signed_on", "ended_on"):
            if getattr(self, field) and getattr(self, field) > timezone.localdate():
                errors.setdefault(field, MESSAGES["document_not_in_future"])
        if self.status_not_known and self.ended_on:
            errors["status_not_known"] = MESSAGES["ended_or_not_known"]
        if (self.kind == WorkingDocumentKind.OTHER) != bool(self.kind_name):
            errors["kind_name"] = MESSAGES["kind_name_for_other"]
        errors.update(self.term_errors())
        if self.kind == WorkingDocumentKind.NO_DOCUMENT and (self.signed_on or self.signatories):
            errors["signed_on"] = MESSAGES["nothing_signed_without_a_document"]
        agreement = self.formalized_by
        if agreement is not None:
            # Formalizing is the City Council's alone (before 1990 the body of the time's), so only a decided
            # agreement can formalize; an old one whose decision is not recorded still did.
            if not agreement.is_decided:
                errors["formalized_by"] = _(
                    "Only an agreement the City Council decided (or, before 1990, the body of the time) can "
                    "formalize a working document."
                )
            elif self.city_id is not None and agreement.city_id != self.city_id:
                errors["formalized_by"] = _("The formalizing agreement must be with the same city.")
            elif not may_precede(
                signed,
                formalized_on := agreement.known_date("signed_on") or agreement.known_date("resolution_date"),
            ):
                errors["formalized_by"] = MESSAGES["formalized_before_signed"] % {
                    "formalized": formalized_on,
                    "signed": signed,
                }
        draft = self.draft_agreement
        if draft is not None and self.city_id is not None and draft.city_id != self.city_id:
            errors["draft_agreement"] = _("The draft agreement must be with the same city.")
        if errors:
            raise ValidationError(errors)


class AgreementTransition(CouncilResolved):
    """One step of an agreement's lifecycle: from which status to which, when, why and by whom."""

    agreement = models.ForeignKey(
        Agreement, models.CASCADE, related_name="transitions", verbose_name=_("agreement")
    )
    from_status = models.CharField(_("from status"), max_length=16, choices=AgreementStatus.choices)
    to_status = models.CharField(_("to status"), max_length=16, choices=AgreementStatus.choices)
    effective_on = models.DateField(_("effective on"))
    reason = LimitedTextField(_("reason"), blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="agreement_transitions",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("agreement transition")
        verbose_name_plural = _("agreement transitions")
        ordering = ["recorded_at", "pk"]
        constraints = CouncilResolved.Meta.constraints

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()} ({self.effective_on})"
