"""URL configuration: the staff admin, language-prefixed."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from .views import attachment_download

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("staff/attachments/<path:name>", attachment_download, name="attachment_download"),
]

urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("staff/agreements/", include("agreements.urls")),
    path("", RedirectView.as_view(pattern_name="admin:index", permanent=False)),
)
