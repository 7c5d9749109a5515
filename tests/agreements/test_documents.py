"""The agreement's PDF documents: real PDFs from WeasyPrint, read back with pypdf, and the staff-only views."""

import datetime
import io
import re

import pytest
from django.contrib.auth.models import Permission, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from guardian.shortcuts import assign_perm
from pypdf import PdfReader

from agreements.documents import agreement_draft_text_pdf, agreement_fact_sheet_pdf
from agreements.models import AgreementTransition
from registry.pdf import local_url_fetcher
from tests.agreements.factories import AgreementFactory, WorkingDocumentFactory
from tests.partners.factories import PartnerCityFactory

pytestmark = pytest.mark.django_db

KRAKOW = {"en": "Royal Capital City of Krakow", "pl": "Stołeczne Królewskie Miasto Kraków"}
DRAFT_TITLES = {
    "twinning": {
        "en": "Agreement on cooperation on the basis of twin cities",
        "pl": "Umowa o współpracy na zasadzie miast bliźniaczych",
    },
    "partnership": {"en": "Agreement on partnership between cities", "pl": "Umowa o partnerstwie miast"},
    "honorary_title": {
        "en": "Resolution conferring the Honorary Twin City title",
        "pl": "Uchwała w sprawie nadania honorowego tytułu Miasta Bliźniaczego Krakowa",
    },
    "sectoral": {
        "en": "Agreement on cooperation in the field of culture",
        "pl": "Porozumienie o współpracy w dziedzinie kultury",
    },
}
# Where the draft may name Krakow other than as a party: the titles of its organs.
KRAKOW_AS_PARTY_OR_ORGAN = {
    "en": r"Royal Capital City of Krakow|Mayor of Krakow|City Council of Krakow",
    "pl": r"Stołeczn\w+ Królewsk\w+ Miast\w+ Krak\w+|Prezydent\w* Miasta Krakowa|Rad\w* Miasta Krakowa"
    r"|Miasta Bliźniaczego Krakowa",
}


def polish(message):
    with translation.override("pl"):
        return translation.gettext(message)


# The lead translates the documents' new messages; until then the Polish wording cannot be checked. Under
# STRICT_SKIPS=1 (.ci/run) the skip fails the run, so it cannot go unnoticed.
def pdf_pages(pdf):
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def pdf_text(pdf):
    return " ".join(pdf_pages(pdf))


@pytest.fixture
def nuremberg():
    return PartnerCityFactory(slug="nuremberg", name_en="Nuremberg", name_pl="Norymberga", country="DE")


@pytest.fixture
def agreement(nuremberg):
    return AgreementFactory(
        slug="nuremberg-partnership",
        city=nuremberg,
        resolution_number="XII/123/90",
        resolution_date=datetime.date(1990, 9, 12),
        signed_on=datetime.date(1991, 6, 1),
        signatories="Tadeusz Piekarz, Peter Schönlein",
        notes="The signed original is kept in the Krakow House archive.",
    )


def agreement_of_kind(kind):
    if kind == "honorary_title":
        city = PartnerCityFactory(name_en="Kyoto", name_pl="Kioto", country="JP")
    else:
        city = PartnerCityFactory(name_en="Nuremberg", name_pl="Norymberga", country="DE")
    return AgreementFactory(city=city, kind=kind, sector="culture" if kind == "sectoral" else "")


def record_transitions(agreement, count, user=None):
    for number in range(count):
        AgreementTransition.objects.create(
            agreement=agreement,
            from_status="approved" if number % 2 == 0 else "in_force",
            to_status="in_force" if number % 2 == 0 else "suspended",
            effective_on=datetime.date(2000 + number, 1, 1),
            reason=f"Reason number {number + 1}.",
            recorded_by=user,
        )


# The fact sheet


