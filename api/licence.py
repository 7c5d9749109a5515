"""The licence of the registry's open data, declared once, in SPECTACULAR_SETTINGS["LICENSE"] (the OpenAPI
schema's info.license), and read from there by the pages' footer, the API's Link header and the CSV."""

from drf_spectacular.settings import spectacular_settings


def open_data_licence():
    """{"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}."""
    return spectacular_settings.LICENSE


def licence_link():
    """The licence as an HTTP Link header (RFC 8288, the "license" relation of RFC 4946)."""
    return f'<{open_data_licence()["url"]}>; rel="license"'


class LicensedMixin:
    """An API view whose every response, data or error, names the data's licence in a Link header."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Link"] = licence_link()
        return response
