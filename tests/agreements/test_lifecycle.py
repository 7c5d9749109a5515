"""The agreement lifecycle: only the council's transitions, each with its own form, each recorded."""

import datetime

import pytest
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError

from agreements import services
from agreements.models import Agreement, AgreementTransition, WorkingDocument
from registry.models import TEXT_MAX_LENGTH
from registry.permissions import OFFICERS
from tests.agreements.factories import AgreementFactory, WorkingDocumentFactory

pytestmark = pytest.mark.django_db


def in_negotiation(**fields):
    return AgreementFactory(
        status="negotiation", resolution_number="", resolution_date=None, signed_on=None, **fields
    )


@pytest.fixture
def user():
    return User.objects.create_user("officer", is_staff=True)


def test_the_whole_lifecycle_is_recorded_step_by_step(user):
    agreement = in_negotiation(kind="twinning")

    services.agreement_approve(
        agreement=agreement,
        resolution_number="XII/123/20",
        resolution_date=datetime.date(2020, 1, 10),
        user=user,
    )
    services.agreement_bring_into_force(
        agreement=agreement, signed_on=datetime.date(2020, 2, 1), signatories="Mayors", user=user
    )
    services.agreement_suspend(
        agreement=agreement,
        suspended_on=datetime.date(2022, 3, 2),
        reason="War",
        resolution_number="LXX/1900/22",
        resolution_date=datetime.date(2022, 3, 2),
        user=user,
    )
    services.agreement_resume(agreement=agreement, resumed_on=datetime.date(2023, 1, 1), user=user)
    services.agreement_terminate(
        agreement=agreement,
        terminated_on=datetime.date(2024, 1, 1),
        reason="Ended",
        act="City Council resolution CX/100/23",
        user=user,
    )

    agreement.refresh_from_db()
    assert (agreement.status, agreement.signed_on, agreement.signatories, agreement.termination_reason) == (
        "terminated",
        datetime.date(2020, 2, 1),
        "Mayors",
        "Ended",
    )
    steps = [(step.from_status, step.to_status, step.recorded_by) for step in agreement.transitions.all()]
    assert steps == [
        ("negotiation", "approved", user),
        ("approved", "in_force", user),
        ("in_force", "suspended", user),
        ("suspended", "in_force", user),
        ("in_force", "terminated", user),
    ]


@pytest.mark.parametrize(
    ("start", "service", "arguments"),
    [
        (
            "negotiation",
            services.agreement_terminate,
            {"terminated_on": datetime.date(2020, 1, 1), "reason": "x", "act": "x"},
        ),
        (
            "negotiation",
            services.agreement_bring_into_force,
            {"signed_on": datetime.date(2020, 1, 1), "signatories": ""},
        ),
        ("in_force", services.agreement_resume, {"resumed_on": datetime.date(2020, 1, 1)}),
        ("terminated", services.agreement_resume, {"resumed_on": datetime.date(2020, 1, 1)}),
    ],
    ids=["terminate-in-negotiation", "sign-unapproved-twinning", "resume-in-force", "revive-terminated"],
)
def test_a_transition_the_lifecycle_forbids_is_refused_with_the_rule(user, start, service, arguments):
    agreement = (
        in_negotiation(kind="twinning") if start == "negotiation" else AgreementFactory(kind="twinning")
    )
    if start == "terminated":
        agreement.status, agreement.terminated_on = "terminated", datetime.date(2000, 1, 1)
        agreement.termination_act = "City Council resolution XL/400/99"
        agreement.save()

    with pytest.raises(ValidationError, match="cannot become"):
        service(agreement=agreement, user=user, **arguments)

    assert not AgreementTransition.objects.exists()


def test_a_sectoral_agreement_needs_the_councils_resolution_like_the_other_kinds(user):
    agreement = in_negotiation(kind="sectoral", sector="environment")

    assert services.agreement_next_statuses(agreement) == ["approved"]
    with pytest.raises(ValidationError, match="cannot become"):
        services.agreement_bring_into_force(
            agreement=agreement, signed_on=datetime.date(2021, 5, 5), signatories="", user=user
        )
    services.agreement_approve(
        agreement=agreement,
        resolution_number="XL/500/21",
        resolution_date=datetime.date(2021, 4, 7),
        user=user,
    )

    assert Agreement.objects.get().status == "approved"


