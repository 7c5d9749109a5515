"""The agenda's writes: a user's secret calendar address, and the daily digest mailed to the staff."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .models import CalendarFeed
from .selectors import DueKind, due_items

DIGEST_DAYS = 7


@transaction.atomic
def calendar_feed_create(*, user):
    """Give the user a new secret calendar address; any address they had stops working."""
    CalendarFeed.objects.filter(user=user).delete()
    return CalendarFeed.objects.create(user=user)


def calendar_feed_revoke(*, user):
    """Delete the user's calendar address: whoever still holds it gets a 404."""
    CalendarFeed.objects.filter(user=user).delete()


def calendar_feed_read(*, feed):
    """Record that a calendar program read the address (without touching anything else on the row)."""
    CalendarFeed.objects.filter(pk=feed.pk).update(last_read_at=timezone.now())


def absolute_url(path):
    """An address that works outside the request, in a calendar program or a mail (settings.SITE_URL)."""
    return f"{settings.SITE_URL.rstrip('/')}{path}" if path else ""


@dataclass(frozen=True)
class DigestSection:
    """A part of the digest (the user's own cities and tasks, or the rest), its items grouped by kind."""

    heading: str
    groups: list


def digest_sections(items):
    """The user's own items first, then the rest, each grouped by kind in DueKind's order."""
    sections = []
    for heading, mine in ((_("Your cities and tasks"), True), (_("Other matters"), False)):
        groups = [
            (label, [item for item in items if item.is_mine == mine and item.kind == kind])
            for kind, label in DueKind.choices
        ]
        groups = [(label, kind_items) for label, kind_items in groups if kind_items]
        if groups:
            sections.append(DigestSection(heading, groups))
    return sections


def digest_message(user, *, on, days=DIGEST_DAYS):
    """The digest mail for the user (EmailMultiAlternatives: text and HTML), or None when nothing is due:
    their overdue follow-ups and what falls due from `on` to `days` days after it, in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        items = due_items(user, on, on + datetime.timedelta(days=days), today=on)
        if not items:
            return None
        context = {
            "user": user,
            "on": on,
            "days": days,
            "sections": digest_sections(items),
            "site_url": settings.SITE_URL.rstrip("/"),
        }
        subject = _("International relations registry: what is due from %(day)s") % {"day": date_format(on)}
        message = EmailMultiAlternatives(
            subject=str(subject),
            body=render_to_string("agenda/digest.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[user.email],
        )
        message.attach_alternative(render_to_string("agenda/digest.html", context), "text/html")
    return message


def digest_send(*, on, days=DIGEST_DAYS, dry_run=False):
    """Mail the digest to every active member of staff with an address and something due; the users it went
    to (or, with `dry_run`, would go to: nothing is sent)."""
    recipients = []
    users = get_user_model().objects.filter(is_active=True, is_staff=True).exclude(email="").order_by("pk")
    for user in users:
        message = digest_message(user, on=on, days=days)
        if message is None:
            continue
        if not dry_run:
            message.send()
        recipients.append(user)
    return recipients
