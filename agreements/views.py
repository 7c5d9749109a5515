"""The agreement's PDF documents for the staff, in the language of the address (/pl/…, /en/…)."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from registry.permissions import staff_login_required

from .documents import agreement_draft_text_pdf, agreement_fact_sheet_pdf, agreement_queryset_for_documents

VIEW_AGREEMENT = "agreements.view_agreement"


@require_safe
@never_cache
@staff_login_required
def agreement_fact_sheet(request, slug):
    return _pdf_response(request, slug, agreement_fact_sheet_pdf, "fact-sheet")


@require_safe
@never_cache
@staff_login_required
def agreement_draft_text(request, slug):
    return _pdf_response(request, slug, agreement_draft_text_pdf, "draft")


def _pdf_response(request, slug, render, name):
    if not request.user.is_staff:
        raise PermissionDenied
    agreement = get_object_or_404(agreement_queryset_for_documents(), slug=slug)
    # Globally (administrators, officers, council members) or for this agreement alone (an officer answering
    # for its city, a django-guardian object permission).
    if not (request.user.has_perm(VIEW_AGREEMENT) or request.user.has_perm(VIEW_AGREEMENT, agreement)):
        raise PermissionDenied
    language = translation.get_language()
    return HttpResponse(
        render(agreement, language),
        content_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="{agreement.slug}-{name}-{language}.pdf"'},
    )
