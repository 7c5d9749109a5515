from django import template
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements.choices import Succession
from partners.choices import Relation
from registry.partial_dates import partial_date

register = template.Library()


@register.filter
def relation_label(value):
    """The public name of a relation code (twin_city → "twin city")."""
    return Relation(value).label


SUCCESSION_PHRASES = {
    Succession.RENEWAL: (_("renews the agreement of %(date)s"), _("renews an earlier agreement")),
    Succession.REPLACEMENT: (_("replaces the agreement of %(date)s"), _("replaces an earlier agreement")),
    Succession.AMENDMENT: (_("amends the agreement of %(date)s"), _("amends an earlier agreement")),
    Succession.NOT_RECORDED: (_("follows the agreement of %(date)s"), _("follows an earlier agreement")),
}


@register.simple_tag
def succession(agreement, shown):
    """How an agreement follows an earlier one among those `shown` on the page ("renews the agreement of
    1994"), or "" if it follows none of them: an earlier agreement not public is never hinted at."""
    earlier = next((other for other in shown if other.pk == agreement.follows_id), None)
    if earlier is None:
        return ""
    dated, undated = SUCCESSION_PHRASES[agreement.follows_as]
    since = earlier.in_effect_since
    return dated % {"date": since.in_genitive()} if since else undated


@register.filter
def term_event(record):
    """What the term of a record still running brings next ("runs until: 2 July 2027", "renews automatically:
    18 July 2028 (notice by …)"), or ""."""
    if not record.term_is_running():
        return ""
    today = timezone.localdate()
    event = record.next_term_event(after=today)
    return event.describe(today) if event else ""


@register.filter
def date_after_preposition(record, field_name):
    """The record's date `field_name` as it reads after "since" or "until" (PartialDate.in_genitive: "od
    października 1979", not "od Październik 1979"), or "" if not known."""
    value = partial_date(record, field_name)
    return value.in_genitive() if value else ""
