"""The annual report's lists are tables, read back from the PDF: header rows on every page, every cell saying
something, the legal basis of each relation, the agencies abroad and the year's working documents."""

import datetime
import io
from collections import defaultdict

import pdfplumber
import pytest
from django.utils import translation

from agreements.choices import AgreementKind, AgreementStatus, WorkingDocumentKind
from registry.partial_dates import DatePrecision, PartialDate
from tests.agreements.factories import AgreementFactory, WorkingDocumentFactory
from tests.memberships.factories import AgencyFactory, MembershipFactory
from tests.partners.factories import PartnerCityFactory
from tests.programmes.factories import ProgrammeParticipationFactory

pytestmark = pytest.mark.django_db

RELATIONS = ["City", "Country", "Relation", "Since", "Legal basis"]
AGENCIES = ["Agency", "Town", "Country", "Opened on", "Closed on", "Website"]
DOCUMENTS = ["City", "Kind", "Signed on", "Cooperation ended on"]


def report_pages(client, year=2023, language="en"):
    response = client.get(f"/{language}/dashboard/report/{year}.pdf")
    assert response.status_code == 200
    return pdfplumber.open(io.BytesIO(response.content)).pages


def read_table(page, header):
    """The rows of the table whose column titles are `header` on a PDF page, header row first, each row a list
    of its cells' text; None if the page does not show that header row.

    Columns begin where their titles begin (a title may wrap, its first word stays on the header's first line).
    Rows end at the rules under their cells: each cell draws its own, so a row's rule is cut where the
    header's is, unlike a heading's, the page's or another table's.
    """
    words = page.extract_words()
    firsts = [title.split()[0] for title in header]
    for word in words:
        line = sorted((w for w in words if abs(w["top"] - word["top"]) < 1), key=lambda w: w["x0"])
        titles = [w for w in line if w["x0"] >= word["x0"]]
        columns = _columns(titles, firsts)
        if word["text"] == firsts[0] and columns:
            top = word["top"]
            break
    else:
        return None
    cuts = defaultdict(list)
    for line in page.lines:
        if abs(line["top"] - line["bottom"]) < 1:
            cuts[round(line["top"], 1)].append(round(line["x0"]))
    below = sorted(y for y in cuts if y > top)
    grid = sorted(cuts[below[0]])
    ends = [*columns[1:], page.width]
    rows = []
    for bottom in (y for y in below if sorted(cuts[y]) == grid):
        band = sorted(
            (w for w in words if top - 1 <= w["top"] < bottom), key=lambda w: (round(w["top"]), w["x0"])
        )
        rows.append(
            [
                " ".join(w["text"] for w in band if x - 1 <= w["x0"] < end - 1)
                for x, end in zip(columns, ends, strict=True)
            ]
        )
        top = bottom
    return rows


def _columns(line, firsts):
    """Where each title begins on a header line whose words, from its first title on, are `line`; None if the
    titles' first words are not found there in order."""
    columns, words = [], iter(line)
    for first in firsts:
        word = next((word for word in words if word["text"] == first), None)
        if word is None:
            return None
        columns.append(word["x0"])
    return columns


def rows_of(pages, header):
    """The body rows of a table over all the pages it spans."""
    return [row for page in pages for row in (read_table(page, header) or [])[1:]]


def day(value, precision=DatePrecision.DAY):
    with translation.override("en"):
        return str(PartialDate(value, precision))


def test_a_table_over_several_pages_repeats_its_header_on_each(council_client):
    for number in range(70):
        AgreementFactory(city=PartnerCityFactory(name_en=f"Longcity {number:02}", country="FR"))

    pages = report_pages(council_client)

    texts = [page.extract_text() for page in pages]
    first = next(number for number, text in enumerate(texts) if "Relations in force (70)" in text)
    last = next(number for number, text in enumerate(texts) if "Longcity 69" in text)
    spanned = pages[first : last + 1]
    assert len(spanned) >= 3
    cities = []
    for page in spanned:
        rows = read_table(page, RELATIONS)
        assert rows is not None, f"no header row on page {page.page_number}"
        # Every row whole on its page: all of its cells there, none cut in two.
        assert all(all(row) for row in rows[1:])
        cities += [row[0] for row in rows[1:]]
    assert cities == [f"Longcity {number:02}" for number in range(70)]


