"""Krakow's EU projects in the open-data API (under /api/, namespace "api")."""

from django.urls import path

from .views import ProgrammeParticipationListView

urlpatterns = [path("eu-programmes/", ProgrammeParticipationListView.as_view(), name="programme-list")]
