"""Reading the dashboard's tables in tests."""

import re

LINK = re.compile(r'<a href="[^"]*">(.*?)</a>')


def unlinked(response):
    """The page with each link replaced by its text: a table's cells as they read, whether or not the city
    in them links to its page (tests/dashboard/test_city_links.py tests the links)."""
    return LINK.sub(r"\1", response.text)
