"""URL configuration: the staff admin, language-prefixed."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth.views import LoginView, LogoutView
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import RedirectView

from .sitemaps import SITEMAPS
from .views import attachment_download

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("krakow_relations.api_urls")),
    path("staff/attachments/<path:name>", attachment_download, name="attachment_download"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]

urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("login/", LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", LogoutView.as_view(), name="logout"),
    path("dashboard/", include("krakow_relations.dashboard.urls")),
    path("staff/agreements/", include("agreements.urls")),
    path("partners/", include("partners.urls")),
    path("associations/", include("memberships.urls")),
    path("eu-programmes/", include("programmes.urls")),
    path("", RedirectView.as_view(pattern_name="partners:city_list", permanent=False), name="home"),
)
