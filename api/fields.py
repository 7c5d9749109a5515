"""A date of the open-data API as much of it as is known: "1997", "1997-10" or "1997-10-06"."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from registry.partial_dates import PartialDate, partial_date

REDUCED_ISO_DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
PARTIAL_DATE_HELP = _(
    "ISO 8601 at the precision known: a day (1997-10-06), a month (1997-10) or a year only (1997)."
)


# The schema says a string of this pattern: a client must not read "1997" as 1 January 1997.
@extend_schema_field({"type": "string", "pattern": REDUCED_ISO_DATE_PATTERN, "example": "1997-10"})
class PartialDateField(serializers.Field):
    """A date in reduced ISO 8601 at its precision, null where it is not known.

    With `date_field`, it is read from the record (or row) with its `<date_field>_precision`; otherwise the
    value is a PartialDate (or None).
    """

    def __init__(self, date_field=None, **kwargs):
        self.date_field = date_field
        if date_field:
            kwargs["source"] = "*"
        kwargs.setdefault("help_text", PARTIAL_DATE_HELP)
        super().__init__(read_only=True, allow_null=True, **kwargs)

    def to_representation(self, value):
        if self.date_field:
            value = partial_date(value, self.date_field)
        return value.isoformat() if isinstance(value, PartialDate) else None
