"""The open-data API's own addresses: its OpenAPI schema, the schema's documentation, and a JSON 404 for any
address under /api/ that no app's API answers (the project's URLs put these after the apps' own)."""

from django.urls import path, re_path
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.decorators import api_view
from rest_framework.exceptions import NotFound

from registry.caching import public_page

from .licence import LicensedMixin


class SchemaView(LicensedMixin, SpectacularAPIView):
    """The OpenAPI document, named in plain ASCII, under the data's licence.

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
    path("schema/", public_page(SchemaView.as_view()), name="schema"),
    # The split view serves Swagger UI's start-up script as a file (?script), so no inline script is needed.
    path("docs/", public_page(SpectacularSwaggerSplitView.as_view(url_name="api:schema")), name="docs"),
    re_path(r"^(?P<path>[\s\S]*)$", not_found),
]
