from django.urls import path

from . import views

app_name = "agenda"
urlpatterns = [
    path("calendar/", views.calendar, name="calendar"),
]
# The feed's address is the same in every language (`?lang=en` chooses English): the project's URLconf puts
# it outside i18n_patterns, where the page above lives with the rest of the staff's pages.
feed_urlpatterns = [
    path("agenda/calendar/<slug:token>.ics", views.calendar_feed, name="agenda_calendar_feed"),
]
