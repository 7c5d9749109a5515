from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from partners.admin import CityNameSearchMixin
from partners.admin import PartnerCityAdmin as CityAdmin
from partners.choices import Relation
from partners.models import PartnerCity
from registry.admin import (
    PROVENANCE_FIELDSET,
    AttachmentInline,
    CityRecordInline,
    MyCitiesFilter,
    PlaceholderFilter,
    RegistryImportExportMixin,
    RegistryRecordAdmin,
    change_url,
)
from registry.partial_dates import partial_date
from registry.permissions import may

from .choices import AgreementStatus
from .forms import StartAgreementForm, transition_form_class
from .models import Agreement, AgreementTransition, WorkingDocument
from .resources import AgreementResource, WorkingDocumentResource
from .selectors import partner_city_partners_since, partner_city_public_relation
from .services import agreement_next_statuses, working_document_start_agreement

TERM_FIELDS = ["term", "term_years", "expires_on", "notice_months", "term_next"]


class AgreementTransitionInline(admin.TabularInline):
    """The lifecycle so far, as recorded: read-only, it changes only through the transitions."""

    model = AgreementTransition
    fields = [
        "from_status",
        "to_status",
        "effective_on",
        "reason",
        "resolution_number",
        "recorded_by",
        "recorded_at",
    ]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("lifecycle")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class AgreementInline(CityRecordInline):
    model = Agreement
    fields = ["slug", "kind", "sector", "status", "resolution_number", "resolution_date", "signed_on"]
    readonly_fields = ["status"]
    # An agreement is terminated (a transition, with its act), never deleted from its city's page.
    can_delete = False


class WorkingDocumentInline(CityRecordInline):
    model = WorkingDocument
    fk_name = "city"
    fields = ["slug", "kind", "title", "signed_on", "formalized_by"]
    autocomplete_fields = ["formalized_by"]