@pytest.mark.parametrize("language", ["en", "pl"])
def test_fact_sheet_names_krakow_officially_and_the_city_in_the_language(agreement, language):
    text = pdf_text(agreement_fact_sheet_pdf(agreement, language))

    assert KRAKOW[language] in text
    assert {"en": "Nuremberg", "pl": "Norymberga"}[language] in text
    assert {"en": "Norymberga", "pl": "Nuremberg"}[language] not in text
    assert {"en": "Germany", "pl": "Niemcy"}[language] in text


@pytest.mark.parametrize(
    ("language", "facts"),
    [
        ("en", ["City partnership", "In force", "XII/123/90", "12 September 1990", "1 June 1991"]),
        (
            "pl",
            [
                "Umowa o partnerstwie miast",
                "Obowiązująca",
                "XII/123/90",
                "12 września 1990",
                "1 czerwca 1991",
            ],
        ),
    ],
)
def test_fact_sheet_gives_kind_status_and_resolution_with_dates_in_the_language(agreement, language, facts):
    text = pdf_text(agreement_fact_sheet_pdf(agreement, language))

    for fact in facts:
        assert fact in text


def test_fact_sheet_gives_the_signatories_and_the_internal_notes(agreement):
    text = pdf_text(agreement_fact_sheet_pdf(agreement, "en"))

    assert "Tadeusz Piekarz, Peter Schönlein" in text
    assert "The signed original is kept in the Krakow House archive." in text


def test_fact_sheet_says_when_the_resolution_ratifies_an_earlier_signing(nuremberg):
    agreement = AgreementFactory(
        city=nuremberg,
        kind="twinning",
        signed_on=datetime.date(1991, 6, 1),
        resolution_date=datetime.date(1992, 1, 10),
        resolution_ratifies_signed_agreement=True,
    )

    text = pdf_text(agreement_fact_sheet_pdf(agreement, "en"))

    assert "ratifies an agreement signed earlier" in text


def test_fact_sheet_gives_termination_date_and_reason(nuremberg):
    agreement = AgreementFactory(
        city=nuremberg,
        status="terminated",
        terminated_on=datetime.date(2022, 3, 31),
        termination_reason="Suspended by the City Council after the invasion of Ukraine.",
    )

    text = pdf_text(agreement_fact_sheet_pdf(agreement, "en"))

    assert "31 March 2022" in text
    assert "Suspended by the City Council after the invasion of Ukraine." in text


def test_fact_sheet_lists_the_lifecycle_in_order_with_who_recorded_it(agreement):
    record_transitions(agreement, 3, user=User.objects.create_user("a.nowak"))

    text = pdf_text(agreement_fact_sheet_pdf(agreement, "en"))

    positions = [text.index(f"Reason number {number}.") for number in (1, 2, 3)]
    assert positions == sorted(positions)
    assert "approved → in force" in text
    assert "in force → suspended" in text
    assert "a.nowak" in text


def test_fact_sheet_lists_the_working_documents_linked_both_ways(agreement, nuremberg):
    WorkingDocumentFactory(city=nuremberg, formalized_by=agreement, title="Letter of intent of 1989")
    WorkingDocumentFactory(city=nuremberg, draft_agreement=agreement, title="Protocol of 2019")

    text = pdf_text(agreement_fact_sheet_pdf(agreement, "en"))

    assert "formalized by this agreement Letter of intent Letter of intent of 1989" in text
    assert "this agreement is drafted from it Letter of intent Protocol of 2019" in text


def test_fact_sheet_of_an_agreement_in_negotiation_renders_without_the_missing_facts(nuremberg):
    agreement = AgreementFactory(
        city=nuremberg, status="negotiation", resolution_number="", resolution_date=None, signed_on=None
    )

    text = pdf_text(agreement_fact_sheet_pdf(agreement, "en"))

    assert "In negotiation" in text
    assert "No change of status has been recorded." in text
    assert "not shown to the public until it is signed" in text


# The draft text


