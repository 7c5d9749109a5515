from decimal import Decimal

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.formats import localize, number_format
from django.utils.html import format_html
from django.utils.translation import get_language_info, gettext

from registry.partial_dates import partial_date
from registry.tables import Link

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """This page in each other language: (code, name in that language, address)."""
    request = context["request"]
    current = context.get("LANGUAGE_CODE")
    return [
        (code, get_language_info(code)["name_local"], translate_url(request.get_full_path(), code))
        for code, _name in settings.LANGUAGES
        if code != current
    ]


@register.filter
def known_date(record, field_name):
    """The record's date `field_name` at its precision ("1993", "luty 1993", "19 lutego 1993"); "" if not
    known, for the template to say so in its own words."""
    value = partial_date(record, field_name)
    return str(value) if value else ""


@register.filter
def cell(value):
    """A table cell as people read it: yes/no for a flag, a dash for nothing, money with grouped digits."""

    if isinstance(value, Link):
        return format_html('<a href="{}">{}</a>', value.url, value) if value.url else str(value)
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, Decimal):
        return number_format(value, decimal_pos=2, force_grouping=True)
    return localize(value)
