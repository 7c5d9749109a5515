"""The reads behind the public page and API of Krakow's EU programme participations."""

from django.db.models import Prefetch, Q
from django.utils import timezone

from partners.models import PartnerCity
from partners.selectors import partner_city_list_public

from .models import ProgrammeParticipation

RUNNING, PAST, ALL = "running", "past", "all"


def programme_participation_list_public(*, status=ALL):
    """Public participations that have started — running, past or all — newest first.

    Their partner cities come in one more query, and only those with a public page: a city without a public
    relation is not named, not even by its identifier.
    """
    participations = ProgrammeParticipation.objects.filter(is_public=True, starts_on__isnull=False)
    running = Q(ends_on__isnull=True) | Q(ends_on__gte=timezone.localdate())
    if status == RUNNING:
        participations = participations.filter(running)
    elif status == PAST:
        participations = participations.exclude(running)
    public_cities = PartnerCity.objects.filter(pk__in=partner_city_list_public().values("pk")).order_by(
        "name_en"
    )
    return participations.prefetch_related(Prefetch("cities", queryset=public_cities)).order_by(
        "-starts_on", "project"
    )
