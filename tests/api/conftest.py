import io

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command


@pytest.fixture(autouse=True)
def empty_cache():
    """Responses are cached per registry version, and a rolled-back test leaves its version behind."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def demo_registry(db):
    call_command("import_registry", str(settings.DEMO_REGISTRY_FILE), stderr=io.StringIO())