def test_each_relation_in_force_shows_its_legal_basis(council_client):
    AgreementFactory(
        city=PartnerCityFactory(name_en="Nuremberg", country="DE"),
        kind=AgreementKind.TWINNING,
        resolution_number="XLIII/298/92",
        resolution_date=datetime.date(1992, 2, 14),
        signed_on=datetime.date(1992, 2, 20),
    )
    AgreementFactory(
        city=PartnerCityFactory(name_en="Kyoto", country="JP"),
        kind=AgreementKind.HONORARY_TITLE,
        resolution_number="",
        resolution_date=datetime.date(2010, 4, 1),
        signed_on=None,
    )
    AgreementFactory(
        city=PartnerCityFactory(name_en="Leipzig", country="DE"),
        resolution_number="",
        resolution_date=None,
        deciding_body="Presidium of the City National Council",
        signed_on=datetime.date(1973, 9, 8),
    )
    AgreementFactory(
        city=PartnerCityFactory(name_en="Fez", country="MA"),
        resolution_number="",
        resolution_date=None,
        decision_not_recorded="The public record names no resolution.",
        signed_on=datetime.date(1994, 1, 1),
        signed_on_precision=DatePrecision.YEAR,
        status=AgreementStatus.SUSPENDED,
    )
    WorkingDocumentFactory(
        city=PartnerCityFactory(name_en="Vienna", country="AT"),
        kind=WorkingDocumentKind.JOINT_STATEMENT,
        signed_on=datetime.date(2009, 6, 16),
        is_public=False,
    )
    WorkingDocumentFactory(
        city=PartnerCityFactory(name_en="Nanjing", country="CN"),
        kind=WorkingDocumentKind.NO_DOCUMENT,
        signed_on=None,
    )

    rows = {row[0]: row[1:] for row in rows_of(report_pages(council_client), RELATIONS)}

    assert rows == {
        "Vienna": [
            "Austria (Europe)",
            "cooperation without agreement; record not public",
            day(datetime.date(2009, 6, 16)),
            "working document: joint statement",
        ],
        "Nanjing": [
            "China (Asia)",
            "cooperation without agreement",
            "not known",
            "cooperation without a signed document",
        ],
        "Leipzig": [
            "Germany (Europe)",
            "partner city",
            day(datetime.date(1973, 9, 8)),
            "Presidium of the City National Council",
        ],
        "Nuremberg": [
            "Germany (Europe)",
            "twin city",
            day(datetime.date(1992, 2, 20)),
            f"resolution XLIII/298/92 of {day(datetime.date(1992, 2, 14))}",
        ],
        "Kyoto": [
            "Japan (Asia)",
            "honorary twin city",
            day(datetime.date(2010, 4, 1)),
            f"resolution of {day(datetime.date(2010, 4, 1))}, its number not recorded",
        ],
        "Fez": ["Morocco (Africa)", "partner city; agreement suspended", "1994", "not recorded"],
    }


