"""The reads behind the public pages of Krakow's memberships."""

from django.db.models import Exists, OuterRef, Q

from .models import Agency, Association, Membership


def membership_list_current():
    """Public memberships Krakow holds now: joined and not left."""
    return (
        Membership.objects.filter(is_public=True, joined_on__isnull=False, left_on__isnull=True)
        .select_related("association")
        .order_by("association__name")
    )


def association_list_current():
    """Associations Krakow is a current (public) member of."""
    return Association.objects.filter(Exists(membership_list_current().filter(association=OuterRef("pk"))))


def membership_list_active(*, on):
    """Memberships Krakow held on the day (public or not), with their associations."""
    return (
        Membership.objects.filter(joined_on__lte=on)
        .exclude(left_on__lte=on)
        .select_related("association")
        .order_by("association__name")
    )


def membership_list_awaiting_approval():
    """Memberships the City Council resolved that still wait for the Minister of Foreign Affairs' approval."""
    return Membership.objects.filter(
        resolution_date__isnull=False,
        mfa_approval_date__isnull=True,
        joined_on__isnull=True,
        left_on__isnull=True,
    ).select_related("association")


def agency_list_open_during(*, first_day, last_day):
    """Krakow's agencies abroad open at some time within the period: opened by its end (or on a day not
    known) and not closed before it began."""
    return Agency.objects.filter(Q(opened_on__lte=last_day) | Q(opened_on__isnull=True)).exclude(
        closed_on__lt=first_day
    )
