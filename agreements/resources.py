from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from krakow_relations.resources import IdentifierReference, RegistryResource
from partners.models import PartnerCity

from .models import Agreement


class AgreementResource(RegistryResource):
    city = IdentifierReference("city", PartnerCity)

    class Meta(RegistryResource.Meta):
        name = _("agreements")
        model = Agreement
        fields = [
            "id",
            "city",
            "kind",
            "sector",
            "status",
            "resolution_number",
            "resolution_date",
            "resolution_ratifies_signed_agreement",
            "signed_on",
            "signatories",
            "terminated_on",
            "termination_reason",
            "is_public",
            "notes",
        ]
        export_order = fields

    def import_instance(self, instance, row, **kwargs):
        recorded_status = instance.status if instance.pk else None
        super().import_instance(instance, row, **kwargs)
        if recorded_status is not None and instance.status != recorded_status:
            raise ValidationError(
                {"status": _("Once recorded, an agreement changes status only through its lifecycle.")}
            )
