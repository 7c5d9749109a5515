"""A letter's rules: it names its sender and recipient, concerns its own city's records, answers an earlier
letter of the same city."""

import datetime

import pytest

from tests.agreements.factories import AgreementFactory
from tests.contacts.factories import ContactFactory
from tests.correspondence.factories import LetterFactory
from tests.partners.factories import PartnerCityFactory
from tests.rules import assert_refused, database_refuses, errors_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("party", ["sender", "recipient"])
def test_a_letter_names_each_party(party):
    assert_refused(LetterFactory.build(**{party: ""}), party)


@pytest.mark.parametrize("party", ["sender", "recipient"])
def test_a_person_alone_names_a_party(party):
    LetterFactory.build(**{party: "", f"{party}_contact": ContactFactory()}).full_clean()


def test_the_agreement_it_concerns_is_the_letter_s_city_s():
    leipzig, nuremberg = PartnerCityFactory(), PartnerCityFactory()
    letter = LetterFactory.build(city=leipzig, agreement=AgreementFactory(city=nuremberg))
    assert "agreement" in errors_of(letter)


def test_a_reply_answers_an_earlier_letter_of_the_same_city():
    leipzig, nuremberg = PartnerCityFactory(), PartnerCityFactory()
    invitation = LetterFactory(city=leipzig, dated=datetime.date(2026, 2, 3))
    assert "in_reply_to" in errors_of(
        LetterFactory.build(city=nuremberg, in_reply_to=invitation, dated=datetime.date(2026, 2, 10))
    )
    assert "in_reply_to" in errors_of(
        LetterFactory.build(city=leipzig, in_reply_to=invitation, dated=datetime.date(2026, 2, 1))
    )
    LetterFactory.build(city=leipzig, in_reply_to=invitation, dated=datetime.date(2026, 2, 10)).full_clean()


def test_a_letter_cannot_answer_itself():
    letter = LetterFactory()
    letter.in_reply_to = letter
    assert "in_reply_to" in errors_of(letter)
    database_refuses(letter)
