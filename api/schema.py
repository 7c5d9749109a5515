"""The OpenAPI schema of the read-only API, with the errors its endpoints really give documented too."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema

DETAIL = {"type": "object", "properties": {"detail": {"type": "string"}}, "required": ["detail"]}
FIELD_ERRORS = {
    "type": "object",
    "description": "Each invalid query parameter with its messages.",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}


class RegistryAutoSchema(AutoSchema):
    """Adds to each read operation the answers besides 200: an invalid filter is a 400 naming the parameter,
    an unknown record or a page past the end a 404 — in every format the operation renders."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response" or self.method != "GET":
            return responses
        errors = {}
        if self._is_list_view():
            if getattr(self.view, "filterset_class", None):
                errors["400"] = (FIELD_ERRORS, _("A query parameter is invalid."))
            if self._get_paginator():
                errors["404"] = (DETAIL, _("No such page."))
        else:
            errors["404"] = (DETAIL, _("No public record with this identifier."))
        for code, (schema, description) in errors.items():
            response = self._get_response_for_code(schema, code, direction=direction)
            responses.setdefault(code, {**response, "description": description})
        return responses
