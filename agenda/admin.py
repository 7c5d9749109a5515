from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from agreements.admin import PartnerCityAdmin as AgreementsCityAdmin
from contacts.models import Contact
from correspondence.models import Letter
from partners.admin import CityNameSearchMixin
from partners.models import PartnerCity
from registry.admin import (
    PROVENANCE_FIELDSET,
    MyCitiesFilter,
    PlaceholderFilter,
    RegistryRecordAdmin,
    change_url,
)
from registry.dates import months_later
from registry.partial_dates import partial_date
from registry.permissions import may, viewable
from visits.models import Visit

from .models import FollowUp


class OwnerFilter(admin.SimpleListFilter):
    """The signed-in staff member's own follow-ups."""

    title = _("owner")
    parameter_name = "owner"

    def lookups(self, request, model_admin):
        return [("mine", _("mine"))]

    def queryset(self, request, queryset):
        return queryset.filter(owner=request.user) if self.value() == "mine" else queryset


class DueFilter(admin.SimpleListFilter):
    """Open follow-ups by when they fall due, as the officer plans their work."""

    title = _("due")
    parameter_name = "due"

    def lookups(self, request, model_admin):
        return [("overdue", _("overdue")), ("this_month", _("this month")), ("next_month", _("next month"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        this_month = today.replace(day=1)
        next_month = months_later(this_month, 1)
        if self.value() == "overdue":
            return queryset.filter(done_on__isnull=True, due_on__lt=today)
        if self.value() == "this_month":
            return queryset.filter(due_on__gte=this_month, due_on__lt=next_month)
        if self.value() == "next_month":
            return queryset.filter(due_on__gte=next_month, due_on__lt=months_later(next_month, 1))
        return queryset


class StateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("open", _("open")), ("done", _("done"))]

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.filter(done_on__isnull=True)
        if self.value() == "done":
            return queryset.filter(done_on__isnull=False)
        return queryset


@admin.register(FollowUp)
class FollowUpAdmin(CityNameSearchMixin, RegistryRecordAdmin):
    accusative_name = pgettext_lazy("accusative", "follow-up")
    list_display = ["title", "due_on", "owner", "city", "source", "done_on", "is_example"]
    list_filter = [OwnerFilter, DueFilter, StateFilter, MyCitiesFilter, "is_example", PlaceholderFilter]
    list_select_related = ["owner", "city", "visit", "letter", "agreement__city", "membership__association"]
    search_fields = ["slug", "title", "notes", "city__name_en", "city__name_pl"]
    prepopulated_fields = {"slug": ["title"]}
    # The owner is picked from a list: officers may not search staff accounts, as autocomplete would.
    autocomplete_fields = ["city", "visit", "letter", "agreement", "membership"]
    date_hierarchy = "due_on"
    actions = ["mark_done"]
    fieldsets = [
        (None, {"fields": ["slug", "title", "due_on", "owner", "done_on", "notes"]}),
        (
            _("Where it comes from"),
            {
                "fields": ["city", "visit", "letter", "agreement", "membership"],
                "description": _("One record at most; the city is taken from it where it has one city."),
            },
        ),
        (_("Internal"), {"fields": ["is_example"]}),
        PROVENANCE_FIELDSET,
    ]

    @admin.display(description=_("comes from"))
    def source(self, follow_up):
        return follow_up.source

    def get_changeform_initial_data(self, request):
        return {"owner": request.user.pk, **super().get_changeform_initial_data(request)}

    @admin.action(permissions=["change"], description=_("Mark as done today"))
    def mark_done(self, request, queryset):
        records = list(queryset.filter(done_on__isnull=True))
        self.check_each(request, "change", records)
        today = timezone.localdate()
        # Through the model's rules and its history, all or none.
        try:
            with transaction.atomic():
                for record in records:
                    record.done_on = today
                    record.full_clean()
                    record.save()
        except ValidationError as error:
            messages.error(
                request,
                _("Nothing was marked as done: %(record)s: %(errors)s")
                % {"record": record, "errors": " ".join(error.messages)},
            )
            return
        messages.success(
            request,
            ngettext(
                "%(count)d follow-up marked as done.", "%(count)d follow-ups marked as done.", len(records)
            )
            % {"count": len(records)},
        )


# A city's page lists its people, visits, letters and follow-ups too: the city admin is extended once more, as
# agreements/admin.py extends it (agenda comes after it in INSTALLED_APPS). They are listed read-only, each
# linking to its own page, and only those the user may see: they are edited on their own pages, and the city's
# form carries no formsets of theirs.
def city_work(city, user):
    """(title, [(record, its details)]) for each kind of private record of the city the user may see."""
    people = viewable(city.contacts.all(), user)
    visits = viewable(city.visits.all(), user)
    letters = viewable(city.letters.all(), user)
    follow_ups = viewable(city.follow_ups.select_related("owner"), user)
    return [
        (Contact._meta.verbose_name_plural, [(person, person.position) for person in people]),
        (
            Visit._meta.verbose_name_plural,
            [(visit, f"{partial_date(visit, 'starts_on')}, {visit.get_level_display()}") for visit in visits],
        ),
        (Letter._meta.verbose_name_plural, [(letter, letter.get_direction_display()) for letter in letters]),
        (
            FollowUp._meta.verbose_name_plural,
            [(follow_up, f"{date_format(follow_up.due_on)}, {follow_up.owner}") for follow_up in follow_ups],
        ),
    ]


CITY_WORK_MODELS = [Contact, Visit, Letter, FollowUp]

admin.site.unregister(PartnerCity)


@admin.register(PartnerCity)
class PartnerCityAdmin(AgreementsCityAdmin):
    change_form_template = "admin/partners/partnercity/change_form.html"

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk is not None:
            context["city_work"] = [
                (
                    title,
                    [(change_url(self, record), record, details) for record, details in rows],
                    self.add_for_city_url(request, model, obj),
                )
                for (title, rows), model in zip(city_work(obj, request.user), CITY_WORK_MODELS, strict=True)
            ]
        return super().render_change_form(request, context, add, change, form_url, obj)

    def add_for_city_url(self, request, model, city):
        """The model's add form with the city filled in, for whoever may add one for this city."""
        opts = model._meta
        if not (may(request.user, "add", opts) and may(request.user, "change", city._meta, city)):
            return ""
        field = "cities" if any(field.name == "cities" for field in opts.many_to_many) else "city"
        return f"{reverse(f'admin:{opts.app_label}_{opts.model_name}_add')}?{field}={city.pk}"
