"""Calendar arithmetic for anniversaries and look-ahead windows, without a dependency for it."""

import calendar
from datetime import date


def months_later(day, months):
    """The same day `months` later (or earlier, if negative), moved back to the month's last day if short."""
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def years_earlier(day, years):
    """The same day `years` earlier; 29 February becomes 28 February in a common year."""
    return months_later(day, -12 * years)
