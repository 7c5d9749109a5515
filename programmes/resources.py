from django.utils.translation import gettext_lazy as _

from institutions.models import DiplomaticPost, PolishOrganisation
from memberships.models import Agency, Association
from partners.models import PartnerCity
from registry.resources import IdentifierList, IdentifierReference, RegistryResource, with_precisions

from .models import Activity, ProgrammeParticipation


class ActivityResource(RegistryResource):
    cities = IdentifierList("cities", PartnerCity)
    agency = IdentifierReference("agency", Agency)
    association = IdentifierReference("association", Association)
    project = IdentifierReference("project", ProgrammeParticipation)
    diplomatic_post = IdentifierReference("diplomatic_post", DiplomaticPost)
    polish_organisation = IdentifierReference("polish_organisation", PolishOrganisation)

    class Meta(RegistryResource.Meta):
        name = _("activities")
        model = Activity
        fields = with_precisions(
            Activity,
            [
                "id",
                "tool",
                "title_pl",
                "title_en",
                "starts_on",
                "ends_on",
                "cities",
                "district",
                "organisers",
                "agency",
                "association",
                "project",
                "diplomatic_post",
                "polish_organisation",
                "description",
                "is_public",
                "is_example",
            ],
        )
        export_order = fields
