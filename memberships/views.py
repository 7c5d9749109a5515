from django.shortcuts import render

from krakow_relations.caching import public_page
from krakow_relations.pagination import page_of

from .selectors import membership_list_current


@public_page
def association_list(request):
    page = page_of(request, membership_list_current())
    return render(request, "memberships/association_list.html", {"page": page, "section": "associations"})
