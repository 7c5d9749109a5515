"""Krakow's memberships in the open-data API (under /api/, namespace "api")."""

from django.urls import path

from .views import MembershipListView

urlpatterns = [path("associations/", MembershipListView.as_view(), name="association-list")]
