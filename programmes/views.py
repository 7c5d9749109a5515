from django.shortcuts import render

from krakow_relations.caching import public_page

from .selectors import PAST, RUNNING, programme_participation_list_public


@public_page
def participation_list(request):
    return render(
        request,
        "programmes/participation_list.html",
        {
            "running": programme_participation_list_public(status=RUNNING),
            "past": programme_participation_list_public(status=PAST),
            "section": "programmes",
        },
    )
