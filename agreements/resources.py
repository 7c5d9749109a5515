from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from partners.models import PartnerCity
from registry.resources import IdentifierReference, RegistryResource, with_precisions

from .models import Agreement


class AgreementResource(RegistryResource):
    city = IdentifierReference("city", PartnerCity)

    class Meta(RegistryResource.Meta):
        name = _("agreements")
        model = Agreement
        fields = with_precisions(
            Agreement,
            [
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
            ],
        )
        export_order = fields

    def import_instance(self, instance, row, **kwargs):
        # A termination date's precision moves with it: both are the lifecycle's.
        fields = with_precisions(Agreement, Agreement.LIFECYCLE_FIELDS)
        recorded = {field: getattr(instance, field) for field in fields} if instance.pk else {}
        super().import_instance(instance, row, **kwargs)
        moved = [field for field, value in recorded.items() if getattr(instance, field) != value]
        if moved:
            message = _(
                "Once recorded, an agreement's status and termination change only through its lifecycle."
            )
            raise ValidationError(dict.fromkeys(moved, message))
