"""How long a signed document runs: until a date, for a term that renews itself, or indefinitely.

The term is recorded as the document states it; when it ends or next renews is worked out from it and the
day the document took effect, at that day's precision (a document signed "in 2009" for five years ends "in
2014"). Nothing derived is stored.
"""

from dataclasses import dataclass

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .dates import months_later
from .partial_dates import DatePrecision, PartialDate, may_precede


class Term(models.TextChoices):
    NOT_RECORDED = "not_recorded", _("not recorded")
    INDEFINITE = "indefinite", _("indefinite")
    FIXED = "fixed", _("fixed term")
    RENEWING = "renewing", _("renews automatically")


TERM_MESSAGES = {
    "fixed": _("A fixed term gives its length in years or the day it expires, one of the two."),
    "renewing": _("A term that renews automatically gives the length of each period in years, no end date."),
    "open": _("Only a fixed or renewing term has a length or an expiry date."),
    "notice": _("A notice period belongs to a recorded term."),
    "expires_after_start": _("A document cannot expire before it took effect."),
}


@dataclass(frozen=True)
class TermEvent:
    """What a term brings next: the day it `ends` or `renews` on, and the last day to give notice before a
    renewal (None where no notice period is recorded)."""

    kind: str
    on: PartialDate
    notice_by: PartialDate | None = None

    ENDS = "ends"
    RENEWS = "renews"

    def has_passed(self, today):
        return self.on.last_day < today

    def describe(self, today):
        """The event in a line, as the admin and the city page show it: "runs until: 2 July 2014", "term
        ended: 2 July 2014", "renews automatically: 18 July 2028 (notice by 18 January 2028)"."""
        if self.kind == self.RENEWS:
            label = _("renews automatically")
        else:
            label = _("term ended") if self.has_passed(today) else _("runs until")
        text = f"{label}: {self.on}"
        if self.notice_by is not None and not self.has_passed(today):
            text += " " + str(_("(notice by %(day)s)") % {"day": self.notice_by.in_genitive()})
        return text


class HasTerm(models.Model):
    """A signed document with a term; `term_start()` says the day it took effect (a PartialDate or None)."""

    term = models.CharField(_("term"), max_length=16, choices=Term.choices, default=Term.NOT_RECORDED)
    term_years = models.PositiveSmallIntegerField(
        _("term in years"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(99)],
        help_text=_("The length of a fixed term, or of each period of a term that renews automatically."),
    )
    expires_on = models.DateField(
        _("expires on"), null=True, blank=True, help_text=_("For a fixed term that states its last day.")
    )
    notice_months = models.PositiveSmallIntegerField(
        _("notice period in months"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(120)],
        help_text=_("How long before a renewal (or the end) a party must give notice."),
    )

    class Meta:
        abstract = True

    def term_start(self):
        raise NotImplementedError

    def term_is_running(self):
        """Whether the document still runs, so that its term may bring something (an ended one brings
        nothing, whatever its term said)."""
        raise NotImplementedError

    def term_errors(self):
        return term_errors(self, self.term_start())

    def next_term_event(self, *, after):
        return next_term_event(self, self.term_start(), after=after)


def term_constraints(start_field):
    """The database's copy of the term's rules, for a HasTerm model dated from `start_field`."""
    fixed = Q(term=Term.FIXED) & (
        Q(term_years__isnull=False, expires_on__isnull=True)
        | Q(term_years__isnull=True, expires_on__isnull=False)
    )
    renewing = Q(term=Term.RENEWING, term_years__isnull=False, expires_on__isnull=True)
    open_ended = Q(
        term__in=[Term.INDEFINITE, Term.NOT_RECORDED], term_years__isnull=True, expires_on__isnull=True
    )
    return [
        models.CheckConstraint(
            condition=fixed | renewing | open_ended,
            name="%(app_label)s_%(class)s_term_complete",
            violation_error_message=TERM_MESSAGES["fixed"],
        ),
        models.CheckConstraint(
            condition=~Q(term=Term.NOT_RECORDED) | Q(notice_months__isnull=True),
            name="%(app_label)s_%(class)s_notice_with_term",
            violation_error_message=TERM_MESSAGES["notice"],
        ),
        models.CheckConstraint(
            condition=Q(expires_on__isnull=True)
            | Q(**{f"{start_field}__isnull": True})
            | Q(**{f"{start_field}__lte": models.F("expires_on")}),
            name="%(app_label)s_%(class)s_expires_after_start",
            violation_error_message=TERM_MESSAGES["expires_after_start"],
        ),
    ]


def term_errors(record, start):
    """The term's rules on a HasTerm record that took effect on `start` (a PartialDate or None)."""
    term, years, expires = record.term, record.term_years, record.expires_on
    if term == Term.FIXED and (years is None) == (expires is None):
        return {"term_years": TERM_MESSAGES["fixed"]}
    if term == Term.RENEWING and (years is None or expires is not None):
        return {"term_years": TERM_MESSAGES["renewing"]}
    if term in (Term.INDEFINITE, Term.NOT_RECORDED) and (years is not None or expires is not None):
        return {"term_years": TERM_MESSAGES["open"]}
    if term == Term.NOT_RECORDED and record.notice_months is not None:
        return {"notice_months": TERM_MESSAGES["notice"]}
    if expires is not None and not may_precede(start, PartialDate(expires)):
        return {"expires_on": TERM_MESSAGES["expires_after_start"]}
    return {}


def term_end(record, start):
    """When a fixed term ends (a PartialDate), or None: for another term, or a length with no known start."""
    if record.term != Term.FIXED:
        return None
    if record.expires_on is not None:
        return PartialDate(record.expires_on)
    if start is None:
        return None
    return PartialDate(months_later(start.first_day, 12 * record.term_years), start.precision)


def next_renewal(record, start, *, after):
    """The first renewal of a renewing term whose period does not end before the day `after` (a PartialDate),
    or None: for another term, or with no known start."""
    if record.term != Term.RENEWING or start is None:
        return None
    periods = 1
    while True:
        renewal = PartialDate(
            months_later(start.first_day, 12 * record.term_years * periods), start.precision
        )
        if renewal.last_day >= after:
            return renewal
        periods += 1


def next_term_event(record, start, *, after):
    """What the term brings next on or after the day (a TermEvent) — the end of a fixed term even if it has
    passed, the next renewal of a renewing one — or None where the term says nothing of the future."""
    end = term_end(record, start)
    if end is not None:
        return TermEvent(TermEvent.ENDS, end, _notice_before(end, record.notice_months))
    renewal = next_renewal(record, start, after=after)
    if renewal is not None:
        return TermEvent(TermEvent.RENEWS, renewal, _notice_before(renewal, record.notice_months))
    return None


def _notice_before(day, months):
    """The last day to give notice, at the day's precision; None where it is not known: a renewal known to
    the year only, less six months, may fall in that year or the one before."""
    if months is None:
        return None
    if day.precision == DatePrecision.YEAR and months % 12:
        return None
    return PartialDate(months_later(day.first_day, -months), day.precision)
