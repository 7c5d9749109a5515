from django.utils.decorators import method_decorator
from rest_framework import generics

from api.licence import LicensedMixin
from registry.caching import public_page

from ..selectors import membership_list_current
from .serializers import MembershipSerializer


@method_decorator(public_page, name="list")
class MembershipListView(LicensedMixin, generics.ListAPIView):
    """The international associations of cities and regions Krakow is a member of now."""

    serializer_class = MembershipSerializer

    def get_queryset(self):
        return membership_list_current()
