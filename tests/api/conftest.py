import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def empty_cache():
    """Responses are cached per registry version, and a rolled-back test leaves its version behind."""
    cache.clear()
    yield
    cache.clear()
