"""Long public lists in pages, so that a page's work does not grow with the registry."""

from django.core.paginator import Paginator

PER_PAGE = 50


def page_of(request, records, *, param="page", per_page=PER_PAGE):
    """The page of `records` that the query parameter `param` asks for (the last one if it asks for more),
    and the rest of the query string, for the links to the other pages."""
    page = Paginator(records, per_page).get_page(request.GET.get(param))
    others = request.GET.copy()
    others.pop(param, None)
    page.param = param
    page.other_parameters = others.urlencode()
    return page
