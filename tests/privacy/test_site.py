"""Nothing private reaches any page but the admin's: not the public site in either language, its sitemap,
its PDF or the open-data API in any format (walked as an anonymous reader: they answer everyone alike), nor
the council's dashboard, its CSVs and annual reports, the staff's agreement PDFs or a calendar (walked as a
council member and as an officer of another city).

The addresses are not listed here: every named route of the URLconf is tried with every record's identifier
(and the signed-in user's own calendar token), the API's lists also as CSV and in the browsable API, and every
address a response links to (the sitemap's entries, the dashboard's CSVs and reports, the pages of a list)
is followed in turn, so a new page is covered without a test of its own.
"""

import pytest
from django.apps import apps
from django.utils import timezone

from agenda.models import CalendarFeed

from .conftest import leaks
from .walk import addresses, crawl

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "council_member", "other_officer"]
# The site's own addresses, the admin's apart (tests/privacy/test_admin.py).
WITHIN = ("/en/", "/pl/", "/api/", "/sitemap.xml", "/agenda/")
# The public site and open data answer everyone alike: any cache may keep their pages for anyone
# (tests/public/test_cache.py), so the anonymous reader's walk covers them for every role. A signed-in user's
# walk covers what only the signed in reach.
SIGNED_IN = tuple(
    f"{prefix}{area}/" for prefix in ("/en/", "/pl/") for area in ("dashboard", "agenda", "staff")
)
SIGNED_IN_WITHIN = (*SIGNED_IN, "/agenda/")


def identifiers(user):
    """Every record's identifier, and the user's own calendar token (another's would show their agenda, as
    its secret address is meant to)."""
    words = {
        slug
        for model in apps.get_models()
        if any(field.name == "slug" for field in model._meta.fields)
        for slug in model._base_manager.values_list("slug", flat=True)
    }
    words.update(CalendarFeed.objects.filter(user=user).values_list("token", flat=True) if user else [])
    return sorted(words)


def walk(client, user):
    year = timezone.localdate().year
    start = addresses(numbers=[year], words=identifiers(user), skip_namespaces=("admin",))
    formats = [
        f"{address}?format={name}"
        for address in start
        if address.startswith("/api/")
        for name in ("csv", "api")
    ]
    if user is not None:
        return crawl(
            client,
            [address for address in start if address.startswith(SIGNED_IN_WITHIN)],
            within=SIGNED_IN_WITHIN,
        )
    return crawl(client, [*start, *formats, "/sitemap.xml"], within=WITHIN)


@pytest.mark.parametrize("role", ROLES)
def test_no_response_gives_a_secret_away(client, world, users, role):
    user = users.get(role)
    if user:
        client.force_login(user)

    pages = walk(client, user)

    leaked = {address: leaks(text) for address, (_status, text) in pages.items() if leaks(text)}
    assert leaked == {}
    if user is None:
        assert_the_public_walk_saw_what_is_public(pages)
    else:
        assert pages["/en/agenda/calendar/"][0] == 200
    if role == "council_member":
        year = timezone.localdate().year
        assert "Nuremberg" in pages["/en/dashboard/"][1]
        assert any(address.startswith("/en/dashboard/") and ".csv" in address for address in pages)
        status, report = pages[f"/en/dashboard/report/{year}.pdf"]
        assert status == 200 and "Nuremberg" in report
        assert any(address.endswith(".ics") and status == 200 for address, (status, _text) in pages.items())


def assert_the_public_walk_saw_what_is_public(pages):
    """The control: the walk saw the city and its public visit wherever they are public."""
    for language in ("en", "pl"):
        status, text = pages[f"/{language}/partners/nuremberg/"]
        assert status == 200 and "Mayor of Nuremberg in Krakow" in text
    assert "Mayor of Nuremberg in Krakow" in pages["/api/visits/mayor-of-nuremberg/"][1]
    assert "mayor-of-nuremberg" in pages["/api/partners/nuremberg/"][1]
    assert "Nuremberg" in pages["/api/partners/?format=csv"][1]
    assert "/en/partners/nuremberg/" in pages["/sitemap.xml"][1]
    assert "Nuremberg" in pages["/en/partners/registry.pdf"][1]
    assert pages["/api/schema/"][0] == 200
