"""Tables and charts of the council's dashboard and annual report, and their CSV downloads.

A `Table` is the figures as rows; a `Chart` draws a table as SVG with Matplotlib on the server. The page
shows the chart as an image with its title, description and the table behind it, the PDF report embeds
the very same SVG, and every table downloads as CSV.
"""

import base64
import csv
import hashlib
import io
import json
from dataclasses import dataclass, field, fields
from functools import cached_property

from django.core.cache import cache
from django.http import HttpResponse
from django.utils.functional import Promise
from django.utils.html import escape
from django.utils.translation import get_language, gettext

from .formulae import formula_neutralise

# Okabe-Ito, distinguishable for colour-blind readers, for series that have no colour of their own.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
INK = "#1a1a1a"
# A drawn chart is kept under a digest of everything drawn on it, so it never goes stale and needs no
# invalidation; the time only bounds the cache's memory. Change DRAWING when the drawing code changes.
DRAWING = "2"
CHART_CACHE_SECONDS = 7 * 24 * 3600


def neutralise(value):
    """The cell as text a spreadsheet will not execute; numbers (a negative longitude) stay numbers."""
    if value is None:
        return ""
    if isinstance(value, Promise):  # a translated label
        value = str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return formula_neutralise(value)
    return value


class Link(str):
    """A cell's text with the address it links to. It is a str, so it sorts, compares and goes into a CSV as
    its text; the page shows it as a link (the `cell` filter)."""

    def __new__(cls, text, url):
        link = super().__new__(cls, text)
        link.url = url
        return link


@dataclass
class Table:
    key: str
    title: str
    columns: list
    rows: list = field(default_factory=list)
    description: str = ""

    def csv_response(self):
        output = io.StringIO()
        writer = csv.writer(output)
        writer.writerow([str(column) for column in self.columns])
        writer.writerows([neutralise(cell) for cell in row] for row in self.rows)
        response = HttpResponse(output.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.key}.csv"'
        return response


@dataclass
class Chart:
    """Bars of one or more series over categories: stacked (parts of a whole) or side by side."""

    key: str
    title: str
    description: str
    category_label: str
    value_label: str
    categories: list
    series: list  # [(label, [value per category]), …]
    stacked: bool = True
    horizontal: bool = False
    # The series' colours, in their order, where each series has its own (a relation's, everywhere).
    colours: list = field(default_factory=list)

    @classmethod
    def of_counts(cls, counts, *, categories, series, colours=None, **labels):
        """A stacked chart of {(category, series): count}; `categories` and `series` are (key, label) pairs,
        `colours` {series key: colour}, and a series with nothing in any category is left out."""
        shown = [
            (key, label)
            for key, label in series
            if any(counts.get((category, key)) for category, _label in categories)
        ]
        return cls(
            categories=[label for _key, label in categories],
            series=[
                (label, [counts.get((category, key), 0) for category, _label in categories])
                for key, label in shown
            ],
            colours=[colours[key] for key, _label in shown] if colours else [],
            **labels,
        )

    @property
    def table(self):
        columns = [self.category_label, *(label for label, _values in self.series)]
        rows = [
            [category, *(values[index] for _label, values in self.series)]
            for index, category in enumerate(self.categories)
        ]
        return Table(self.key, self.title, columns, rows, self.description)

    @property
    def is_empty(self):
        return not any(value for _label, values in self.series for value in values)

    @cached_property
    def svg(self):
        """The chart as a standalone SVG document, its text kept as text (searchable, readable in a PDF).

        Drawing is most of the dashboard's time, and a chart changes only when the registry does: each
        distinct chart is drawn once and then served from the cache.
        """
        return cache.get_or_set(self._cache_key(), self._draw_svg, timeout=CHART_CACHE_SECONDS)

    def _cache_key(self):
        # The labels as the active language renders them (an empty chart says so in that language too).
        drawn = [DRAWING, get_language(), *(getattr(self, each.name) for each in fields(self))]
        content = json.dumps(drawn, default=str, ensure_ascii=False)
        return "chart-" + hashlib.sha256(content.encode()).hexdigest()

    def _draw_svg(self):
        import matplotlib
        from matplotlib.figure import Figure

        with matplotlib.rc_context(
            {
                "svg.fonttype": "none",
                "svg.hashsalt": self.key,
                "font.family": ["DejaVu Sans"],
                "font.size": 10,
                "text.color": INK,
                "axes.labelcolor": INK,
                "xtick.color": INK,
                "ytick.color": INK,
                "axes.spines.top": False,
                "axes.spines.right": False,
            }
        ):
            figure = Figure(figsize=(6.4, 3.4 if not self.horizontal else 1.3 + 0.36 * len(self.categories)))
            figure.set_layout_engine("constrained")
            axes = figure.subplots()
            self._draw(axes)
            output = io.StringIO()
            figure.savefig(output, format="svg", metadata={"Date": None, "Title": str(self.title)})
        svg = output.getvalue()
        svg = svg[svg.index("<svg") :]
        opening_end = svg.index(">") + 1
        labels = f"<title>{escape(self.title)}</title><desc>{escape(self.description)}</desc>"
        return svg[:opening_end] + labels + svg[opening_end:]

    @property
    def data_uri(self):
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode()).decode()

    def _colours(self):
        return self.colours or PALETTE

    def _draw(self, axes):
        positions = list(range(len(self.categories)))
        labels = [str(category) for category in self.categories]
        if self.is_empty:
            axes.text(0.5, 0.5, gettext("No figures for this selection."), ha="center", va="center")
            axes.set_axis_off()
            return
        bar = axes.barh if self.horizontal else axes.bar
        width = 0.8 if self.stacked else 0.8 / len(self.series)
        base = [0.0] * len(positions)
        for number, ((label, values), colour) in enumerate(zip(self.series, self._colours(), strict=False)):
            values = [float(value or 0) for value in values]
            offset = 0 if self.stacked else (number - (len(self.series) - 1) / 2) * width
            where = [position + offset for position in positions]
            extent = {"left" if self.horizontal else "bottom": base} if self.stacked else {}
            bar(where, values, width, label=str(label), color=colour, **extent)
            if self.stacked:
                base = [total + value for total, value in zip(base, values, strict=True)]
        value_axis, category_axis = (axes.xaxis, axes.yaxis) if self.horizontal else (axes.yaxis, axes.xaxis)
        category_axis.set_ticks(positions, labels)
        if self.horizontal:
            axes.invert_yaxis()
        elif len(labels) > 5 or max(map(len, labels), default=0) > 8:
            for label in axes.get_xticklabels():
                label.set(rotation=45, ha="right", rotation_mode="anchor")
        value_axis.set_label_text(str(self.value_label))
        value_axis.get_major_locator().set_params(integer=True)
        value_axis.grid(True, color="#d9d9d9", linewidth=0.6)
        axes.set_axisbelow(True)
        if self.colours or len(self.series) > 1:
            # Below the bars rather than beside them: the bars keep the figure's width, on a phone too.
            axes.figure.legend(loc="outside lower center", ncols=2, frameon=False, fontsize=10)