@pytest.mark.parametrize("kind", ["twinning", "sectoral"])
def test_suspending_any_agreement_needs_a_council_resolution(user, kind):
    with pytest.raises(ValidationError, match="needs a City Council resolution"):
        services.agreement_suspend(
            agreement=AgreementFactory(kind=kind, sector="culture" if kind == "sectoral" else ""),
            suspended_on=datetime.date(2022, 1, 1),
            reason="x",
            user=user,
        )


def test_a_transition_that_breaks_a_rule_leaves_nothing_behind(user):
    agreement = AgreementFactory(signed_on=datetime.date(1991, 6, 1))

    with pytest.raises(ValidationError):
        services.agreement_terminate(
            agreement=agreement, terminated_on=datetime.date(1990, 1, 1), reason="x", act="x", user=user
        )

    agreement.refresh_from_db()
    assert agreement.status == "in_force"
    assert not AgreementTransition.objects.exists()


@pytest.mark.parametrize(
    ("service", "arguments"),
    [
        (services.agreement_terminate, {"terminated_on": datetime.date(2022, 1, 1), "act": "x"}),
        (
            services.agreement_suspend,
            {
                "suspended_on": datetime.date(2022, 1, 1),
                "resolution_number": "I/1/22",
                "resolution_date": datetime.date(2022, 1, 1),
            },
        ),
    ],
    ids=["terminate", "suspend"],
)
def test_a_transitions_reason_over_the_limit_is_refused_by_the_service(user, service, arguments):
    agreement = AgreementFactory()

    with pytest.raises(ValidationError, match=f"at most {TEXT_MAX_LENGTH} characters"):
        service(agreement=agreement, reason="x" * (TEXT_MAX_LENGTH + 1), user=user, **arguments)

    assert not AgreementTransition.objects.exists()


def test_a_working_document_starts_a_draft_agreement_linked_back_and_formalized_on_approval(user):
    document = WorkingDocumentFactory(city__slug="kyoto", city__country="JP")

    draft = services.working_document_start_agreement(document=document, kind="honorary_title", user=user)

    document.refresh_from_db()
    assert (draft.slug, draft.status, document.draft_agreement) == (
        "kyoto-honorary-title",
        "negotiation",
        draft,
    )
    services.agreement_approve(
        agreement=draft, resolution_number="XXI/500/24", resolution_date=datetime.date(2024, 10, 9), user=user
    )
    document.refresh_from_db()
    assert document.formalized_by == draft


def test_a_draft_agreement_with_another_city_is_refused(user):
    document = WorkingDocumentFactory(city__slug="kyoto", city__country="JP")
    elsewhere = in_negotiation(kind="honorary_title", city__slug="lima", city__country="PE")
    document.draft_agreement = elsewhere

    with pytest.raises(ValidationError) as refused:
        document.full_clean()

    assert "draft_agreement" in refused.value.message_dict


def test_approval_refuses_to_formalize_a_document_the_rules_refuse(user):
    # Recorded before the rule on draft agreements existed: the draft is another city's agreement.
    document = WorkingDocumentFactory(city__slug="kyoto", city__country="JP")
    elsewhere = in_negotiation(kind="honorary_title", city__slug="lima", city__country="PE")
    WorkingDocument.objects.filter(pk=document.pk).update(draft_agreement=elsewhere)

    with pytest.raises(ValidationError):
        services.agreement_approve(
            agreement=elsewhere,
            resolution_number="XXI/500/24",
            resolution_date=datetime.date(2024, 10, 9),
            user=user,
        )

    document.refresh_from_db()
    elsewhere.refresh_from_db()
    assert (document.formalized_by, elsewhere.status) == (None, "negotiation")


