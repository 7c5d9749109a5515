"""Finding partner cities by any of their names, or their country's, as people type them."""

from django.db.models import Q
from django.utils import translation
from django_countries import countries

from registry.search import fold


def partner_city_name_matches(text, *, path=""):
    """A condition on cities (through `path`, e.g. "city__") that any of their names, or their country's name
    in the active language or English, contains the text, without regard to case or diacritics."""
    words = fold(text)
    if not words:
        return Q()
    return Q(**{f"{path}search_names__contains": words}) | Q(**{f"{path}country__in": countries_named(words)})


def countries_named(words):
    """Codes of the countries whose name, in the active language or in English, contains the folded words."""
    codes = set()
    for language in dict.fromkeys([translation.get_language() or "en", "en"]):
        with translation.override(language):
            codes.update(code for code, name in countries if words in fold(str(name)))
    return sorted(codes)
