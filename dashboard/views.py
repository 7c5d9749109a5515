"""The council's dashboard, its tables as CSV and the annual report, for council members and staff."""

import dataclasses
import functools

from django.conf import settings
from django.contrib.auth.decorators import login_required, user_passes_test
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from partners.models import PartnerCity
from registry.money import Money, Totals
from registry.partial_dates import PartialDate
from registry.permissions import may_see_dashboard
from website.selectors import partner_city_list_with_public_page
from website.views import map_data

from .filtersets import DashboardFilterSet
from .overview import RegistryOverview
from .report import FIRST_REPORT_YEAR, annual_report_pdf


def council_only(view):
    """Signed-in council members and staff; others signed in get a 403, anonymous visitors the login page."""

    def check(user):
        if may_see_dashboard(user):
            return True
        raise PermissionDenied

    return require_safe(never_cache(login_required(user_passes_test(check)(view))))


def city_links(user):
    """Where the dashboard links a city's name (`slug` → address, "" for none): staff to the city's page in
    the admin, council members, who have no admin, to its public page where it has one."""
    if user.is_staff:
        return lambda slug: reverse("admin:partners_partnercity_change", args=[slug])
    public = functools.cache(lambda: set(partner_city_list_with_public_page().values_list("slug", flat=True)))
    return lambda slug: reverse("partners:city_detail", args=[slug]) if slug in public() else ""


def _overview(request):
    filterset = DashboardFilterSet(request.GET, queryset=PartnerCity.objects.all())
    return filterset, RegistryOverview(filterset.scope(), city_url=city_links(request.user))


@council_only
def overview(request):
    filterset, overview = _overview(request)
    query = f"?{request.GET.urlencode()}" if request.GET else ""
    return render(
        request,
        "dashboard/overview.html",
        {
            "filter": filterset,
            "overview": overview,
            "query": query,
            # The map fetches its cities (all of them, however large the registry) instead of the page
            # carrying them.
            "map_url": reverse("dashboard:city_map") + query,
            "map_tiles_url": settings.MAP_TILES_URL,
            "report_years": range(timezone.localdate().year, FIRST_REPORT_YEAR - 1, -1),
            "section": "dashboard",
        },
    )


@council_only
def city_map(request):
    """The cities of the dashboard's map, within the same filters as the page."""
    _filterset, overview = _overview(request)
    return JsonResponse(map_data(overview.map_cities, url=lambda city: overview.city_url(city.slug)))


@council_only
def table_csv(request, key):
    filterset, overview = _overview(request)
    # The page shows an invalid filter beside the figures it leaves out of them; a download cannot, so it
    # is refused with the filter's error rather than computed without it.
    if not filterset.is_valid():
        return HttpResponseBadRequest(filterset.errors.as_text(), content_type="text/plain; charset=utf-8")
    table = overview.table(key)
    if table is None:
        raise Http404
    return for_csv(table).csv_response()


def for_csv(table):
    """The table with each partial date in reduced ISO 8601 ("1997", "1997-10", "1997-10-06") and each sum as
    "1250.00 EUR", as a program reads them; the page shows them as its language writes them."""
    rows = [[_csv_cell(value) for value in row] for row in table.rows]
    return dataclasses.replace(table, rows=rows)


def _csv_cell(value):
    if isinstance(value, PartialDate):
        return value.isoformat()
    return value.for_csv() if isinstance(value, Money | Totals) else value


@council_only
def annual_report(request, year):
    if not FIRST_REPORT_YEAR <= year <= timezone.localdate().year:
        raise Http404
    response = HttpResponse(annual_report_pdf(year), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="krakow-annual-report-{year}-{get_language()}.pdf"'
    return response
