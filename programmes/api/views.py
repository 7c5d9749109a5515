from django.utils.decorators import method_decorator
from rest_framework import generics

from api.licence import LicensedMixin
from registry.caching import public_page

from ..filtersets import ProgrammeParticipationFilterSet
from ..selectors import programme_participation_list_public
from .serializers import ProgrammeParticipationSerializer


@method_decorator(public_page, name="list")
class ProgrammeParticipationListView(LicensedMixin, generics.ListAPIView):
    """Krakow's public participations in EU programmes: running, past or all (the default)."""

    serializer_class = ProgrammeParticipationSerializer
    filterset_class = ProgrammeParticipationFilterSet

    def get_queryset(self):
        return programme_participation_list_public()
