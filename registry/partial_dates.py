"""Dates known to the day, the month or the year only, as the public record often knows them.

A partial date is stored in two columns: the date field holds the first day of the period known (1 January
1993 for "1993") and its `<name>_precision` field says how much of it is known. Queries, ordering and
indexes keep working on the date column; every surface shows the date at its precision, and the rules
compare periods, so that "signed in 1997" may follow a resolution of 10 May 1997.
"""

import calendar
import datetime
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass

from django.db import models
from django.db.models import F, Q
from django.utils.formats import date_format
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _


class DatePrecision(models.TextChoices):
    # "Known to the" day, month or year: Polish needs the genitive (dnia, miesiąca, roku) here alone.
    DAY = "day", pgettext_lazy("precision", "day")
    MONTH = "month", pgettext_lazy("precision", "month")
    YEAR = "year", pgettext_lazy("precision", "year")


PRECISION_SUFFIX = "_precision"
REDUCED_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class PartialDate:
    """A day, a month or a year: `first_day` is the period's first day, `precision` its length."""

    first_day: datetime.date
    precision: str = DatePrecision.DAY

    @classmethod
    def from_iso(cls, text):
        """Read "1993", "1993-02" or "1993-02-19" (ISO 8601's reduced precision); raise ValueError."""
        match = REDUCED_ISO_DATE.match(text) if isinstance(text, str) else None
        if not match:
            raise ValueError(text)
        year, month, day = match.groups()
        if day:
            return cls(datetime.date.fromisoformat(text))
        if month:
            return cls(datetime.date(int(year), int(month), 1), DatePrecision.MONTH)
        return cls(datetime.date(int(year), 1, 1), DatePrecision.YEAR)

    @property
    def last_day(self):
        if self.precision == DatePrecision.YEAR:
            return self.first_day.replace(month=12, day=31)
        if self.precision == DatePrecision.MONTH:
            days = calendar.monthrange(self.first_day.year, self.first_day.month)[1]
            return self.first_day.replace(day=days)
        return self.first_day

    def isoformat(self):
        length = {DatePrecision.YEAR: 4, DatePrecision.MONTH: 7}.get(self.precision, 10)
        return self.first_day.isoformat()[:length]

    def __str__(self):
        """The date as the page's language writes it on its own, at its precision: 19 lutego 1993, luty 1993,
        1993."""
        return self._formatted("YEAR_MONTH_FORMAT")

    def in_genitive(self):
        """The date as it reads after "since" (Polish "od", which takes the genitive): od lutego 1993. Only a
        month changes form; a day's date is in the genitive already (19 lutego 1993)."""
        return self._formatted("E Y")

    def _formatted(self, month_format):
        if self.precision == DatePrecision.YEAR:
            return str(self.first_day.year)
        if self.precision == DatePrecision.MONTH:
            month = date_format(self.first_day, month_format)
            # Django's Polish month names are capitalised, as a calendar's heading has them; in a sentence
            # Polish writes them in lower case ("podpisana w październiku 1979", "październik 1979").
            return month[0].lower() + month[1:] if get_language() == "pl" else month
        return date_format(self.first_day)


def start_of_period(day, precision):
    """The first day of the period of `precision` that `day` falls in: what the date column stores."""
    if precision == DatePrecision.YEAR:
        return day.replace(month=1, day=1)
    if precision == DatePrecision.MONTH:
        return day.replace(day=1)
    return day


def precision_field():
    """The precision of the date field declared just before it (named `<date field>_precision`)."""
    return models.CharField(
        _("known to the"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_("How much of the date is known: for a month or a year, the date is its first day."),
    )


def partial_date_fields(model):
    """Names of the model's date fields that have a precision beside them."""
    names = {field.name for field in model._meta.concrete_fields}
    return [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, models.DateField) and f"{field.name}{PRECISION_SUFFIX}" in names
    ]


def partial_date(record, field_name):
    """The date `field_name` of a record (or of a row of `values()`) with its precision, or None where it is
    not known. A date without a precision beside it is known to the day."""
    get = record.get if isinstance(record, Mapping) else functools.partial(getattr, record)
    day = get(field_name, None)
    if day is None:
        return None
    return PartialDate(day, get(f"{field_name}{PRECISION_SUFFIX}", None) or DatePrecision.DAY)


def store_at_precision(record):
    """Keep each partial date of the record as its period's first day (day precision where it is unknown)."""
    for name in partial_date_fields(type(record)):
        precision_name = f"{name}{PRECISION_SUFFIX}"
        day = getattr(record, name)
        if day is None:
            setattr(record, precision_name, DatePrecision.DAY)
        elif isinstance(day, datetime.date):
            setattr(record, name, start_of_period(day, getattr(record, precision_name)))


def may_precede(earlier, later):
    """Whether one partial date may fall on or before the other: yes unless its period starts after the
    other's ends, or either is not known."""
    return earlier is None or later is None or earlier.first_day <= later.last_day


def stored_at_precision(field_name):
    """Condition: a partial date is stored as its period's first day; an unknown one has no precision."""
    precision = f"{field_name}{PRECISION_SUFFIX}"
    return (
        Q(**{precision: DatePrecision.DAY})
        | Q(**{precision: DatePrecision.MONTH, f"{field_name}__day": 1})
        | Q(**{precision: DatePrecision.YEAR, f"{field_name}__month": 1, f"{field_name}__day": 1})
    ) & (Q(**{f"{field_name}__isnull": False}) | Q(**{precision: DatePrecision.DAY}))


def precision_constraints(*field_names):
    """The database's half of `store_at_precision` for these partial dates of a model."""
    return [
        models.CheckConstraint(
            condition=stored_at_precision(name),
            name=f"%(app_label)s_%(class)s_{name}_at_precision",
            violation_error_message=_("A date known to a month or a year is stored as its first day."),
        )
        for name in field_names
    ]


def within_later_period(earlier_field, later_field):
    """Condition: the earlier date falls no later than the year of a later date known to a month or a year
    only. The database holds this coarser bound; the model's clean() compares the exact periods."""
    return Q(
        **{
            f"{later_field}{PRECISION_SUFFIX}__in": [DatePrecision.MONTH, DatePrecision.YEAR],
            f"{earlier_field}__year__lte": F(f"{later_field}__year"),
        }
    )
