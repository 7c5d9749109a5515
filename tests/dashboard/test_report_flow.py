"""The annual report's sections follow one another on the page instead of each opening a new one."""

import datetime
import io
from collections import Counter
from decimal import Decimal

import pytest
from pypdf import PdfReader

from agreements.choices import AgreementKind
from registry.choices import PolicyTool
from tests.agreements.factories import AgreementFactory, WorkingDocumentFactory
from tests.memberships.factories import AgencyFactory, MembershipFactory
from tests.partners.factories import PartnerCityFactory
from tests.programmes.factories import ActivityFactory, ProgrammeParticipationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry():
    """A year of a registry of Krakow's size: a few dozen relations, some memberships, projects, activities."""
    for number in range(30):
        AgreementFactory(city=PartnerCityFactory(name_en=f"City {number}", country="FR"))
    AgreementFactory(
        city=PartnerCityFactory(name_en="Nuremberg", country="DE"),
        kind=AgreementKind.TWINNING,
        signed_on=datetime.date(2023, 5, 20),
        resolution_date=datetime.date(2023, 4, 1),
        resolution_number="CIV/2800/23",
    )
    WorkingDocumentFactory(
        city=PartnerCityFactory(name_en="Vienna", country="AT"), signed_on=datetime.date(2023, 6, 1)
    )
    for number in range(7):
        MembershipFactory(association__name=f"Association {number}", annual_fee=Decimal("1000"))
    AgencyFactory(name_en="Krakow House in Nuremberg", opened_on=datetime.date(1996, 6, 8))
    ProgrammeParticipationFactory(acronym="GREENCITY", budget=Decimal("2000000"))
    ActivityFactory(
        tool=PolicyTool.FAIRS, starts_on=datetime.date(2023, 3, 1), title_en="Fair", title_pl="Targi"
    )


def test_sections_flow_on_from_one_another(council_client, registry):
    reader = PdfReader(io.BytesIO(council_client.get("/en/dashboard/report/2023.pdf").content))

    headings = [item for item in reader.outline[1] if not isinstance(item, list)]
    sections = [heading for heading in headings if heading.title != "Contents"]
    starts = Counter(reader.get_destination_page_number(section) for section in sections)
    assert len(sections) == 11
    # Most sections share their first page with another: the report takes fewer pages than it has sections.
    assert sum(count for count in starts.values() if count > 1) >= len(sections) // 2
    assert len(reader.pages) < len(sections)
