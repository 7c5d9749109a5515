"""The reads of agreements and working documents: a city's public relation, and the council's views.

A city's *public relation* is worked out from its public agreements that were signed (in force, suspended or
terminated) and its public working documents not formalized by one of them, whenever it is read: nothing
stores it, so no write can leave it behind. Agreements in negotiation or approved but unsigned, records marked
non-public and internal notes never count.

"Standing on a day", for the council's dashboard and annual report (every record, public or not), is worked
out from the records' own dates: an agreement stands from its signing (an honorary title from the council's
resolution) until its termination; a working document from its signing until the cooperation ended or an
agreement standing that day formalized it.
"""

from django.db import models
from django.db.models import Case, Count, Exists, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, ExtractYear, Greatest
from django.db.models.lookups import Exact, GreaterThanOrEqual, IsNull, LessThanOrEqual

from partners.choices import Relation
from registry.partial_dates import DatePrecision

from .choices import IN_EFFECT_STATUSES, SIGNED_STATUSES, AgreementKind, AgreementStatus, Succession
from .models import Agreement, WorkingDocument


def agreement_start():
    """Annotations of when a relation began, `started_on` at `started_on_precision`: the signing, or for an
    honorary title the council's resolution."""
    return {
        "started_on": Coalesce("signed_on", "resolution_date"),
        "started_on_precision": Case(
            When(signed_on__isnull=False, then=F("signed_on_precision")),
            default=F("resolution_date_precision"),
        ),
    }


SIGNED_FIRST = F("signed_on").asc(nulls_last=True)
RELATION_OF_KIND = {
    AgreementKind.TWINNING: Relation.TWIN_CITY,
    AgreementKind.HONORARY_TITLE: Relation.HONORARY_TWIN_CITY,
    AgreementKind.PARTNERSHIP: Relation.PARTNER_CITY,
    AgreementKind.SECTORAL: Relation.SECTORAL,
}
KIND_OF_RELATION = {relation: kind for kind, relation in RELATION_OF_KIND.items()}


def public_agreements():
    """Agreements the public site shows: public and signed (in force, suspended or terminated)."""
    return Agreement.objects.filter(is_public=True, status__in=SIGNED_STATUSES)


def public_working_documents():
    """Public documents that stand for a relation of their own.

    A document formalized by a public, signed agreement is that agreement's relation; one whose agreement is
    not public yet still stands for itself, so that nothing hints at the unpublished agreement.
    """
    return WorkingDocument.objects.filter(is_public=True).exclude(
        formalized_by__is_public=True, formalized_by__status__in=SIGNED_STATUSES
    )


