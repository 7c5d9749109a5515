"""Sums of money as the registry keeps them: an amount with its currency, euro or złoty.

A sum is never added to one in another currency: totals are given per currency.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.db.models import Sum
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _


class Currency(models.TextChoices):
    EUR = "EUR", _("euro (EUR)")
    PLN = "PLN", _("złoty (PLN)")


def currency_field(verbose_name):
    return models.CharField(verbose_name, max_length=3, choices=Currency.choices, default=Currency.EUR)


@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: str

    def __str__(self):
        """As the page's language writes it: 12 500,00 EUR."""
        return f"{number_format(self.amount, decimal_pos=2, force_grouping=True)} {self.currency}"

    def for_csv(self):
        return f"{self.amount:.2f} {self.currency}"


class Totals(tuple):
    """Sums of money, one per currency (the largest first), shown joined: 12 500,00 EUR + 3 000,00 PLN."""

    def __str__(self):
        return " + ".join(str(total) for total in self)

    def for_csv(self):
        return " + ".join(total.for_csv() for total in self)


def money(record, amount_field, currency_field_name):
    """The record's amount with its currency, or None where the amount is not known."""
    amount = getattr(record, amount_field)
    return None if amount is None else Money(amount, getattr(record, currency_field_name))


def totals(queryset, amount_field, currency_field_name):
    """The amounts of these records summed per currency (Totals), or None where none is known."""
    rows = (
        queryset.order_by()
        .filter(**{f"{amount_field}__isnull": False})
        .values_list(currency_field_name)
        .annotate(total=Sum(amount_field))
        .order_by("-total")
    )
    found = Totals(Money(total, currency) for currency, total in rows)
    return found or None
