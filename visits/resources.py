from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement
from contacts.models import Contact
from partners.models import PartnerCity
from programmes.models import ProgrammeParticipation
from registry.resources import IdentifierList, IdentifierReference, RegistryResource, with_precisions

from .models import Visit


class VisitResource(RegistryResource):
    """Visits and delegations; their members are people named by identifier."""

    cities = IdentifierList("cities", PartnerCity)
    members = IdentifierList("members", Contact)
    agreement = IdentifierReference("agreement", Agreement)
    project = IdentifierReference("project", ProgrammeParticipation)

    class Meta(RegistryResource.Meta):
        name = _("visits")
        model = Visit
        fields = with_precisions(
            Visit,
            [
                "id",
                "title",
                "direction",
                "level",
                "starts_on",
                "ends_on",
                "cities",
                "members",
                "other_members",
                "agreement",
                "project",
                "programme",
                "outcome",
                "is_public",
                "is_example",
            ],
        )
        export_order = fields
