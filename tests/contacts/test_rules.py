"""A person's rules: a name, a lawful basis and a review date; languages as codes, a telephone as digits."""

import pytest

from tests.contacts.factories import ContactFactory
from tests.rules import errors_of

pytestmark = pytest.mark.django_db


def person(**fields):
    return ContactFactory.build(**fields)


def test_a_complete_person_is_valid():
    person(languages="de, en,pl").full_clean()


@pytest.mark.parametrize("field", ["full_name", "lawful_basis", "review_on"])
def test_a_person_needs_a_name_a_lawful_basis_and_a_review_date(field):
    assert field in errors_of(person(**{field: None if field == "review_on" else ""}))


def test_the_lawful_basis_is_one_of_article_6():
    assert "lawful_basis" in errors_of(person(lawful_basis="curiosity"))


@pytest.mark.parametrize("languages", ["German", "de;en", "de,", "d"])
def test_languages_are_codes_separated_by_commas(languages):
    assert "languages" in errors_of(person(languages=languages))


@pytest.mark.parametrize("phone", ["+49 (911) 231-0", "0048 12 616 12 34", "12.34.56.78"])
def test_a_telephone_number_may_have_spaces_brackets_and_separators(phone):
    person(phone=phone).full_clean()


@pytest.mark.parametrize("phone", ["call the office", "+49 911 231 0 ext. 5", "123"])
def test_a_telephone_number_is_digits(phone):
    assert "phone" in errors_of(person(phone=phone))


@pytest.mark.parametrize("field, value", [("email", "anna at example.org"), ("slug", "Anna Nowak")])
def test_an_address_and_an_identifier_are_well_formed(field, value):
    assert field in errors_of(person(**{field: value}))
