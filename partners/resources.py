from django.utils.translation import gettext_lazy as _
from import_export import fields

from registry.resources import RegistryResource

from .models import PartnerCity


class PartnerCityResource(RegistryResource):
    continent = fields.Field(attribute="continent_override", column_name="continent")

    class Meta(RegistryResource.Meta):
        name = _("partner cities")
        model = PartnerCity
        fields = [
            "id",
            "name_en",
            "name_pl",
            "country",
            "continent",
            "latitude",
            "longitude",
            "is_capital",
            "website",
            "description_en",
            "description_pl",
        ]
        export_order = fields
