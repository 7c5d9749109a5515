"""The filter of the public EU-programme participations, for the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from .selectors import ALL, PAST, RUNNING, running

STATUS_CHOICES = [(RUNNING, _("running")), (PAST, _("past")), (ALL, _("all"))]


class ProgrammeParticipationFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        choices=STATUS_CHOICES, method="filter_status", label=_("Status"), empty_label=None
    )

    def filter_status(self, queryset, name, value):
        if value == RUNNING:
            return queryset.filter(running())
        if value == PAST:
            return queryset.exclude(running())
        return queryset
