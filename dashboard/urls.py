from django.urls import path

from . import views

app_name = "dashboard"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("map.json", views.city_map, name="city_map"),
    path("<slug:key>.csv", views.table_csv, name="table_csv"),
    path("report/<int:year>.pdf", views.annual_report, name="annual_report"),
]
