"""A relation has one colour everywhere. The map and the charts take it from partners.choices.RELATION_COLOURS;
the list's relation marks are drawn by the stylesheet before any script runs, so public.css names the same
colours, and this test holds the two together."""

import re

from django.conf import settings

from partners.choices import RELATION_COLOURS


def test_the_lists_marks_have_the_colours_of_the_map_and_the_charts():
    stylesheet = (settings.BASE_DIR / "static" / "css" / "public.css").read_text()
    declared = dict(re.findall(r"--([a-z_]+):\s*(#[0-9a-fA-F]{6})", stylesheet))

    assert {relation.value: declared[relation.value].upper() for relation in RELATION_COLOURS} == {
        relation.value: colour.upper() for relation, colour in RELATION_COLOURS.items()
    }
