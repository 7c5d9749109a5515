"""A date the record knows to the month or the year only is shown so on every public page, never as a day.

Each page is read in English (dates written literally) and in Polish (as PartialDate writes them there); a
date known to the day is still shown in full.
"""

import datetime
import io

import pytest
from django.utils import timezone, translation
from pypdf import PdfReader

from registry.partial_dates import PartialDate
from tests.agreements.factories import AgreementFactory, WorkingDocumentFactory
from tests.memberships.factories import MembershipFactory
from tests.partners.factories import PartnerCityFactory
from tests.programmes.factories import ActivityFactory

pytestmark = pytest.mark.django_db

YEAR, MONTH, DAY = "year", "month", "day"


def polish(day, precision):
    """How a Polish page writes the date at its precision."""
    with translation.override("pl"):
        return str(PartialDate(day, precision))


def text_of(response):
    assert response.status_code == 200
    return response.content.decode()


def row(page, name):
    """The table row (or list item) that begins with `name`."""
    start = page.index(name)
    ends = [page.find(end, start) for end in ("</tr>", "</li>")]
    return page[start : min(end for end in ends if end != -1)]


def city(slug, name):
    return PartnerCityFactory(slug=slug, name_en=name, name_pl=f"{name} PL", country="FR")


@pytest.fixture
def relations():
    """Cities whose relations began, and ended, on a day, in a month or in a year known only."""
    # Signed in 1997; an older working document known to the day does not date the relation.
    yearton = city("yearton", "Yearton")
    AgreementFactory(city=yearton, signed_on=datetime.date(1997, 1, 1), signed_on_precision=YEAR)
    WorkingDocumentFactory(city=yearton, signed_on=datetime.date(1992, 4, 9))
    AgreementFactory(
        city=city("monthville", "Monthville"), signed_on=datetime.date(1993, 2, 1), signed_on_precision=MONTH
    )
    AgreementFactory(city=city("dayford", "Dayford"), signed_on=datetime.date(1995, 10, 6))
    # Ended: an agreement terminated in 2014, a document signed in March 2015 whose cooperation ended in 2018.
    endsbury = city("endsbury", "Endsbury")
    AgreementFactory(
        city=endsbury,
        status="terminated",
        signed_on=datetime.date(1991, 6, 1),
        terminated_on=datetime.date(2014, 1, 1),
        terminated_on_precision=YEAR,
    )
    WorkingDocumentFactory(
        city=endsbury,
        signed_on=datetime.date(2015, 3, 1),
        signed_on_precision=MONTH,
        ended_on=datetime.date(2018, 1, 1),
        ended_on_precision=YEAR,
    )
    # Ended in 2014, on a day not known: the cooperation that ended on 3 May 2014 may have ended before it.
    nestham = city("nestham", "Nestham")
    AgreementFactory(
        city=nestham,
        status="terminated",
        signed_on=datetime.date(1991, 6, 1),
        terminated_on=datetime.date(2014, 1, 1),
        terminated_on_precision=YEAR,
    )
    WorkingDocumentFactory(
        city=nestham, signed_on=datetime.date(2012, 5, 3), ended_on=datetime.date(2014, 5, 3)
    )
    # Ended on a day both records give in full.
    dayend = city("dayend", "Dayend")
    AgreementFactory(
        city=dayend,
        status="terminated",
        signed_on=datetime.date(1991, 6, 1),
        terminated_on=datetime.date(2016, 11, 23),
    )


class TestCityPage:
    def test_a_relation_signed_in_a_year_or_a_month_is_dated_so(self, client, relations):
        yearton = text_of(client.get("/en/partners/yearton/"))
        monthville = text_of(client.get("/en/partners/monthville/"))

        assert "since 1997," in yearton and "1 January 1997" not in yearton
        assert "since February 1993," in monthville and "1 February 1993" not in monthville

    def test_polish(self, client, relations):
        yearton = text_of(client.get("/pl/partners/yearton/"))
        monthville = text_of(client.get("/pl/partners/monthville/"))
        dayford = text_of(client.get("/pl/partners/dayford/"))

        assert "od 1997," in yearton and "1 stycznia 1997" not in yearton
        assert "od lutego 1993," in monthville
        assert "1 lutego 1993" not in monthville
        assert "od 6 października 1995," in dayford

    def test_a_day_known_is_shown_in_full(self, client, relations):
        assert "since 6 October 1995," in text_of(client.get("/en/partners/dayford/"))
        page = text_of(client.get("/en/partners/dayend/"))
        assert '<span class="ended">ended on 23 November 2016</span></dd>' in page
        assert "terminated</span> on 23 November 2016</li>" in page

    def test_a_termination_and_a_document_known_to_a_month_or_a_year(self, client, relations):
        page = text_of(client.get("/en/partners/endsbury/"))

        assert '<span class="ended">ended in 2018</span></dd>' in page  # the last of its records
        assert "terminated</span> in 2014</li>" in page and "1 January 2014" not in page
        assert "signed in March 2015" in page and "1 March 2015" not in page
        assert "cooperation ended in 2018" in page and "1 January 2018" not in page

    def test_the_relation_ended_in_the_year_that_may_contain_a_later_day(self, client, relations):
        page = text_of(client.get("/en/partners/nestham/"))

        assert '<span class="ended">ended in 2014</span></dd>' in page
        assert '<span class="ended">ended on 3 May 2014' not in page
        assert "cooperation ended on 3 May 2014" in page  # the document's own day is known

    def test_polish_termination_and_document(self, client, relations):
        page = text_of(client.get("/pl/partners/endsbury/"))

        # The words around a date known to a month or a year wait for their Polish translation: only the date.
        assert f" {polish(datetime.date(2015, 3, 1), MONTH)}, " in page
        assert '<span class="ended">' in page and " 2018</span></dd>" in page and " 2014</li>" in page
        assert "1 marca 2015" not in page and "1 stycznia 2014" not in page and "1 stycznia 2018" not in page


