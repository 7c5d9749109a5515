from django.urls import path

from . import views

app_name = "partners"

urlpatterns = [
    path("", views.city_list, name="city_list"),
    path("registry.pdf", views.registry_pdf, name="registry_pdf"),
    path("map.json", views.city_map, name="city_map"),
    path("<slug:slug>/", views.city_detail, name="city_detail"),
    path("<slug:slug>/activities/", views.city_activities, name="city_activities"),
]
