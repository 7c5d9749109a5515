from django.shortcuts import render

from registry.caching import public_page
from registry.pagination import page_of

from .selectors import membership_list_current


@public_page
def association_list(request):
    page = page_of(request, membership_list_current())
    return render(request, "memberships/association_list.html", {"page": page, "section": "associations"})
