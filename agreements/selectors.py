"""The reads behind the council's dashboard and annual report: every record, public or not.

"Standing on a day" is worked out from the records' own dates: an agreement stands from its signing (an
honorary title from the council's resolution) until its termination; a working document from its signing
until the cooperation ended or an agreement standing that day formalized it.
"""

from django.db.models import Case, Count, IntegerField, Value, When
from django.db.models.functions import Coalesce, ExtractYear

from registry.dates import years_earlier

from .choices import KINDS_NEEDING_RESOLUTION, SIGNED_STATUSES, AgreementStatus
from .models import Agreement, WorkingDocument

ROUND_ANNIVERSARIES = (10, 20, 25, 30, 40, 50, 60, 70, 75, 80, 90, 100, 125, 150)


def agreement_start():
    """The day a relation began: the signing, or for an honorary title the council's resolution."""
    return Coalesce("signed_on", "resolution_date")


def agreement_list_standing(*, on):
    """Agreements in effect on the day (suspended ones too: the relation stands, its activity pauses)."""
    return (
        Agreement.objects.filter(status__in=SIGNED_STATUSES)
        .annotate(started_on=agreement_start())
        .filter(started_on__lte=on)
        .exclude(terminated_on__lte=on)
    )


def working_document_list_standing(*, on):
    """Working documents whose cooperation went on that day, not yet replaced by an agreement."""
    return (
        WorkingDocument.objects.filter(signed_on__lte=on)
        .exclude(ended_on__lte=on)
        .exclude(formalized_by__in=agreement_list_standing(on=on).values("pk"))
    )


def agreement_list_awaiting_resolution():
    """Agreements of the kinds the City Council concludes, still in negotiation without its resolution."""
    return Agreement.objects.filter(
        status=AgreementStatus.NEGOTIATION,
        kind__in=KINDS_NEEDING_RESOLUTION,
        resolution_date__isnull=True,
    ).select_related("city")


def agreement_list_round_anniversaries(agreements, *, after):
    """The agreements whose round anniversary (10, 20, 25 … years) falls within a year after the day.

    The anniversary of `years` falls in (after, after + 1 year] exactly when the start falls in
    (after - years, after - (years - 1)]; one `When` per round number keeps it a single query.
    """
    windows = [
        When(
            started_on__gt=years_earlier(after, years),
            started_on__lte=years_earlier(after, years - 1),
            then=Value(years),
        )
        for years in ROUND_ANNIVERSARIES
    ]
    return agreements.annotate(anniversary=Case(*windows, output_field=IntegerField())).filter(
        anniversary__isnull=False
    )


def agreement_counts_by_year_and_kind(agreements):
    """{(year, kind): count} of the agreements by the year they began, counted by the database."""
    rows = (
        agreements.exclude(started_on__isnull=True)
        .annotate(year=ExtractYear("started_on"))
        .values("year", "kind")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return {(int(row["year"]), row["kind"]): row["count"] for row in rows}


def agreement_list_begun_or_ended(*, first_day, last_day):
    """Agreements that began, and those terminated, within the period (two querysets)."""
    began = (
        Agreement.objects.filter(status__in=SIGNED_STATUSES)
        .annotate(started_on=agreement_start())
        .filter(started_on__range=(first_day, last_day))
    )
    ended = Agreement.objects.filter(terminated_on__range=(first_day, last_day)).annotate(
        started_on=agreement_start()
    )
    return began, ended
