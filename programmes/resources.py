from django.utils.translation import gettext_lazy as _

from partners.models import PartnerCity
from registry.resources import IdentifierList, RegistryResource, with_precisions

from .models import Activity


class ActivityResource(RegistryResource):
    cities = IdentifierList("cities", PartnerCity)

    class Meta(RegistryResource.Meta):
        name = _("activities")
        model = Activity
        fields = with_precisions(
            Activity,
            [
                "id",
                "tool",
                "title",
                "starts_on",
                "ends_on",
                "cities",
                "district",
                "organisers",
                "description",
                "is_public",
                "is_example",
            ],
        )
        export_order = fields
