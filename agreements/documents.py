"""The agreement's printable documents for the staff: a fact sheet and a draft of the agreement's text.

Both are Django templates rendered in the requested language and laid out by WeasyPrint. Rendering never
reaches the network: the templates carry their CSS inline, fonts come from the system (fontconfig), and
the URL fetcher refuses everything that is not a local file.
"""

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from partners.models import PartnerCity
from registry.choices import PolicyTool
from registry.pdf import render_pdf

from .choices import AgreementKind, Sector
from .models import Agreement, AgreementTransition, WorkingDocument

DRAFT_TITLES = {
    AgreementKind.TWINNING: _("Agreement on cooperation on the basis of twin cities"),
    AgreementKind.PARTNERSHIP: _("Agreement on partnership between cities"),
    AgreementKind.HONORARY_TITLE: _("Resolution conferring the Honorary Twin City title"),
}
# One full title per sector rather than "… in the field of %(sector)s": Polish puts the field in the
# genitive ("w dziedzinie kultury"), which the sector's label (a nominative) cannot give.
SECTORAL_DRAFT_TITLES = {
    Sector.ENVIRONMENT: _("Agreement on cooperation in the field of environmental protection"),
    Sector.CULTURE: _("Agreement on cooperation in the field of culture"),
    Sector.EDUCATION: _("Agreement on cooperation in the field of education"),
    Sector.ECONOMY: _("Agreement on cooperation in the field of the economy"),
    Sector.TOURISM: _("Agreement on cooperation in the field of tourism"),
    Sector.SPORT: _("Agreement on cooperation in the field of sport"),
    Sector.HEALTH: _("Agreement on cooperation in the field of health"),
    Sector.SOCIAL_POLICY: _("Agreement on cooperation in the field of social policy"),
    Sector.TRANSPORT: _("Agreement on cooperation in the field of transport"),
    Sector.URBAN_DEVELOPMENT: _("Agreement on cooperation in the field of urban development"),
}

# The forms of cooperation a draft proposes, drawn from the City Council's fifteen tools of the municipal
# foreign policy. A tool that only Krakow itself uses (support for Polish communities abroad, involvement in
# EU structures) is no subject for a bilateral text; an honorary title is a gesture of friendship, so its
# draft proposes the lighter tools; a sectoral agreement only those that serve one field.
DRAFT_POLICY_TOOLS = {
    AgreementKind.TWINNING: [
        PolicyTool.DAYS_OF,
        PolicyTool.INTERNATIONAL_PROJECTS,
        PolicyTool.CONFERENCES,
        PolicyTool.DISTRICT_INITIATIVES,
        PolicyTool.INTERNATIONAL_PROGRAMMES,
        PolicyTool.FAIRS,
        PolicyTool.TRADE_MISSIONS,
        PolicyTool.AGENCIES_ABROAD,
        PolicyTool.MEDIA,
        PolicyTool.CITY_NETWORKS,
        PolicyTool.INFORMATION,
        PolicyTool.LONG_TERM_PROGRAMMES,
    ],
    AgreementKind.PARTNERSHIP: [
        PolicyTool.DAYS_OF,
        PolicyTool.INTERNATIONAL_PROJECTS,
        PolicyTool.CONFERENCES,
        PolicyTool.DISTRICT_INITIATIVES,
        PolicyTool.INTERNATIONAL_PROGRAMMES,
        PolicyTool.FAIRS,
        PolicyTool.TRADE_MISSIONS,
        PolicyTool.MEDIA,
        PolicyTool.CITY_NETWORKS,
        PolicyTool.INFORMATION,
    ],
    AgreementKind.HONORARY_TITLE: [
        PolicyTool.DAYS_OF,
        PolicyTool.CONFERENCES,
        PolicyTool.DIPLOMATIC_POSTS,
        PolicyTool.MEDIA,
        PolicyTool.INFORMATION,
    ],
    AgreementKind.SECTORAL: [
        PolicyTool.INTERNATIONAL_PROJECTS,
        PolicyTool.CONFERENCES,
        PolicyTool.INTERNATIONAL_PROGRAMMES,
        PolicyTool.MEDIA,
        PolicyTool.CITY_NETWORKS,
        PolicyTool.LONG_TERM_PROGRAMMES,
    ],
}


def agreement_queryset_for_documents():
    """Agreements with everything their documents show, in a fixed number of queries."""
    return Agreement.objects.select_related("city").prefetch_related(
        Prefetch("transitions", queryset=AgreementTransition.objects.select_related("recorded_by")),
        Prefetch("working_documents", queryset=WorkingDocument.objects.order_by("signed_on", "slug")),
        Prefetch("drafted_from", queryset=WorkingDocument.objects.order_by("signed_on", "slug")),
    )


def agreement_fact_sheet_pdf(agreement, language):
    """The staff's fact sheet of an agreement: every fact of the registry, its lifecycle and its notes."""
    return _render_pdf(
        "agreements/pdf/fact_sheet.html",
        {
            "agreement": agreement,
            "transitions": list(agreement.transitions.all()),
            "formalized_documents": list(agreement.working_documents.all()),
            "source_documents": list(agreement.drafted_from.all()),
        },
        language,
    )


def agreement_draft_text_pdf(agreement, language):
    """A draft of the agreement's text (for an honorary title, of the City Council's resolution)."""
    if agreement.kind == AgreementKind.SECTORAL:
        title = SECTORAL_DRAFT_TITLES[agreement.sector]
    else:
        title = DRAFT_TITLES[agreement.kind]
    return _render_pdf(
        "agreements/pdf/draft_text.html",
        {
            "agreement": agreement,
            "title": title,
            "is_twinning": agreement.kind == AgreementKind.TWINNING,
            "is_partnership": agreement.kind == AgreementKind.PARTNERSHIP,
            "is_resolution": agreement.kind == AgreementKind.HONORARY_TITLE,
            "is_sectoral": agreement.kind == AgreementKind.SECTORAL,
            "fields_of_cooperation": Sector.labels,
            "forms_of_cooperation": [tool.label for tool in DRAFT_POLICY_TOOLS[agreement.kind]],
        },
        language,
    )


def _field_labels(model):
    return {field.name: field.verbose_name for field in model._meta.fields}


def _render_pdf(template_name, context, language):
    with translation.override(language):
        html = render_to_string(
            template_name,
            {
                **context,
                "label": {
                    "agreement": _field_labels(Agreement),
                    "city": _field_labels(PartnerCity),
                    "transition": _field_labels(AgreementTransition),
                    "document": _field_labels(WorkingDocument),
                },
                "generated_at": timezone.localtime(),
            },
        )
    return render_pdf(html)
