"""The cache is optional: Redis out of reach costs the charts' drawing again, never a page or a save."""

import logging
import runpy

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches

from tests.agreements.factories import AgreementFactory
from tests.deploy.servers import free_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_out_of_reach(settings, monkeypatch):
    """The caches the settings make for a CACHE_URL naming a Redis port where nothing listens."""
    monkeypatch.setenv("CACHE_URL", f"redis://127.0.0.1:{free_port()}/1")
    settings.CACHES = runpy.run_path(str(django_settings.BASE_DIR / "krakow_relations" / "settings.py"))[
        "CACHES"
    ]
    yield
    caches["default"].close()


def test_with_redis_out_of_reach_every_page_is_served_and_each_failure_logged(
    client, admin_client, redis_out_of_reach, caplog
):
    AgreementFactory(city__slug="nuremberg")

    with caplog.at_level(logging.ERROR, logger="django_redis.cache"):
        pages = [client.get(url) for url in ("/en/partners/", "/en/partners/nuremberg/", "/api/partners/")]
        dashboard = admin_client.get("/en/dashboard/")

    assert [page.status_code for page in pages] == [200, 200, 200]
    assert dashboard.status_code == 200
    assert "Exception ignored" in caplog.text


def test_with_redis_out_of_reach_staff_still_save(client, admin_client, redis_out_of_reach):
    agreement = AgreementFactory(city__name_en="Nuremberg")

    response = admin_client.post(
        f"/en/admin/agreements/agreement/transition/terminated/?ids={agreement.slug}",
        {"terminated_on": "2020-01-31", "reason": "Expired.", "act": "Notice of 31 July 2019"},
    )

    agreement.refresh_from_db()
    assert response.status_code == 302
    assert agreement.status == "terminated"
    assert b"Nuremberg" not in client.get("/en/partners/").content  # current relations only
