"""The agreement's fact sheet gives a date known to the month or the year only at that precision, never as the
first day the database stores for it; a date known to the day in full."""

import datetime
import io

import pytest
from pypdf import PdfReader

from agreements.choices import AgreementStatus
from agreements.documents import agreement_fact_sheet_pdf
from registry.partial_dates import DatePrecision
from tests.agreements.factories import AgreementFactory, WorkingDocumentFactory
from tests.partners.factories import PartnerCityFactory

pytestmark = pytest.mark.django_db


def pdf_text(pdf):
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())


@pytest.fixture
def agreement():
    city = PartnerCityFactory(name_en="Nuremberg", name_pl="Norymberga", country="DE")
    agreement = AgreementFactory(
        city=city,
        status=AgreementStatus.TERMINATED,
        signed_on=datetime.date(1991, 1, 1),
        signed_on_precision=DatePrecision.YEAR,
        signatories="Tadeusz Piekarz, Peter Schönlein",
        terminated_on=datetime.date(2022, 3, 1),
        terminated_on_precision=DatePrecision.MONTH,
        termination_reason="Dormant.",
    )
    WorkingDocumentFactory(
        city=city,
        formalized_by=agreement,
        title="Letter of 1989",
        signed_on=datetime.date(1989, 5, 1),
        signed_on_precision=DatePrecision.MONTH,
    )
    WorkingDocumentFactory(
        city=city, draft_agreement=agreement, title="Protocol", signed_on=datetime.date(2019, 4, 8)
    )
    return agreement


def test_the_fact_sheet_gives_each_date_at_its_precision(agreement):
    text = pdf_text(agreement_fact_sheet_pdf(agreement, "en"))

    assert "Signed on 1991 Signatories" in text
    assert "Terminated on March 2022 Reason for termination" in text
    assert "Letter of 1989 May 1989" in text
    # Dates known to the day stay in full: the working document's and the council's resolution.
    assert "Protocol 8 April 2019" in text
    assert "12 September 1990" in text
    for invented in ("1 January 1991", "1 March 2022", "1 May 1989"):
        assert invented not in text


def test_the_fact_sheet_in_polish(agreement):
    text = pdf_text(agreement_fact_sheet_pdf(agreement, "pl"))

    assert "marzec 2022" in text and "1 marca 2022" not in text
    assert "1 stycznia 1991" not in text
    assert "8 kwietnia 2019" in text and "12 września 1990" in text
