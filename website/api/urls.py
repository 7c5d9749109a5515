"""The partner cities and the public visits in the open-data API (the project's URLs put them under /api/,
namespace "api")."""

from django.urls import path

from .views import PartnerCityCSVViewSet, PartnerCityViewSet, VisitViewSet

urlpatterns = [
    path("partners/", PartnerCityViewSet.as_view({"get": "list"}), name="partner-list"),
    path("partners.csv", PartnerCityCSVViewSet.as_view({"get": "list"}), name="partner-csv"),
    path("partners/<slug:slug>/", PartnerCityViewSet.as_view({"get": "retrieve"}), name="partner-detail"),
    path("visits/", VisitViewSet.as_view({"get": "list"}), name="visit-list"),
    path("visits/<slug:slug>/", VisitViewSet.as_view({"get": "retrieve"}), name="visit-detail"),
]