class TestList:
    def test_since_at_its_precision(self, client, relations):
        page = text_of(client.get("/en/partners/?status=all"))

        assert 'data-label="Since">1997</td>' in row(page, "Yearton")
        assert 'data-label="Since">February 1993</td>' in row(page, "Monthville")
        assert 'data-label="Since">6 October 1995</td>' in row(page, "Dayford")

    def test_an_end_at_its_precision(self, client, relations):
        page = text_of(client.get("/en/partners/?status=ended"))

        assert "ended in 2018" in row(page, "Endsbury")
        assert "ended in 2014" in row(page, "Nestham")
        assert "ended on 23 November 2016" in row(page, "Dayend")

    def test_polish(self, client, relations):
        page = text_of(client.get("/pl/partners/?status=all"))

        assert 'data-label="Od">1997</td>' in row(page, "Yearton PL")
        assert f'data-label="Od">{polish(datetime.date(1993, 2, 1), MONTH)}</td>' in row(
            page, "Monthville PL"
        )
        assert 'data-label="Od">6 października 1995</td>' in row(page, "Dayford PL")
        assert "1 lutego 1993" not in page and "1 stycznia 1997" not in page
        assert "2018" in row(page, "Endsbury PL") and "1 stycznia 2018" not in page


def test_the_printable_registry_dates_at_precision(client, relations):
    pdf = client.get("/en/partners/registry.pdf?status=all").content
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)

    assert "February 1993" in text and "1 February 1993" not in text
    assert "6 October 1995" in text and "1 January 1997" not in text
    assert "ended in 2018" in text and "1 January 2018" not in text


@pytest.fixture
def activities():
    partner = AgreementFactory(city=city("actiburg", "Actiburg")).city
    ActivityFactory(
        title_pl="Year visit",
        title_en="Year visit",
        starts_on=datetime.date(2019, 1, 1),
        starts_on_precision=YEAR,
        cities=[partner],
    )
    ActivityFactory(
        title_pl="Month fair",
        title_en="Month fair",
        starts_on=datetime.date(2020, 3, 1),
        starts_on_precision=MONTH,
        cities=[partner],
    )
    ActivityFactory(
        title_pl="Day concert", title_en="Day concert", starts_on=datetime.date(2021, 5, 17), cities=[partner]
    )


@pytest.mark.parametrize("url", ["/en/partners/actiburg/", "/en/partners/actiburg/activities/"])
def test_activities_at_their_precision(client, activities, url):
    page = text_of(client.get(url))

    assert "<li>2019: Year visit" in page
    assert "<li>March 2020: Month fair" in page
    assert "<li>17 May 2021: Day concert" in page


@pytest.mark.parametrize("url", ["/pl/partners/actiburg/", "/pl/partners/actiburg/activities/"])
def test_activities_in_polish(client, activities, url):
    page = text_of(client.get(url))

    assert "<li>2019: Year visit" in page
    assert f"<li>{polish(datetime.date(2020, 3, 1), MONTH)}: Month fair" in page
    assert "<li>17 maja 2021: Day concert" in page


@pytest.fixture
def memberships():
    MembershipFactory(
        association__name="Year League", joined_on=datetime.date(1992, 1, 1), joined_on_precision=YEAR
    )
    MembershipFactory(
        association__name="Month Network", joined_on=datetime.date(1993, 5, 1), joined_on_precision=MONTH
    )
    MembershipFactory(association__name="Day Union", joined_on=datetime.date(1994, 6, 7))


def test_memberships_since_at_their_precision(client, memberships):
    page = text_of(client.get("/en/associations/"))

    assert "<td>1992</td>" in row(page, "Year League")
    assert "<td>May 1993</td>" in row(page, "Month Network")
    assert "<td>7 June 1994</td>" in row(page, "Day Union")


def test_memberships_in_polish(client, memberships):
    page = text_of(client.get("/pl/associations/"))

    assert "<td>1992</td>" in row(page, "Year League")
    assert f"<td>{polish(datetime.date(1993, 5, 1), MONTH)}</td>" in row(page, "Month Network")
    assert "<td>7 czerwca 1994</td>" in row(page, "Day Union")


def test_programme_terms_at_their_precision(client, participations_of_every_precision):
    page = text_of(client.get("/en/eu-programmes/"))

    assert "<td>2016 – June 2018</td>" in row(page, "Year to month")
    assert "<td>4 March 2019 – 31 December 2020</td>" in row(page, "Day to day")


def test_programme_terms_in_polish(client, participations_of_every_precision):
    page = text_of(client.get("/pl/eu-programmes/"))

    assert f"<td>2016 – {polish(datetime.date(2018, 6, 1), MONTH)}</td>" in row(page, "Year to month")
    assert "<td>4 marca 2019 – 31 grudnia 2020</td>" in row(page, "Day to day")
    assert "1 stycznia 2016" not in page and "1 czerwca 2018" not in page


def test_a_project_ending_in_this_year_is_running(client, participations_of_every_precision):
    page = text_of(client.get("/en/eu-programmes/"))
    running, past = page.split('id="past-heading"')

    assert "Ends this year" in running and "Ends this year" not in past
    assert f" – {timezone.localdate().year}</td>" in row(page, "Ends this year")
