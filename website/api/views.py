"""The partner cities in the open-data API: the public list (JSON, paginated, or CSV) and each city."""

from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import viewsets
from rest_framework.settings import api_settings

from api.licence import LicensedMixin
from api.renderers import CSVRenderer
from registry.caching import public_page

from ..filtersets import PartnerCityAPIFilterSet, VisitFilterSet
from ..selectors import partner_city_list_public, partner_city_prefetch_public_relations, visit_list_public
from .serializers import CSV_COLUMNS, PartnerCitySerializer, VisitSerializer


class PartnerCityCSVRenderer(CSVRenderer):
    header = CSV_COLUMNS

    def get_filename(self):
        # The city addresses inside follow the language negotiated (Accept-Language); so does the name.
        return f"krakow-partner-cities-{get_language()}.csv"


# cache_page learns the key after rendering, so the JSON, the CSV and the browsable API (Vary: Accept) are
# cached apart.
@method_decorator(public_page, name="list")
@method_decorator(public_page, name="retrieve")
class PartnerCityViewSet(LicensedMixin, viewsets.ReadOnlyModelViewSet):
    """Cities with a public relation with Krakow: current relations by default (`status=ended` or `all`).

    The same filters as the public list page; `format=csv` gives the whole filtered list as CSV.
    """

    serializer_class = PartnerCitySerializer
    filterset_class = PartnerCityAPIFilterSet
    lookup_field = "slug"
    renderer_classes = [*api_settings.DEFAULT_RENDERER_CLASSES, PartnerCityCSVRenderer]

    def get_queryset(self):
        return partner_city_prefetch_public_relations(partner_city_list_public())

    def filter_queryset(self, queryset):
        # A city's own address answers whether its relations are current or ended.
        if self.action == "retrieve":
            return queryset
        return super().filter_queryset(queryset)

    def paginate_queryset(self, queryset):
        # The CSV is the whole filtered list, in one file.
        if self.request.accepted_renderer.format == PartnerCityCSVRenderer.format:
            return None
        return super().paginate_queryset(queryset)


class PartnerCityCSVViewSet(PartnerCityViewSet):
    """The public list as CSV (UTF-8, header row), with the same filters and without pages."""

    renderer_classes = [PartnerCityCSVRenderer]
    pagination_class = None

    @extend_schema(tags=["partners"], responses={(200, "text/csv"): OpenApiResponse(OpenApiTypes.STR)})
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)


@method_decorator(public_page, name="list")
@method_decorator(public_page, name="retrieve")
class VisitViewSet(LicensedMixin, viewsets.ReadOnlyModelViewSet):
    """Visits to and from Krakow that staff made public, the latest first: `city` gives one partner city's.

    Who went, the programme and the outcome are the staff's only.
    """

    serializer_class = VisitSerializer
    filterset_class = VisitFilterSet
    lookup_field = "slug"

    def get_queryset(self):
        return visit_list_public()
