from django.shortcuts import render

from krakow_relations.caching import public_page

from .selectors import membership_list_current


@public_page
def association_list(request):
    memberships = membership_list_current()
    return render(
        request, "memberships/association_list.html", {"memberships": memberships, "section": "associations"}
    )