@pytest.mark.parametrize("kind", list(DRAFT_TITLES))
def test_english_draft_has_the_title_of_its_kind_and_not_the_polish_one(kind):
    text = pdf_text(agreement_draft_text_pdf(agreement_of_kind(kind), "en"))

    assert DRAFT_TITLES[kind]["en"] in text
    assert DRAFT_TITLES[kind]["pl"] not in text


@pytest.mark.parametrize("kind", list(DRAFT_TITLES))
def test_polish_draft_has_the_title_of_its_kind_and_not_the_english_one(kind):
    text = pdf_text(agreement_draft_text_pdf(agreement_of_kind(kind), "pl"))

    assert DRAFT_TITLES[kind]["pl"] in text
    assert DRAFT_TITLES[kind]["en"] not in text


@pytest.mark.parametrize("language", ["en", "pl"])
def test_draft_names_both_parties_and_cites_the_resolution(agreement, language):
    text = pdf_text(agreement_draft_text_pdf(agreement, language))

    assert KRAKOW[language] in text
    assert {"en": "Nuremberg", "pl": "Norymberga"}[language] in text
    assert "XII/123/90" in text


@pytest.mark.parametrize(
    ("language", "parties"),
    [
        ("en", "Royal Capital City of Krakow (Republic of Poland) and the City of Nuremberg (Germany)"),
        ("pl", "Stołeczne Królewskie Miasto Kraków (Rzeczpospolita Polska) oraz Miasto Norymberga (Niemcy)"),
    ],
)
def test_draft_names_the_partner_by_its_official_name_in_the_language(
    agreement, nuremberg, language, parties
):
    nuremberg.official_name_en, nuremberg.official_name_pl = "the City of Nuremberg", "Miasto Norymberga"
    nuremberg.save()

    assert parties in pdf_text(agreement_draft_text_pdf(agreement, language))


@pytest.mark.parametrize("kind", list(DRAFT_TITLES))
def test_english_draft_names_krakow_only_by_its_full_official_name(kind):
    text = pdf_text(agreement_draft_text_pdf(agreement_of_kind(kind), "en"))

    assert "Krakow" not in re.sub(KRAKOW_AS_PARTY_OR_ORGAN["en"], "", text)


@pytest.mark.parametrize("kind", list(DRAFT_TITLES))
def test_polish_draft_names_krakow_only_by_its_full_official_name(kind):
    text = pdf_text(agreement_draft_text_pdf(agreement_of_kind(kind), "pl"))

    assert "Krak" not in re.sub(KRAKOW_AS_PARTY_OR_ORGAN["pl"], "", text)


def test_draft_of_a_sectoral_agreement_covers_its_sector_only():
    text = pdf_text(agreement_draft_text_pdf(agreement_of_kind("sectoral"), "en"))

    assert "in one field only: culture." in text
    assert "education" not in text


def test_draft_of_a_bilateral_agreement_has_its_articles_and_both_mayors_sign(agreement):
    text = pdf_text(agreement_draft_text_pdf(agreement, "en"))

    for heading in [
        "Article 1 Scope of cooperation",
        "Article 2 Forms of cooperation",
        "Article 3 Coordination",
        "Article 4 Duration and termination",
        "Article 5 Entry into force",
        "Article 6 Language versions",
    ]:
        assert heading in text
    assert "trade missions" in text  # one of the City Council's tools of the foreign policy
    assert "For the Royal Capital City of Krakow" in text
    assert "Mayor of Krakow" in text
    assert "Mayor of Nuremberg" in text


@pytest.mark.parametrize("language", ["en", "pl"])
def test_draft_is_marked_as_a_draft(agreement, language):
    text = pdf_text(agreement_draft_text_pdf(agreement, language))

    assert {"en": "DRAFT", "pl": "PROJEKT"}[language] in text


# Both documents


