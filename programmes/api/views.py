from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.exceptions import ValidationError

from krakow_relations.caching import public_page

from ..selectors import ALL, PAST, RUNNING, programme_participation_list_public
from .serializers import ProgrammeParticipationSerializer


@method_decorator(public_page, name="list")
class ProgrammeParticipationListView(generics.ListAPIView):
    """Krakow's public participations in EU programmes: running, past or all (the default)."""

    serializer_class = ProgrammeParticipationSerializer

    def get_queryset(self):
        status = self.request.query_params.get("status") or ALL
        if status not in (RUNNING, PAST, ALL):
            raise ValidationError({"status": [_("Choose running, past or all.")]})
        return programme_participation_list_public(status=status)

    @extend_schema(
        parameters=[OpenApiParameter("status", str, enum=[RUNNING, PAST, ALL], default=ALL)],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
