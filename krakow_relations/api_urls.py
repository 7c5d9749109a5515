"""The public open-data API, language-neutral at /api/ (country names follow Accept-Language)."""

from django.urls import path, re_path
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.decorators import api_view
from rest_framework.exceptions import NotFound

from memberships.api.views import MembershipListView
from partners.api.views import PartnerCityCSVViewSet, PartnerCityViewSet
from programmes.api.views import ProgrammeParticipationListView

from .caching import public_page

app_name = "api"


class SchemaView(SpectacularAPIView):
    """The OpenAPI document, named in plain ASCII.

    drf-spectacular names the file after the title, whose dash would make Django encode the whole
    Content-Disposition header into a form no browser reads.
    """

    def _get_filename(self, request, version):
        return f"krakow-relations-openapi.{self.perform_content_negotiation(request, force=True)[0].format}"


@extend_schema(exclude=True)
@api_view(["GET", "HEAD"])
def not_found(request, path):
    """Any other address under /api/ is a JSON 404, like an unknown record, never the site's HTML page."""
    raise NotFound


urlpatterns = [
    path("partners/", PartnerCityViewSet.as_view({"get": "list"}), name="partner-list"),
    path("partners.csv", PartnerCityCSVViewSet.as_view({"get": "list"}), name="partner-csv"),
    path("partners/<slug:slug>/", PartnerCityViewSet.as_view({"get": "retrieve"}), name="partner-detail"),
    path("associations/", MembershipListView.as_view(), name="association-list"),
    path("eu-programmes/", ProgrammeParticipationListView.as_view(), name="programme-list"),
    path("schema/", public_page(SchemaView.as_view()), name="schema"),
    # The split view serves Swagger UI's start-up script as a file (?script), so no inline script is needed.
    path("docs/", public_page(SpectacularSwaggerSplitView.as_view(url_name="api:schema")), name="docs"),
    re_path(r"^(?P<path>[\s\S]*)$", not_found),
]
