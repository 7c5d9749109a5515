"""Renderers of the public API: CSV for spreadsheets, and a browsable API that is safe to cache."""

import csv
import io

from rest_framework.renderers import BaseRenderer, BrowsableAPIRenderer

from registry.tables import neutralise


class CSVRenderer(BaseRenderer):
    """Serialized rows as UTF-8 CSV: a header row of `header`, then one row per item."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"
    header = ()
    filename = "data.csv"

    def get_filename(self):
        return self.filename

    def render(self, data, accepted_media_type=None, renderer_context=None):
        response = (renderer_context or {}).get("response")
        rows = data if isinstance(data, list) else [data]
        header = self.header
        if response is not None and response.exception:
            header = list(data)  # an error ({"detail": …}) keeps its own keys
        elif response is not None:
            response["Content-Disposition"] = f'attachment; filename="{self.get_filename()}"'
        output = io.StringIO()
        writer = csv.writer(output)
        writer.writerow(header)
        writer.writerows([neutralise(row.get(column)) for column in header] for row in rows)
        return output.getvalue().encode(self.charset)


class PublicBrowsableAPIRenderer(BrowsableAPIRenderer):
    """The browsable API without a CSRF token.

    Its pages are cached and served to everyone, and a token carries the secret of the visitor it was made
    for (a member of staff, maybe); the read-only API takes no form posts, so it needs none.
    """

    def get_context(self, data, accepted_media_type, renderer_context):
        context = super().get_context(data, accepted_media_type, renderer_context)
        context["csrf_token"] = ""
        return context
