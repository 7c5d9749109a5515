from django.shortcuts import render

from registry.caching import public_page
from registry.pagination import page_of

from .selectors import PAST, RUNNING, programme_participation_list_public


@public_page
def participation_list(request):
    return render(
        request,
        "programmes/participation_list.html",
        {
            "running": page_of(request, programme_participation_list_public(status=RUNNING), param="running"),
            "past": page_of(request, programme_participation_list_public(status=PAST), param="past"),
            "section": "programmes",
        },
    )
