"""The staff's calendar: the page that gives out (and takes back) the secret address, and its feed."""

import datetime

import icalendar
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.decorators import user_passes_test
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_http_methods, require_safe

from registry.permissions import staff_login_required

from .models import CalendarFeed
from .selectors import DueKind, due_items
from .services import absolute_url, calendar_feed_create, calendar_feed_read, calendar_feed_revoke

# What the feed covers: a month back (what was just done or missed), a year and a bit ahead (next year's
# anniversaries and renewals while there is time to prepare them).
FEED_DAYS_BACK = 30
FEED_DAYS_AHEAD = 400
# How often calendar programs that honour it read the feed again (Google Calendar keeps its own pace).
FEED_REFRESH = datetime.timedelta(hours=6)
ONE_DAY = datetime.timedelta(days=1)


def staff_only(view):
    """Active staff; others signed in get a 403, anonymous visitors the admin's login."""

    def check(user):
        if user.is_active and user.is_staff:
            return True
        raise PermissionDenied

    return staff_login_required(user_passes_test(check)(view))


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@staff_only
def calendar(request):
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            calendar_feed_revoke(user=request.user)
            messages.success(request, _("The calendar address is revoked: it no longer works."))
        else:
            calendar_feed_create(user=request.user)
            messages.success(
                request, _("Your new calendar address is ready; any earlier one no longer works.")
            )
        return redirect("agenda:calendar")
    feed = CalendarFeed.objects.filter(user=request.user).first()
    address = absolute_url(reverse("agenda_calendar_feed", args=[feed.token])) if feed else ""
    return render(
        request,
        "agenda/calendar.html",
        {
            **admin.site.each_context(request),
            "title": _("My calendar"),
            "feed": feed,
            "address": address,
            "webcal_address": address.replace("https://", "webcal://", 1).replace("http://", "webcal://", 1),
            "days_back": FEED_DAYS_BACK,
            "days_ahead": FEED_DAYS_AHEAD,
        },
    )


@require_safe
@cache_control(private=True, no_store=True)
def calendar_feed(request, token):
    """The user's agenda as iCalendar, for whoever holds the secret address: no session, no login.

    Unknown, revoked and deactivated users' addresses all answer the same 404.
    """
    feed = get_object_or_404(
        CalendarFeed.objects.select_related("user"), token=token, user__is_active=True, user__is_staff=True
    )
    language = request.GET.get("lang")
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    with translation.override(language):
        body = calendar_ics(feed.user, today=timezone.localdate())
    calendar_feed_read(feed=feed)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="agenda.ics"'
    return response


def calendar_ics(user, *, today):
    """The user's items from FEED_DAYS_BACK before today to FEED_DAYS_AHEAD after it, as an iCalendar file.

    Every item is an all-day VEVENT, follow-ups too: Google Calendar and Outlook ignore VTODOs in a calendar
    they subscribe to, and Thunderbird lists them apart from the days, so a task would not show where it is
    due.
    """
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//City of Krakow//International relations registry//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add(
        "x-wr-calname", str(_("Krakow international relations: %(user)s") % {"user": user.get_username()})
    )
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add("refresh-interval", FEED_REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", icalendar.vDuration(FEED_REFRESH))
    stamp = timezone.now()
    kinds = dict(DueKind.choices)
    start, end = (
        today - datetime.timedelta(days=FEED_DAYS_BACK),
        today + datetime.timedelta(days=FEED_DAYS_AHEAD),
    )
    for item in due_items(user, start, end, today=today):
        event = icalendar.Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", item.day)
        event.add("dtend", (item.until or item.day) + ONE_DAY)
        event.add("summary", event_summary(item))
        event.add("description", event_description(item))
        event.add("categories", [str(kinds[item.kind])])
        # A reminder, not an appointment: it leaves the day free for scheduling.
        event.add("transp", "TRANSPARENT")
        if item.url:
            event.add("url", absolute_url(item.url))
        calendar.add_component(event)
    return calendar.to_ical()


def event_summary(item):
    if item.overdue_since is not None:
        return str(
            _("Overdue since %(day)s: %(title)s")
            % {"day": date_format(item.overdue_since), "title": item.title}
        )
    if item.is_approximate:
        return str(_("%(title)s (%(period)s, day not known)") % {"title": item.title, "period": item.on})
    return str(item.title)


def event_description(item):
    lines = [str(item.detail)] if item.detail else []
    if item.url:
        lines.append(absolute_url(item.url))
    return "\n".join(lines)