def partner_city_public_relation():
    """The public relation of each city of a PartnerCity queryset, as expressions for its `annotate()`.

    `relation` is the highest relation the city's public records give it now (`is_current`), or if none is
    known to go on, that of a cooperation whose status is not known (`is_current` None), or if they all
    ended, the highest they gave (None for a city without any); `since` the day the earliest record of that
    relation began; `until`, for a relation that ended, the day the last record ended; `since_precision` and
    `until_precision` how much of those is known (registry.partial_dates). Each is a few correlated
    subqueries, looked up through the records' index on their city.
    """
    # The city's agreements, the highest relation first, and the earliest of each relation first.
    agreements = (
        public_agreements()
        .filter(city=OuterRef("pk"))
        .annotate(
            rank=Case(
                *[
                    When(kind=KIND_OF_RELATION[relation], then=Value(rank))
                    for rank, relation in enumerate(Relation)
                    if relation in KIND_OF_RELATION
                ]
            ),
            relation=Case(
                *[When(kind=kind, then=Value(relation.value)) for kind, relation in RELATION_OF_KIND.items()]
            ),
            **agreement_start(),
        )
        .annotate(known_start_precision=precision_if_known("started_on"))
        .order_by("rank", "started_on")
    )
    # A document whose day is not known comes last: it cannot date a relation that others date.
    documents = (
        public_working_documents()
        .filter(city=OuterRef("pk"))
        .annotate(signed_precision=precision_if_known("signed_on"))
        .order_by(SIGNED_FIRST)
    )
    current_agreements = agreements.filter(status__in=IN_EFFECT_STATUSES)
    # A current relation began with the first agreement of its chain: an earlier one renewed or replaced by a
    # public agreement dates it too (Edinburgh since 1994, not since its renewal of 2019).
    renewed = public_agreements().filter(follows=OuterRef("pk")).exclude(follows_as=Succession.AMENDMENT)
    current_chains = agreements.filter(Q(status__in=IN_EFFECT_STATUSES) | Q(Exists(renewed)))
    chain_start = Case(When(Exists(current_agreements), then=_first(current_chains, "started_on")))
    chain_start_precision = Case(
        When(Exists(current_agreements), then=_first(current_chains, "known_start_precision"))
    )
    ended_agreements = agreements.filter(status=AgreementStatus.TERMINATED)
    current_documents = documents.filter(ended_on__isnull=True, status_not_known=False)
    open_documents = documents.filter(status_not_known=True)
    ended_documents = documents.filter(ended_on__isnull=False)
    cooperation = Value(Relation.COOPERATION.value)
    is_current = Q(Exists(current_agreements)) | Q(Exists(current_documents))
    not_ended = is_current | Q(Exists(open_documents))
    last_agreements = ended_agreements.order_by(F("terminated_on").desc())
    last_documents = ended_documents.order_by(F("ended_on").desc())
    last_agreement_end = _first(last_agreements, "terminated_on")
    last_document_end = _first(last_documents, "ended_on")
    last_agreement_precision = _first(last_agreements, "terminated_on_precision")
    # The first that a city has of: a current agreement, a current document, an ended agreement, an ended one.
    return {
        "relation": Coalesce(
            _first(current_agreements, "relation"),
            Case(When(Exists(current_documents) | Exists(open_documents), then=cooperation)),
            _first(ended_agreements, "relation"),
            Case(When(Exists(ended_documents), then=cooperation)),
            output_field=models.CharField(),
        ),
        "is_current": Case(
            When(is_current, then=Value(True)),
            When(Exists(open_documents), then=Value(None)),
            default=Value(False),
            output_field=models.BooleanField(null=True),
        ),
        "since": Coalesce(
            chain_start,
            _first(current_documents, "signed_on"),
            _first(open_documents, "signed_on"),
            _first(ended_agreements, "started_on"),
            _first(ended_documents, "signed_on"),
            output_field=models.DateField(),
        ),
        "since_precision": Coalesce(
            chain_start_precision,
            _first(current_documents, "signed_precision"),
            _first(open_documents, "signed_precision"),
            _first(ended_agreements, "known_start_precision"),
            _first(ended_documents, "signed_precision"),
            output_field=models.CharField(),
        ),
        "until": Case(
            When(not_ended, then=Value(None, output_field=models.DateField())),
            # Greatest() is NULL on SQLite if either is: each stands in for the other where it is missing.
            default=Greatest(
                Coalesce(last_agreement_end, last_document_end),
                Coalesce(last_document_end, last_agreement_end),
            ),
            output_field=models.DateField(),
        ),
        # The precision of whichever end is the later; an agreement ended "in 2014" may have ended after a
        # document did on 3 May 2014, so its year stands for both.
        "until_precision": Case(
            When(not_ended, then=Value(None)),
            When(
                Q(GreaterThanOrEqual(last_agreement_end, last_document_end))
                | Q(IsNull(last_document_end, True)),
                then=last_agreement_precision,
            ),
            When(
                Q(Exact(last_agreement_precision, DatePrecision.YEAR))
                & Q(Exact(ExtractYear(last_agreement_end), ExtractYear(last_document_end))),
                then=Value(DatePrecision.YEAR),
            ),
            default=_first(last_documents, "ended_on_precision"),
            output_field=models.CharField(),
        ),
    }


