"""The `diplomatic_posts` and `polish_organisations` sections of the exchange format."""

from partners.exchange import Country
from partners.models import PartnerCity
from registry.exchange import Boolean, Choice, Reference, Section, Text

from .choices import PostKind
from .models import DiplomaticPost, PolishOrganisation


def body_keys():
    """The keys every body shares (institutions.models.Body)."""
    return [
        Text("name_en", required=True),
        Text("name_pl", required=True),
        Country("country", required=True),
        Text("locality", required=True),
        Reference("city", PartnerCity),
        Text("address"),
        Text("website"),
        Text("notes"),
        Boolean("example", attr="is_example"),
    ]


DIPLOMATIC_POSTS = Section(
    "diplomatic_posts",
    DiplomaticPost,
    [Choice("kind", PostKind, required=True), Country("represents", required=True), *body_keys()],
    select_related=("city",),
)

POLISH_ORGANISATIONS = Section(
    "polish_organisations",
    PolishOrganisation,
    body_keys(),
    select_related=("city",),
)