@admin.register(Agreement)
class AgreementAdmin(CityNameSearchMixin, RegistryImportExportMixin, RegistryRecordAdmin):
    accusative_name = pgettext_lazy("accusative", "agreement")
    resource_classes = [AgreementResource]
    # What tells agreements apart at a glance, narrow enough for a laptop beside the filters: the country and
    # the decision are on the agreement's page, and the search finds agreements by country too.
    list_display = [
        "city",
        "kind_and_sector",
        "status",
        "signed_on",
        "terminated_on",
        "is_public",
        "is_verified",
    ]
    list_filter = [
        MyCitiesFilter,
        "kind",
        "status",
        "sector",
        "continent",
        "follows_as",
        "term",
        "is_public",
        PlaceholderFilter,
    ]
    list_select_related = ["city"]
    search_fields = ["slug", "city__name_en", "city__name_pl", "resolution_number", "signatories"]
    # The coordinator is picked from a list: officers may not search staff accounts, as autocomplete would.
    autocomplete_fields = ["city", "follows"]
    date_hierarchy = "signed_on"
    readonly_fields = ["country", "continent", "later_agreements", "term_next"]
    inlines = [AgreementTransitionInline, AttachmentInline]
    actions = [f"transition_to_{status}" for status in AgreementStatus.values if status != "negotiation"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "slug",
                    "city",
                    "country",
                    "continent",
                    "kind",
                    "sector",
                    "status",
                    "is_public",
                    "coordinator",
                ]
            },
        ),
        (
            _("The decision"),
            {
                "fields": [
                    "resolution_number",
                    "resolution_date",
                    "resolution_ratifies_signed_agreement",
                    "deciding_body",
                    "decision_not_recorded",
                ],
                "description": _(
                    "The City Council's resolution (its date alone if the number is not known); for an "
                    "agreement signed before 27 May 1990 the body of the time; or, for an old record, why "
                    "the decision is not recorded. One of the three."
                ),
            },
        ),
        (
            _("Signing and termination"),
            {
                "fields": [
                    "signed_on",
                    "signatories",
                    "terminated_on",
                    "termination_reason",
                    "termination_act",
                    "termination_act_not_recorded",
                ]
            },
        ),
        (
            _("Earlier and later agreements"),
            {
                "fields": ["follows", "follows_as", "later_agreements"],
                "description": _(
                    "An agreement that renews or replaces an earlier one ends it the day it is signed; an "
                    "amendment is part of the agreement it amends and ends with it."
                ),
            },
        ),
        (_("Term"), {"fields": TERM_FIELDS}),
        (_("Internal"), {"fields": ["notes"]}),
        PROVENANCE_FIELDSET,
    ]

    def get_inlines(self, request, obj):
        return self.inlines if obj else [AttachmentInline]

    # One column: only a sectoral agreement has a sector, and a column of its own would be empty on most rows.
    @admin.display(description=Agreement._meta.get_field("kind").verbose_name, ordering="kind")
    def kind_and_sector(self, agreement):
        if not agreement.sector:
            return agreement.get_kind_display()
        return _("%(kind)s (%(sector)s)") % {
            "kind": agreement.get_kind_display(),
            "sector": agreement.get_sector_display(),
        }

    @admin.display(description=_("later agreements"))
    def later_agreements(self, agreement):
        successors = agreement.successors.all() if agreement.pk else []
        return (
            format_html_join(
                ", ",
                '<a href="{}">{}</a> ({})',
                (
                    (change_url(self, later), later.slug, later.get_follows_as_display())
                    for later in successors
                ),
            )
            or None
        )

    @admin.display(description=_("next by its term"))
    def term_next(self, record):
        event = record.next_term_event(after=timezone.localdate())
        return event.describe(timezone.localdate()) if event else None

    def get_urls(self):
        view = self.admin_site.admin_view(self.transition_view)
        return [
            path("transition/<str:to_status>/", view, name="agreements_agreement_transition"),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and may(request.user, "change", self.opts, obj):
            context["transitions"] = [
                (status, transition_form_class(obj, status).title) for status in agreement_next_statuses(obj)
            ]
        return super().render_change_form(request, context, add, change, form_url, obj)

    def transition_view(self, request, to_status):
        """Ask what the transition needs, then move each selected agreement on (?ids=slug,slug)."""
        if to_status not in AgreementStatus.values:
            raise Http404
        slugs = request.GET.get("ids", "").split(",")
        agreements = list(Agreement.objects.filter(slug__in=slugs).select_related("city"))
        if not agreements:
            raise Http404
        if not all(may(request.user, "change", self.opts, agreement) for agreement in agreements):
            raise PermissionDenied
        form_classes = {transition_form_class(agreement, to_status) for agreement in agreements}
        if None in form_classes or len(form_classes) > 1:
            messages.error(
                request,
                _("Not every selected agreement can become %(status)s now; select some in the same status.")
                % {"status": AgreementStatus(to_status).label},
            )
            return redirect("admin:agreements_agreement_changelist")
        (form_class,) = form_classes
        form = form_class(request.POST or None, agreements=agreements)
        if request.method == "POST" and form.is_valid():
            try:
                for agreement in agreements:
                    form.apply(agreement, request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("%(count)d agreements are now %(status)s.")
                    % {"count": len(agreements), "status": AgreementStatus(to_status).label},
                )
                if len(agreements) == 1:
                    return redirect(change_url(self, agreements[0]))
                return redirect("admin:agreements_agreement_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": form.title,
            "form": form,
            "agreements": agreements,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/agreements/agreement/transition.html", context)

    def redirect_to_transition(self, queryset, to_status):
        slugs = ",".join(queryset.values_list("slug", flat=True))
        return redirect(f"{reverse('admin:agreements_agreement_transition', args=[to_status])}?ids={slugs}")

    @admin.action(permissions=["change"], description=_("Approve by a City Council resolution"))
    def transition_to_approved(self, request, queryset):
        return self.redirect_to_transition(queryset, AgreementStatus.APPROVED)

    @admin.action(permissions=["change"], description=_("Record the signing: in force"))
    def transition_to_in_force(self, request, queryset):
        return self.redirect_to_transition(queryset, AgreementStatus.IN_FORCE)

    @admin.action(permissions=["change"], description=_("Suspend"))
    def transition_to_suspended(self, request, queryset):
        return self.redirect_to_transition(queryset, AgreementStatus.SUSPENDED)

    @admin.action(permissions=["change"], description=_("Terminate"))
    def transition_to_terminated(self, request, queryset):
        return self.redirect_to_transition(queryset, AgreementStatus.TERMINATED)


@admin.register(WorkingDocument)
class WorkingDocumentAdmin(CityNameSearchMixin, RegistryImportExportMixin, RegistryRecordAdmin):
    accusative_name = pgettext_lazy("accusative", "working document")
    resource_classes = [WorkingDocumentResource]
    list_display = ["city", "kind", "title", "signed_on", "formalized_by", "is_public", "is_verified"]
    list_filter = [MyCitiesFilter, "kind", "is_public", PlaceholderFilter]
    list_select_related = ["city", "formalized_by__city"]
    search_fields = ["slug", "title", "city__name_en", "city__name_pl", "signatories"]
    autocomplete_fields = ["city", "formalized_by", "draft_agreement"]
    date_hierarchy = "signed_on"
    readonly_fields = ["term_next"]
    inlines = [AttachmentInline]
    term_next = AgreementAdmin.term_next
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "slug",
                    "city",
                    "kind",
                    "kind_name",
                    "title",
                    "signed_on",
                    "ended_on",
                    "signatories",
                    "is_public",
                ]
            },
        ),
        (_("Formalization"), {"fields": ["draft_agreement", "formalized_by"]}),
        (_("Term"), {"fields": TERM_FIELDS}),
        (_("Internal"), {"fields": ["notes"]}),
        PROVENANCE_FIELDSET,
    ]

    def get_urls(self):
        view = self.admin_site.admin_view(self.start_agreement_view)
        return [
            path("<str:slug>/start-agreement/", view, name="agreements_workingdocument_start_agreement"),
            *super().get_urls(),
        ]

    def start_agreement_view(self, request, slug):
        """Start the draft agreement that would formalize this document; the document links to it."""
        document = self.get_object(request, slug)
        if document is None:
            raise Http404
        if not (
            may(request.user, "change", self.opts, document) and may(request.user, "add", Agreement._meta)
        ):
            raise PermissionDenied
        form = StartAgreementForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                agreement = working_document_start_agreement(
                    document=document, user=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, _("The draft agreement %(agreement)s was started.") % {"agreement": agreement}
                )
                return redirect(change_url(self, agreement))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Start an agreement from this working document"),
            "form": form,
            "document": document,
        }
        return TemplateResponse(request, "admin/agreements/workingdocument/start_agreement.html", context)