def partner_city_partners_since(*, public=True):
    """When each city of a PartnerCity queryset first cooperated with Krakow, as expressions for its
    `annotate()`: `partners_since`, the earliest day any of its signed agreements (of any status, terminated
    ones and the ones later renewed or replaced included) or working documents began, and
    `partners_since_precision`. With `public`, only what the public site shows counts; without, every record.
    """
    agreements = public_agreements() if public else Agreement.objects.filter(status__in=SIGNED_STATUSES)
    documents = WorkingDocument.objects.filter(is_public=True) if public else WorkingDocument.objects.all()
    # Of two starts on the same first day, the one known to the day ("day" sorts before "month" and "year").
    earliest_agreements = (
        agreements.filter(city=OuterRef("pk"))
        .annotate(**agreement_start())
        .filter(started_on__isnull=False)
        .order_by("started_on", "started_on_precision")
    )
    earliest_documents = documents.filter(city=OuterRef("pk"), signed_on__isnull=False).order_by(
        "signed_on", "signed_on_precision"
    )
    agreement_day = _first(earliest_agreements, "started_on")
    document_day = _first(earliest_documents, "signed_on")
    agreement_first = Q(IsNull(document_day, True)) | Q(LessThanOrEqual(agreement_day, document_day))
    return {
        "partners_since": Case(
            When(agreement_first, then=agreement_day), default=document_day, output_field=models.DateField()
        ),
        "partners_since_precision": Case(
            When(agreement_first, then=_first(earliest_agreements, "started_on_precision")),
            default=_first(earliest_documents, "signed_on_precision"),
            output_field=models.CharField(),
        ),
    }


def precision_if_known(field):
    """The precision of a date, NULL where the date is not known, so that Coalesce() passes on as it does for
    the date itself."""
    return Case(
        When(**{f"{field}__isnull": False}, then=F(f"{field}_precision")), output_field=models.CharField()
    )


def partner_city_has_public_relation():
    """A condition on a city: it has a public relation (and so a public page)."""
    return Q(Exists(public_agreements().filter(city=OuterRef("pk")))) | Q(
        Exists(public_working_documents().filter(city=OuterRef("pk")))
    )


def _first(records, field):
    """The field of the first of these records (ordered), as a subquery."""
    return Subquery(records.values(field)[:1])


def agreement_list_standing(*, on):
    """Agreements in effect on the day (suspended ones too: the relation stands, its activity pauses); one
    whose start is not known counts as in effect since before it, as on the public site. An amendment is part
    of the agreement it amends, not a relation of its own."""
    return (
        Agreement.objects.filter(status__in=SIGNED_STATUSES)
        .exclude(follows_as=Succession.AMENDMENT)
        .annotate(**agreement_start())
        .filter(Q(started_on__lte=on) | Q(started_on__isnull=True))
        .exclude(terminated_on__lte=on)
    )


def working_document_list_standing(*, on):
    """Working documents whose cooperation went on that day, not yet replaced by an agreement; one whose day
    of signing is not known (or that was never signed) counts as going on since before it, one of which the
    record does not say whether it goes on does not count."""
    return (
        WorkingDocument.objects.filter(
            Q(signed_on__lte=on) | Q(signed_on__isnull=True), status_not_known=False
        )
        .exclude(ended_on__lte=on)
        .exclude(formalized_by__in=agreement_list_standing(on=on).values("pk"))
    )


def agreement_list_awaiting_resolution():
    """Agreements still in negotiation, waiting for the City Council's resolution."""
    return Agreement.objects.filter(
        status=AgreementStatus.NEGOTIATION, resolution_date__isnull=True
    ).select_related("city")


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
        .annotate(**agreement_start())
        .filter(started_on__range=(first_day, last_day))
    )
    ended = Agreement.objects.filter(terminated_on__range=(first_day, last_day)).annotate(**agreement_start())
    return began, ended


def working_document_list_signed_or_ended(*, first_day, last_day):
    """Working documents signed, or whose cooperation ended, within the period, with their cities. A date
    known to the month or year only is stored as its period's first day, so it falls within a year's period
    as it should."""
    period = (first_day, last_day)
    return WorkingDocument.objects.filter(
        Q(signed_on__range=period) | Q(ended_on__range=period)
    ).select_related("city")
