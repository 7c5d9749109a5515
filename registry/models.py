"""Parts shared by every registry record: the exchange-format identifier and the provenance of its facts."""

import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .attachments import PrivateStorage, attachment_upload_to, detect_document_type, validate_document
from .partial_dates import (
    DatePrecision,
    partial_date,
    precision_constraints,
    precision_field,
    store_at_precision,
    within_later_period,
)

IDENTIFIER_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
identifier_validator = RegexValidator(
    IDENTIFIER_PATTERN,
    _("Use lower-case letters and digits in words joined by single hyphens, e.g. saint-petersburg."),
)
council_resolution_number_validator = RegexValidator(
    r"^[IVXLCDM]+/\d{1,5}/\d{2}$",
    _("A City Council resolution number looks like XII/123/91 (session / number / year)."),
)
mayor_decision_number_validator = RegexValidator(
    r"^\d{1,5}/\d{4}$",
    _("A Mayor's decision number looks like 1234/2023 (number / year)."),
)

RESOLUTION_INCOMPLETE = _(
    "A City Council resolution's number needs its date (a date alone records a resolution whose number is "
    "not known)."
)
RESOLUTION_IN_FUTURE = _("A City Council resolution cannot be dated in the future.")
RESOLUTION_BEFORE_COUNCIL = _(
    "The City Council of Krakow was first elected on 27 May 1990: no resolution of it is dated earlier (an "
    "earlier decision was the body of the time's)."
)
# The day the City Council of Krakow was first elected; the bodies of the time decided before it.
COUNCIL_SINCE = datetime.date(1990, 5, 27)
RESOLUTION_OF_ANOTHER_YEAR = _("Resolution %(number)s is of %(year)s, but its date is in %(date_year)s.")


def resolution_year(number):
    """The year that a valid council resolution number ends with: XII/123/91 is of 1991, LXX/1003/25 of 2025.

    Two digits name it: the City Council sits since 1990, so 90 to 99 are the 1990s and the rest this century.
    """
    two_digits = int(number.rsplit("/", 1)[1])
    return two_digits + (1900 if two_digits >= 90 else 2000)


def decision_year(number):
    """The year that a valid Mayor's decision number ends with: 1234/2023 is of 2023."""
    return int(number.rsplit("/", 1)[1])


def number_of_another_year(number, validator, year_of, day):
    """The year a valid number names, if its date falls in another year; else None."""
    if not (number and day):
        return None
    try:
        validator(number)
    except ValidationError:
        return None  # the field's own validator reports a malformed number
    year = year_of(number)
    return year if year != day.year else None


# Some four printed pages, about twenty times the longest note of the demo registry (533 characters).
TEXT_MAX_LENGTH = 10_000


class LimitedTextField(models.TextField):
    """Free text (a description, notes, a reason) of at most `max_length` characters, by whichever door.

    A TextField's max_length limits its form field alone (the admin's); the validator makes `full_clean()`
    refuse longer text as well, so the exchange and spreadsheet imports and the services hold the same limit.
    """

    def __init__(self, *args, max_length=TEXT_MAX_LENGTH, **kwargs):
        super().__init__(*args, max_length=max_length, **kwargs)
        self.validators.append(MaxLengthValidator(self.max_length))


def given_together(reference_field, date_field):
    """Condition: a reference (a number) and its date are given together or not at all."""
    return Q(**{reference_field: "", f"{date_field}__isnull": True}) | (
        ~Q(**{reference_field: ""}) & Q(**{f"{date_field}__isnull": False})
    )


def not_after(earlier_field, later_field, *, partial=False):
    """Condition: where both dates are known, the earlier one does not follow the later one. With `partial`,
    the later date may be known to a month or a year only (registry.partial_dates)."""
    condition = Q(**{f"{earlier_field}__lte": F(later_field)})
    if partial:
        condition |= within_later_period(earlier_field, later_field)
    return Q(**{f"{earlier_field}__isnull": True}) | Q(**{f"{later_field}__isnull": True}) | condition


def not_recorded_field(verbose_name, help_text=""):
    """Why a record lacks an act that its rules call for: for an old record, where the act is not known."""
    return models.CharField(verbose_name, max_length=300, blank=True, help_text=help_text)


def in_order(earlier_field, later_field, *, partial=False):
    """Condition: the later date, when given, needs the earlier one and does not precede it (with `partial`,
    as in not_after)."""
    condition = Q(**{f"{earlier_field}__lte": F(later_field)})
    if partial:
        condition |= within_later_period(earlier_field, later_field)
    return Q(**{f"{later_field}__isnull": True}) | (Q(**{f"{earlier_field}__isnull": False}) & condition)


class PartialDates(models.Model):
    """A model with dates known to the day, the month or the year (registry.partial_dates)."""

    class Meta:
        abstract = True

    def clean_fields(self, exclude=None):
        # Before the rules compare them, a date known to a month or a year is kept as that period's first day.
        store_at_precision(self)
        super().clean_fields(exclude)

    def known_date(self, field_name):
        """The date `field_name` at its precision (a PartialDate), or None where it is not known."""
        return partial_date(self, field_name)


