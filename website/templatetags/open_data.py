from django import template

from api.licence import open_data_licence as licence

register = template.Library()


@register.simple_tag
def open_data_licence():
    """The open data's licence: {"name": …, "url": …}."""
    return licence()
