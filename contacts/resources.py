from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement
from institutions.models import DiplomaticPost, PolishOrganisation
from memberships.models import Agency, Association
from partners.models import PartnerCity
from programmes.models import ProgrammeParticipation
from registry.resources import IdentifierList, IdentifierReference, RegistryResource

from .models import Contact


class ContactResource(RegistryResource):
    """People, as staff keep them in a spreadsheet. Personal data: the admin exports only the rows its user
    may see (the list's own queryset), and an import writes only people of the user's cities."""

    cities = IdentifierList("cities", PartnerCity)
    agreements = IdentifierList("agreements", Agreement)
    projects = IdentifierList("projects", ProgrammeParticipation)
    associations = IdentifierList("associations", Association)
    agency = IdentifierReference("agency", Agency)
    diplomatic_post = IdentifierReference("diplomatic_post", DiplomaticPost)
    polish_organisation = IdentifierReference("polish_organisation", PolishOrganisation)

    class Meta(RegistryResource.Meta):
        name = _("people")
        model = Contact
        fields = [
            "id",
            "full_name",
            "position",
            "organisation",
            "organisation_kind",
            "languages",
            "email",
            "phone",
            "cities",
            "agreements",
            "projects",
            "associations",
            "agency",
            "diplomatic_post",
            "polish_organisation",
            "lawful_basis",
            "lawful_basis_note",
            "review_on",
            "notes",
            "is_example",
        ]
        export_order = fields