class RegistryRecord(PartialDates):
    """A record that the outside world names by a stable slug (URLs, commands, the exchange format)."""

    slug = models.SlugField(
        _("identifier"),
        max_length=64,
        unique=True,
        validators=[identifier_validator],
        help_text=_("Stable identifier used in addresses, the API and the exchange format, e.g. nuremberg."),
    )
    sources = models.JSONField(
        _("sources"),
        default=list,
        blank=True,
        help_text=_("Where the facts come from: addresses or citations."),
    )
    placeholders = models.JSONField(
        _("placeholders"),
        default=list,
        blank=True,
        help_text=_(
            "Exchange-format keys of this record whose values are placeholders still to be verified."
        ),
    )

    class Meta:
        abstract = True

    def __str__(self):
        return self.slug


class CouncilResolved(PartialDates):
    """A record that a City Council resolution (uchwała Rady Miasta Krakowa) approves."""

    resolution_number = models.CharField(
        _("City Council resolution number"),
        max_length=24,
        blank=True,
        validators=[council_resolution_number_validator],
        help_text=_("For example XII/123/91."),
    )
    resolution_date = models.DateField(_("City Council resolution date"), null=True, blank=True)
    resolution_date_precision = precision_field()

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(resolution_number="") | Q(resolution_date__isnull=False),
                name="%(app_label)s_%(class)s_resolution_complete",
                violation_error_message=RESOLUTION_INCOMPLETE,
            ),
            *precision_constraints("resolution_date"),
            models.CheckConstraint(
                condition=Q(resolution_date__isnull=True)
                | Q(resolution_date__gte=COUNCIL_SINCE)
                | Q(
                    resolution_date_precision__in=[DatePrecision.MONTH, DatePrecision.YEAR],
                    resolution_date__year__gte=COUNCIL_SINCE.year,
                ),
                name="%(app_label)s_%(class)s_resolution_of_the_council",
                violation_error_message=RESOLUTION_BEFORE_COUNCIL,
            ),
        ]

    def resolution_errors(self):
        """The resolution's own rules: a number has its date, no future date, and one year in both."""
        if self.resolution_number and self.resolution_date is None:
            return {"resolution_date": RESOLUTION_INCOMPLETE}
        resolved = self.known_date("resolution_date")
        if resolved and resolved.last_day < COUNCIL_SINCE:
            return {"resolution_date": RESOLUTION_BEFORE_COUNCIL}
        if self.resolution_date and self.resolution_date > timezone.localdate():
            return {"resolution_date": RESOLUTION_IN_FUTURE}
        year = number_of_another_year(
            self.resolution_number, council_resolution_number_validator, resolution_year, self.resolution_date
        )
        if year:
            message = RESOLUTION_OF_ANOTHER_YEAR % {
                "number": self.resolution_number,
                "year": year,
                "date_year": self.resolution_date.year,
            }
            return {"resolution_date": message}
        return {}

    def clean(self):
        errors = self.resolution_errors()
        if errors:
            raise ValidationError(errors)


class AttachmentKind(models.TextChoices):
    SIGNED_AGREEMENT = "signed_agreement", _("signed agreement (scan)")
    RESOLUTION = "resolution", _("City Council resolution")
    MFA_APPROVAL = "mfa_approval", _("Minister of Foreign Affairs' approval")
    MAYOR_DECISION = "mayor_decision", _("Mayor's decision")
    CORRESPONDENCE = "correspondence", _("letter or e-mail")
    VISIT_PROGRAMME = "visit_programme", _("programme of a visit")
    OTHER = "other", _("other document")


class Attachment(models.Model):
    """A document kept with a registry record: a PDF or a scan, served to permitted staff only."""

    content_type = models.ForeignKey(ContentType, models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(_("kind"), max_length=24, choices=AttachmentKind.choices)
    title = models.CharField(_("title"), max_length=200, blank=True)
    # Kept and served under the registry's name for it (attachments.registry_file_name), never the uploaded
    # one; 200 characters hold the year's folder, a 64-character identifier and the longest kind.
    file = models.FileField(
        _("file"),
        upload_to=attachment_upload_to,
        storage=PrivateStorage(),
        validators=[validate_document],
        max_length=200,
    )
    media_type = models.CharField(_("type"), max_length=40, editable=False)
    size = models.PositiveBigIntegerField(_("size (bytes)"), editable=False)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        verbose_name=_("uploaded by"),
    )

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return self.title or self.get_kind_display()

    def save(self, *args, **kwargs):
        # What the bytes are, as the validator found them, is what the download view will declare, and gives
        # the stored name its extension (attachment_upload_to).
        self.media_type = detect_document_type(self.file) or ""
        self.size = self.file.size
        super().save(*args, **kwargs)
