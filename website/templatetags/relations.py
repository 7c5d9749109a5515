from django import template

from partners.choices import Relation

register = template.Library()


@register.filter
def relation_label(value):
    """The public name of a relation code (twin_city → "twin city")."""
    return Relation(value).label
