"""Who may change what: the three roles, and officers' responsibility for their partner cities.

Administrators hold the model permissions globally. An officer holds the view permissions globally and the
`partners.manage_city` object permission (django-guardian) on each city assigned to them, or a
`CountryAssignment` for all cities of a country; `CityResponsibilityBackend` turns that into the view, change
and delete permissions on the city and on its agreements, working documents, activities, people, visits,
letters and follow-ups. People, visits, letters and follow-ups are PRIVATE: officers do not hold their view
permission globally, so each officer sees only those of their own cities (and the follow-ups they own).
"""

from django.contrib.auth import get_permission_codename
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import Group
from django.db.models import Q
from guardian.shortcuts import get_objects_for_user

ADMINISTRATORS = "registry administrators"
OFFICERS = "international relations officers"
COUNCIL_MEMBERS = "council members"

MANAGE_CITY = "partners.manage_city"
# Staff documents (attachments, an agreement's PDFs) send visitors to the admin's login: it admits staff only.
staff_login_required = login_required(login_url="admin:login")
# The records an officer changes through their cities, and the lookup from each record to its cities.
CITY_LOOKUP = {
    "partners.partnercity": "pk",
    "agreements.agreement": "city",
    "agreements.workingdocument": "city",
    "programmes.activity": "cities",
    "contacts.contact": "cities",
    "visits.visit": "cities",
    "correspondence.letter": "city",
    "agenda.followup": "city",
}
# People, visits, letters and tasks: only administrators hold the view permission of the model; an officer
# sees those of their cities (`viewable`), council members none.
PRIVATE = {"contacts.contact", "visits.visit", "correspondence.letter", "agenda.followup"}
# The staff member a record belongs to, who sees and changes it whatever its city.
OWNER_FIELD = {"agenda.followup": "owner"}


def may(user, action, opts, record=None):
    """Whether the user may `action` ("view", "change", …) records of `opts`, or this one record."""
    permission = f"{opts.app_label}.{get_permission_codename(action, opts)}"
    return user.has_perm(permission) or (record is not None and user.has_perm(permission, record))


def is_officer(user):
    if not hasattr(user, "_is_officer"):
        user._is_officer = user.is_active and Group.objects.filter(name=OFFICERS, user=user).exists()
    return user._is_officer


def responsible_city_ids(user):
    """Ids of the cities the user answers for, computed once per user object (once per request)."""
    if not hasattr(user, "_responsible_city_ids"):
        # guardian finds the cities' model from the permission's own.
        assigned = get_objects_for_user(user, MANAGE_CITY, accept_global_perms=False, with_superuser=False)
        countries = user.country_assignments.values("country")
        cities = assigned.model.objects
        responsible = cities.filter(Q(pk__in=assigned.values("pk")) | Q(country__in=countries))
        user._responsible_city_ids = set(responsible.values_list("pk", flat=True))
    return user._responsible_city_ids


def record_cities(record):
    lookup = CITY_LOOKUP.get(record._meta.label_lower)
    if lookup == "pk":
        return [record]
    if lookup == "cities":
        return list(record.cities.all()) if record.pk is not None else []
    return [record.city] if lookup and record.city_id is not None else []


def is_owner(user, record):
    field = OWNER_FIELD.get(record._meta.label_lower)
    return field is not None and user.pk is not None and getattr(record, f"{field}_id") == user.pk


def filter_responsible(queryset, user):
    """The records of `queryset` that touch a city the user answers for ("my cities")."""
    lookup = CITY_LOOKUP[queryset.model._meta.label_lower]
    return queryset.filter(**{f"{lookup}__in": responsible_city_ids(user)}).distinct()


def viewable(queryset, user):
    """The records of `queryset` the user may see: all with the model's view permission; for an officer,
    those of their cities and those they own; none for anyone else."""
    opts = queryset.model._meta
    if may(user, "view", opts) or may(user, "change", opts):
        return queryset
    if not (user.is_active and user.is_staff):
        return queryset.none()
    condition = Q(pk__in=[])
    if is_officer(user) and opts.label_lower in CITY_LOOKUP:
        condition |= Q(pk__in=filter_responsible(queryset.model._base_manager.all(), user).values("pk"))
    if field := OWNER_FIELD.get(opts.label_lower):
        condition |= Q(**{field: user})
    return queryset.filter(condition)


class CityResponsibilityBackend:
    """Grants an officer view of a record one of whose cities they answer for, and change and delete of a
    record whose every city is theirs; the owner of a record all three."""

    def authenticate(self, request, **credentials):
        return None

    def has_perm(self, user, perm, obj=None):
        if obj is None or not user.is_active or user.is_anonymous:
            return False
        opts = obj._meta
        allowed = {f"{opts.app_label}.{action}_{opts.model_name}" for action in ("view", "change", "delete")}
        if perm in allowed and user.is_staff and is_owner(user, obj):
            return True
        if perm not in allowed or opts.label_lower not in CITY_LOOKUP or not is_officer(user):
            return False
        # An officer sees a record that touches one of their cities (as `viewable` lists it), and changes or
        # deletes one whose every city is theirs.
        cities = record_cities(obj)
        theirs = [city.pk in responsible_city_ids(user) for city in cities]
        return any(theirs) if perm.split(".")[1].startswith("view_") else bool(theirs) and all(theirs)


def may_see_dashboard(user):
    """Council members and staff see the council's dashboard and reports (read-only)."""
    return user.is_active and (
        user.is_staff or user.is_superuser or user.groups.filter(name=COUNCIL_MEMBERS).exists()
    )
