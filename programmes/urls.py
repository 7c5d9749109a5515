from django.urls import path

from . import views

app_name = "programmes"

urlpatterns = [path("", views.participation_list, name="participation_list")]
