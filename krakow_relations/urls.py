"""URL configuration: the public site and the staff's pages language-prefixed, the open-data API not."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth.views import LoginView, LogoutView
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import RedirectView

import agenda.urls
import api.urls
import memberships.api.urls
import programmes.api.urls
import website.api.urls
from registry.views import attachment_download
from website.sitemaps import SITEMAPS

# The open-data API, language-neutral (country names follow Accept-Language): each app's records, then the
# API's own addresses, whose last answers every other address under /api/ with a JSON 404.
API_URLS = [
    *website.api.urls.urlpatterns,
    *memberships.api.urls.urlpatterns,
    *programmes.api.urls.urlpatterns,
    *api.urls.urlpatterns,
]

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include((API_URLS, "api"))),
    path("staff/attachments/<path:name>", attachment_download, name="attachment_download"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    *agenda.urls.feed_urlpatterns,
]

urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("login/", LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", LogoutView.as_view(), name="logout"),
    path("dashboard/", include("dashboard.urls")),
    path("agenda/", include("agenda.urls")),
    path("staff/agreements/", include("agreements.urls")),
    path("partners/", include("website.urls")),
    path("associations/", include("memberships.urls")),
    path("eu-programmes/", include("programmes.urls")),
    path("", RedirectView.as_view(pattern_name="partners:city_list", permanent=False), name="home"),
)