def test_the_agencies_abroad_open_in_the_year_are_listed(council_client):
    AgencyFactory(
        name_en="Krakow House in Nuremberg",
        opened_on=datetime.date(1996, 6, 8),
        website="http://www.krakauer-haus.de/",
    )
    AgencyFactory(
        name_en="Krakow Office in Kyiv",
        country="UA",
        locality="Kyiv",
        opened_on=datetime.date(2015, 1, 1),
        opened_on_precision=DatePrecision.YEAR,
        closed_on=datetime.date(2023, 5, 1),
        closed_on_precision=DatePrecision.MONTH,
    )
    AgencyFactory(
        name_en="Representative Office in Brussels",
        country="BE",
        locality="Brussels",
        opened_on=datetime.date(2004, 3, 1),
        closed_on=datetime.date(2007, 1, 1),
    )

    rows = rows_of(report_pages(council_client), AGENCIES)

    assert rows == [
        [
            "Krakow House in Nuremberg",
            "Nuremberg",
            "Germany",
            day(datetime.date(1996, 6, 8)),
            "still open",
            "http://www.krakauer-haus.de/",
        ],
        [
            "Krakow Office in Kyiv",
            "Kyiv",
            "Ukraine",
            "2015",
            day(datetime.date(2023, 5, 1), DatePrecision.MONTH),
            "not recorded",
        ],
    ]


def test_the_working_documents_signed_or_ended_in_the_year_are_listed(council_client):
    WorkingDocumentFactory(
        city=PartnerCityFactory(name_en="Lyon", country="FR"),
        signed_on=datetime.date(2023, 5, 1),
        signed_on_precision=DatePrecision.MONTH,
    )
    WorkingDocumentFactory(
        city=PartnerCityFactory(name_en="Milan", country="IT"),
        kind=WorkingDocumentKind.MEMORANDUM,
        signed_on=None,
        ended_on=datetime.date(2023, 10, 2),
    )
    WorkingDocumentFactory(
        city=PartnerCityFactory(name_en="Tbilisi", country="GE"),
        kind=WorkingDocumentKind.DECLARATION,
        signed_on=datetime.date(2023, 1, 1),
        signed_on_precision=DatePrecision.YEAR,
        status_not_known=True,
    )
    WorkingDocumentFactory(city=PartnerCityFactory(name_en="Graz", country="AT"))

    pages = report_pages(council_client)

    assert rows_of(pages, DOCUMENTS) == [
        ["Tbilisi", "declaration", "2023", "not known whether it goes on"],
        ["Lyon", "letter of intent", day(datetime.date(2023, 5, 1), DatePrecision.MONTH), "going on"],
        ["Milan", "memorandum", "not known", day(datetime.date(2023, 10, 2))],
    ]
    assert "Working documents signed or ended in the year (3)" in "\n".join(
        page.extract_text() for page in pages
    )


def test_no_list_runs_on_and_no_cell_is_a_dash(council_client):
    city = PartnerCityFactory(name_en="Bordeaux", country="FR")
    AgreementFactory(
        city=city, signed_on=datetime.date(2023, 3, 1), resolution_date=datetime.date(2023, 2, 1)
    )
    AgreementFactory(
        city=PartnerCityFactory(name_en="Endedcity", country="IT"),
        status=AgreementStatus.TERMINATED,
        terminated_on=datetime.date(2023, 8, 1),
    )
    MembershipFactory(association__name="Eurocities", annual_fee=None)
    ProgrammeParticipationFactory(acronym="NODATES", ends_on=None, budget=None, cities=[city])

    pages = report_pages(council_client)

    text = "\n".join(page.extract_text() for page in pages)
    assert "·" not in text
    # The only dash is the running header's ("International relations — annual report 2023").
    assert text.count("—") == len(pages)
    ended = rows_of(pages, ["City", "Kind", "Terminated on", "Reason", "Act that ended it"])
    assert ended == [
        [
            "Endedcity",
            "city partnership",
            day(datetime.date(2023, 8, 1)),
            "not recorded",
            "City Council resolution XX/200/22",
        ]
    ]
    memberships = rows_of(pages, ["Association", "Joined on", "Annual fee", "Representative"])
    assert memberships == [["Eurocities", day(datetime.date(1991, 1, 1)), "not recorded", "not recorded"]]
    projects = rows_of(
        pages, ["Project", "Programme", "Krakow's role", "Starts on", "Ends on", "Budget", "Krakow's share"]
    )
    assert [row[0] for row in projects] == ["NODATES"]
    assert projects[0][3:] == [day(datetime.date(2023, 4, 1)), "not known", "not recorded", "not recorded"]
