"""The public partner-city pages: the list with its filters and map, each city's page, the registry as PDF."""

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from partners.choices import RELATION_COLOURS, Relation
from programmes.selectors import (
    activity_counts_public_by_year,
    activity_list_latest_public,
    activity_list_public,
)
from registry.caching import public_page
from registry.pagination import page_of
from registry.pdf import render_pdf

from .filtersets import PartnerCityFilterSet
from .selectors import (
    partner_city_get_public,
    partner_city_list_public,
    partner_city_public_sources,
    relation_counts,
)

# A partner of many decades has hundreds of activities: its page shows the latest, the rest a click away.
LATEST_ACTIVITIES_SHOWN = 10

# A group of markers is named "12 cities" in the page's language: the map picks, with the browser's
# Intl.PluralRules, the form of the sample whose plural category is the group's (1, 2, 5 cover Polish's one,
# few and many, English's one and other).
PLURAL_SAMPLES = (1, 2, 5)


def map_data(cities, url=None):
    """What the map script draws (static/js/partner-map.js): the cities, Krakow, each relation's colour
    (partners.choices.RELATION_COLOURS, the one declaration of them) and the labels.

    Each city links to its public page unless `url` gives another address for it.
    """
    latitude, longitude = settings.HOME_COORDINATES
    return {
        "cities": [
            {
                "id": city.slug,
                "name": city.name,
                "country": str(city.country.name),
                "relation": city.relation,
                "relation_label": str(Relation(city.relation).label),
                "ended": city.is_current is False,
                "status_not_known": city.is_current is None,
                "latitude": float(city.latitude),
                "longitude": float(city.longitude),
                "url": url(city) if url else reverse("partners:city_detail", args=[city.slug]),
            }
            for city in cities
            if city.latitude is not None
        ],
        "home": {"name": _("Royal Capital City of Krakow"), "latitude": latitude, "longitude": longitude},
        "colours": {relation.value: colour for relation, colour in RELATION_COLOURS.items()},
        "labels": {
            "legend": _("Relation"),
            "map": _("Map of Krakow's partner cities"),
            "ended": _("relation ended"),
            "status_not_known": _("status not known"),
            "zoom_in": _("Zoom in"),
            "zoom_out": _("Zoom out"),
            "cities": {
                str(count): ngettext("%(counter)s city", "%(counter)s cities", count) % {"counter": "{count}"}
                for count in PLURAL_SAMPLES
            },
        },
    }


@public_page
def city_list(request):
    cities = partner_city_list_public()
    filterset = PartnerCityFilterSet(request.GET, queryset=cities)
    # The map shows every filtered city, from its own address (city_map); the list a page of them.
    page = page_of(request, filterset.qs)
    counted = PartnerCityFilterSet({**request.GET.dict(), "relation": ""}, queryset=cities).qs
    return render(
        request,
        "website/city_list.html",
        {
            "filter": filterset,
            "page": page,
            "cities": page.object_list,
            "counts": relation_counts(counted),
            "filters": page.other_parameters,
            # The footer's downloads (CSV, JSON, PDF) give the cities the page shows, all of them.
            "download_query": page.other_parameters,
            "map_tiles_url": settings.MAP_TILES_URL,
            "section": "partners",
        },
    )


@public_page
def city_map(request):
    """Every city of the filtered list, for the list's map (which needs them all, not one page)."""
    filterset = PartnerCityFilterSet(request.GET, queryset=partner_city_list_public())
    return JsonResponse(map_data(filterset.qs))


@public_page
def city_detail(request, slug):
    city = partner_city_get_public(slug)
    if city is None:
        raise Http404(_("No partner city with this identifier has a public page."))
    activity_years = activity_counts_public_by_year(city=city)
    context = {
        "city": city,
        "latest_activities": activity_list_latest_public(city=city, count=LATEST_ACTIVITIES_SHOWN),
        "activity_years": activity_years,
        "activity_total": sum(year["total"] for year in activity_years),
        "sources": partner_city_public_sources(city),
        "map_data": map_data([city]),
        "map_tiles_url": settings.MAP_TILES_URL,
        "section": "partners",
    }
    return render(request, "website/city_detail.html", context)


@public_page
def city_activities(request, slug):
    """All of a city's public activities, the latest first, in pages."""
    city = partner_city_get_public(slug)
    if city is None:
        raise Http404(_("No partner city with this identifier has a public page."))
    context = {"city": city, "page": page_of(request, activity_list_public(city=city)), "section": "partners"}
    return render(request, "website/city_activities.html", context)


@public_page
def registry_pdf(request):
    filterset = PartnerCityFilterSet(request.GET, queryset=partner_city_list_public())
    context = {"cities": filterset.qs, "filters": filterset.description()}
    html = render_to_string("website/registry_pdf.html", context, request=request)
    response = HttpResponse(render_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="krakow-partner-cities-{get_language()}.pdf"'
    return response