@pytest.mark.parametrize("render", [agreement_fact_sheet_pdf, agreement_draft_text_pdf])
@pytest.mark.parametrize(
    ("language", "numbering"),
    [("en", "page {} of {}"), ("pl", "strona {} z {}")],
)
def test_every_page_is_a4_and_numbered_in_the_footer(agreement, render, language, numbering):
    record_transitions(agreement, 12)
    pdf = render(agreement, language)

    pages = pdf_pages(pdf)
    assert len(pages) >= 1
    for number, text in enumerate(pages, start=1):
        assert numbering.format(number, len(pages)) in text
    for page in PdfReader(io.BytesIO(pdf)).pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)


@pytest.mark.parametrize("url", ["https://example.org/logo.png", "http://169.254.169.254/", "ftp://x/y"])
def test_rendering_fetches_nothing_from_the_network(url):
    with pytest.raises(ValueError, match="disallowed protocol"):
        local_url_fetcher()(url)


# The views


def staff_member(*, is_staff=True, permission=True):
    user = User.objects.create_user("officer", is_staff=is_staff)
    if permission:
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label="agreements", codename="view_agreement")
        )
    return user


def document_url(name, agreement, language="en"):
    with translation.override(language):
        return reverse(f"agreements:{name}", kwargs={"slug": agreement.slug})


@pytest.mark.parametrize("name", ["fact_sheet", "draft_text"])
def test_an_anonymous_visitor_is_sent_to_the_login(client, agreement, name):
    response = client.get(document_url(name, agreement))

    assert response.status_code == 302
    assert response["Location"].startswith("/en/admin/login/")


@pytest.mark.parametrize("name", ["fact_sheet", "draft_text"])
@pytest.mark.parametrize(
    "user", [{"is_staff": False, "permission": True}, {"is_staff": True, "permission": False}], ids=str
)
def test_a_non_staff_user_or_staff_without_the_view_permission_is_refused(client, agreement, name, user):
    client.force_login(staff_member(**user))

    assert client.get(document_url(name, agreement)).status_code == 403


@pytest.mark.parametrize(
    ("name", "filename"),
    [
        ("fact_sheet", "nuremberg-partnership-fact-sheet-en.pdf"),
        ("draft_text", "nuremberg-partnership-draft-en.pdf"),
    ],
)
def test_staff_with_the_view_permission_get_the_pdf_inline(client, agreement, name, filename):
    client.force_login(staff_member())

    response = client.get(document_url(name, agreement))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="{filename}"'
    assert "no-store" in response["Cache-Control"]
    assert response.content.startswith(b"%PDF-")


def test_staff_with_the_permission_for_this_agreement_alone_get_the_pdf(client, agreement):
    user = staff_member(permission=False)
    assign_perm("agreements.view_agreement", user, agreement)
    client.force_login(user)

    assert client.get(document_url("fact_sheet", agreement)).status_code == 200
    assert client.get(document_url("fact_sheet", AgreementFactory())).status_code == 403


def test_the_polish_address_gives_the_polish_document(client, agreement):
    client.force_login(staff_member())

    response = client.get(document_url("fact_sheet", agreement, language="pl"))

    assert response["Content-Disposition"] == 'inline; filename="nuremberg-partnership-fact-sheet-pl.pdf"'
    text = pdf_text(response.content)
    assert KRAKOW["pl"] in text
    assert "Norymberga" in text


def test_an_unknown_agreement_is_not_found(client, agreement):
    client.force_login(staff_member())

    response = client.get(reverse("agreements:fact_sheet", kwargs={"slug": "no-such-agreement"}))

    assert response.status_code == 404


@pytest.mark.parametrize("name", ["fact_sheet", "draft_text"])
def test_the_number_of_queries_does_not_grow_with_the_lifecycle(client, name):
    client.force_login(staff_member())
    user = User.objects.create_user("recorder")
    short, long = AgreementFactory(), AgreementFactory()
    record_transitions(short, 1, user=user)
    record_transitions(long, 10, user=user)

    counts = []
    for agreement in (short, long):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(document_url(name, agreement)).status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1]
