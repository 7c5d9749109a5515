"""The sitemap of the public site: its pages in both languages, and only cities with a public page."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .selectors import partner_city_list_with_public_page


class PublicPagesSitemap(Sitemap):
    i18n = True

    def items(self):
        return ["partners:city_list", "memberships:association_list", "programmes:participation_list"]

    def location(self, item):
        return reverse(item)


class PartnerCitySitemap(Sitemap):
    i18n = True

    def items(self):
        return partner_city_list_with_public_page().only("slug")

    def location(self, city):
        return reverse("partners:city_detail", args=[city.slug])


SITEMAPS = {"pages": PublicPagesSitemap, "cities": PartnerCitySitemap}