class TestAdmin:
    @pytest.fixture
    def staff(self, admin_client):
        return admin_client

    def test_the_change_page_offers_only_the_allowed_transitions(self, staff):
        agreement = AgreementFactory(slug="leuven-twinning", kind="twinning")

        page = staff.get("/en/admin/agreements/agreement/leuven-twinning/change/").content.decode()

        assert "transition/suspended/?ids=leuven-twinning" in page
        assert "transition/terminated/?ids=leuven-twinning" in page
        assert "transition/approved/" not in page
        assert agreement.status == "in_force"

    def test_status_is_read_only_once_recorded(self, staff):
        AgreementFactory(slug="leuven-twinning")

        form = staff.get("/en/admin/agreements/agreement/leuven-twinning/change/").context["adminform"].form

        assert "status" not in form.fields

    def test_terminating_through_its_form_records_who_and_why(self, staff, admin_user):
        AgreementFactory(slug="saint-petersburg-partnership")

        response = staff.post(
            "/en/admin/agreements/agreement/transition/terminated/?ids=saint-petersburg-partnership",
            {
                "terminated_on": "2022-09-16",
                "reason": "Russia's invasion of Ukraine",
                "act": "City Council resolution of 2 March 2022",
            },
        )

        assert response.status_code == 302
        step = AgreementTransition.objects.get()
        assert (step.to_status, step.recorded_by, step.reason) == (
            "terminated",
            admin_user,
            "Russia's invasion of Ukraine",
        )
        assert Agreement.objects.get().termination_act == "City Council resolution of 2 March 2022"

    def test_the_form_refuses_a_missing_reason(self, staff):
        AgreementFactory(slug="a")

        response = staff.post(
            "/en/admin/agreements/agreement/transition/terminated/?ids=a", {"terminated_on": "2022-09-16"}
        )

        assert "reason" in response.context["form"].errors
        assert Agreement.objects.get().status == "in_force"

    def test_the_form_refuses_a_reason_longer_than_the_agreements_own_limit(self, staff):
        AgreementFactory(slug="a")

        response = staff.post(
            "/en/admin/agreements/agreement/transition/terminated/?ids=a",
            {"terminated_on": "2022-09-16", "reason": "x" * (TEXT_MAX_LENGTH + 1), "act": "x"},
        )

        assert response.context["form"].errors["reason"] == [
            f"Ensure this value has at most {TEXT_MAX_LENGTH} characters (it has {TEXT_MAX_LENGTH + 1})."
        ]
        assert Agreement.objects.get().status == "in_force"

    def test_a_forbidden_transition_is_refused_with_a_message(self, staff):
        in_negotiation(slug="draft")

        response = staff.get("/en/admin/agreements/agreement/transition/terminated/?ids=draft", follow=True)

        assert "Not every selected agreement can become terminated now" in response.content.decode()

    def test_the_bulk_action_leads_to_the_transition_form(self, staff):
        first, second = AgreementFactory(), AgreementFactory()

        response = staff.post(
            "/en/admin/agreements/agreement/",
            {"action": "transition_to_terminated", "_selected_action": [first.pk, second.pk]},
        )

        assert response.url.startswith("/en/admin/agreements/agreement/transition/terminated/?ids=")
        assert set(response.url.split("ids=")[1].split(",")) == {first.slug, second.slug}

    def test_an_officer_cannot_move_an_agreement_of_a_city_not_theirs(self, client):
        officer = User.objects.create_user("officer", is_staff=True)
        officer.groups.add(Group.objects.get(name=OFFICERS))
        client.force_login(officer)
        AgreementFactory(slug="a")

        response = client.post(
            "/en/admin/agreements/agreement/transition/terminated/?ids=a",
            {"terminated_on": "2022-09-16", "reason": "x", "act": "x"},
        )

        assert response.status_code == 403
        assert Agreement.objects.get().status == "in_force"

    def test_a_working_document_starts_an_agreement_from_its_page(self, staff):
        WorkingDocumentFactory(slug="letter", city__slug="kyoto", city__country="JP")

        response = staff.post(
            "/en/admin/agreements/workingdocument/letter/start-agreement/", {"kind": "honorary_title"}
        )

        assert response.url == "/en/admin/agreements/agreement/kyoto-honorary-title/change/"


def test_the_change_page_links_the_pdfs_in_the_staffs_language(admin_client):
    AgreementFactory(slug="leuven-twinning", kind="twinning")

    page = admin_client.get("/pl/admin/agreements/agreement/leuven-twinning/change/").content.decode()

    assert "/pl/staff/agreements/leuven-twinning/fact-sheet.pdf" in page
    assert "/pl/staff/agreements/leuven-twinning/draft.pdf" in page


def test_the_transition_form_has_the_admins_date_widgets(admin_client):
    AgreementFactory(slug="a")

    page = admin_client.get("/en/admin/agreements/agreement/transition/terminated/?ids=a").content.decode()

    assert "admin/css/forms.css" in page
    assert "admin/js/admin/DateTimeShortcuts.js" in page
