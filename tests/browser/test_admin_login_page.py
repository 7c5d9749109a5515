"""The browser infrastructure's own proof, on the one page every installation has: the admin login.

It loads in Chromium in both languages under the real CSP with no console error and no foreign request (the
`page` fixture's teardown checks), axe-core finds no WCAG 2.1 A/AA violation on it, and the recorder behind
those checks really notices a foreign request, a script error and a CSP violation.
"""

import pytest

from tests.browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = pytest.mark.parametrize("language", ["pl", "en"])


@LANGUAGES
def test_admin_login_page_loads_with_its_own_stylesheets_only(page, page_record, language):
    response = page.goto(f"/{language}/admin/login/")

    assert response.ok
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("#login-form").is_visible()
    assert page_record.origin + "/static/admin/css/login.css" in page_record.requests


@LANGUAGES
def test_admin_login_page_has_no_accessibility_violations(page, language):
    page.goto(f"/{language}/admin/login/")

    assert_accessible(page)


def test_assert_accessible_reports_an_image_without_alternative_text(page):
    page.goto("/en/admin/login/")
    page.evaluate("""() => {
        const image = document.createElement("img");
        image.src = "/static/admin/img/icon-yes.svg";
        document.querySelector("#login-form").append(image);
    }""")

    with pytest.raises(AssertionError, match=r"image-alt .*\n +img$"):
        assert_accessible(page)


def test_page_record_notes_a_request_to_another_host(recorded_page, page_record):
    recorded_page.set_content('<img src="http://example.invalid/x.png" alt="">')

    assert page_record.foreign_hosts == ["example.invalid"]
    assert "request to another host: http://example.invalid/x.png" in page_record.problems()


def test_page_record_notes_an_uncaught_script_error(recorded_page, page_record):
    recorded_page.set_content("<script>throw new Error('boom')</script>")

    assert "uncaught Error: boom" in page_record.problems()


def test_page_record_notes_a_csp_violation(recorded_page, page_record):
    recorded_page.goto("/en/admin/login/")
    recorded_page.evaluate("""() => {
        const script = document.createElement("script");
        script.textContent = "window.injected = true";
        document.body.append(script);
    }""")

    assert recorded_page.evaluate("window.injected") is None
    assert any("Content Security Policy" in problem for problem in page_record.problems())
