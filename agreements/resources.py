from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from import_export import fields, widgets

from partners.models import PartnerCity
from registry.resources import IdentifierReference, RegistryResource, with_precisions
from registry.terms import Term

from .models import Agreement, WorkingDocument

TERM_FIELDS = ["term", "term_years", "expires_on", "notice_months"]


class TermWidget(widgets.CharWidget):
    """A term's code; an empty cell is a term not recorded, as the record's default is."""

    def clean(self, value, row=None, **kwargs):
        return super().clean(value, row, **kwargs) or Term.NOT_RECORDED


def term_field():
    return fields.Field(attribute="term", column_name="term", widget=TermWidget())


class AgreementResource(RegistryResource):
    city = IdentifierReference("city", PartnerCity)
    follows = IdentifierReference("follows", Agreement)
    term = term_field()

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
                "follows",
                "follows_as",
                *TERM_FIELDS,
                "terminated_on",
                "termination_reason",
                "termination_act",
                "termination_act_not_recorded",
                "is_public",
                "notes",
            ],
        )
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        # Earliest first, so that a sheet imports back with each agreement before those that follow it.
        exported = super().filter_export(queryset, **kwargs).select_related("city", "follows")
        return exported.order_by(F("signed_on").asc(nulls_first=True), "slug")

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


class WorkingDocumentResource(RegistryResource):
    city = IdentifierReference("city", PartnerCity)
    formalized_by = IdentifierReference("formalized_by", Agreement)
    draft_agreement = IdentifierReference("draft_agreement", Agreement)
    term = term_field()

    class Meta(RegistryResource.Meta):
        name = _("working documents")
        model = WorkingDocument
        fields = with_precisions(
            WorkingDocument,
            [
                "id",
                "city",
                "kind",
                "kind_name",
                "title",
                "signed_on",
                "signatories",
                "ended_on",
                "status_not_known",
                *TERM_FIELDS,
                "formalized_by",
                "draft_agreement",
                "is_public",
                "notes",
            ],
        )
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        related = ("city", "formalized_by", "draft_agreement")
        return super().filter_export(queryset, **kwargs).select_related(*related)