# A city's admin page lists its agreements and working documents and the relation they give it. The city admin
# is extended here, the way Django's documentation extends the User admin, so that partners knows nothing of
# agreements.
PUBLIC_RELATION_FIELDS = [
    "public_relation",
    "public_relation_is_current",
    "public_relation_since",
    "public_relation_until",
]


class PublicRelationFilter(admin.SimpleListFilter):
    """Cities by the relation the public site gives them (current or ended), as their records give it now."""

    title = _("public relation")
    parameter_name = "public_relation"

    def lookups(self, request, model_admin):
        return Relation.choices

    def queryset(self, request, queryset):
        return queryset.filter(relation=self.value()) if self.value() else queryset


admin.site.unregister(PartnerCity)


@admin.register(PartnerCity)
class PartnerCityAdmin(CityAdmin):
    list_display = [
        *CityAdmin.list_display[:-1],
        "live_agreements",
        "public_relation",
        "is_verified",
    ]
    list_filter = [
        *CityAdmin.list_filter[:2],
        PublicRelationFilter,
        *CityAdmin.list_filter[2:],
    ]
    readonly_fields = [*CityAdmin.readonly_fields, "partners_since", *PUBLIC_RELATION_FIELDS]
    inlines = [*CityAdmin.inlines, AgreementInline, WorkingDocumentInline]
    fieldsets = [
        *CityAdmin.fieldsets[:-1],
        (
            _("Cooperation"),
            {
                "fields": ["partners_since"],
                "description": _(
                    "The earliest signed agreement or working document of the city, public or not."
                ),
            },
        ),
        (
            _("On the public site"),
            {
                "fields": PUBLIC_RELATION_FIELDS,
                "description": _("What the city's public agreements and working documents give it."),
            },
        ),
        CityAdmin.fieldsets[-1],
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                live_agreement_count=Count(
                    "agreements", filter=~Q(agreements__status=AgreementStatus.TERMINATED)
                ),
                **partner_city_public_relation(),
                **partner_city_partners_since(public=False),
            )
        )

    @admin.display(description=_("agreements not terminated"), ordering="live_agreement_count")
    def live_agreements(self, city):
        return city.live_agreement_count

    # A city not read through get_queryset() (a new one, a version from its history) shows no relation: the
    # relation is what the city's records give it today.
    @admin.display(description=_("public relation"), ordering="relation")
    def public_relation(self, city):
        relation = getattr(city, "relation", None)
        return Relation(relation).label if relation else None

    @admin.display(description=_("public relation is current"), boolean=True)
    def public_relation_is_current(self, city):
        return getattr(city, "is_current", None)

    # At its precision once the relation's annotations carry one (`since_precision`); to the day until then.
    @admin.display(description=_("public relation since"))
    def public_relation_since(self, city):
        since = partial_date(city, "since")
        return str(since) if since else None

    @admin.display(description=_("public relation until"))
    def public_relation_until(self, city):
        until = partial_date(city, "until")
        return str(until) if until else None

    @admin.display(description=_("partners since"), ordering="partners_since")
    def partners_since(self, city):
        since = partial_date(city, "partners_since")
        return str(since) if since else None
