"""Writes that touch several models: officers' responsibility for partner cities, their public relation."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from guardian.shortcuts import assign_perm, remove_perm

from registry.permissions import MANAGE_CITY, OFFICERS

from .models import CountryAssignment, PartnerCity
from .selectors import public_relation_derived


@transaction.atomic
def officer_get_or_create(*, username):
    """The officer's account in the officers' group; created as staff without a password if missing."""
    officer, created = get_user_model().objects.get_or_create(username=username, defaults={"is_staff": True})
    if created:
        officer.set_unusable_password()
        officer.save(update_fields=["password"])
    officer.groups.add(Group.objects.get(name=OFFICERS))
    return officer, created


@transaction.atomic
def officer_assign(*, officer, cities=(), countries=()):
    """Make the officer responsible for these cities and for every city of these countries."""
    for city in cities:
        assign_perm(MANAGE_CITY, officer, city)
    for country in countries:
        CountryAssignment.objects.get_or_create(officer=officer, country=country)


@transaction.atomic
def officer_revoke(*, officer, cities=(), countries=()):
    """Take back the officer's responsibility for these cities and countries."""
    for city in cities:
        remove_perm(MANAGE_CITY, officer, city)
    CountryAssignment.objects.filter(officer=officer, country__in=list(countries)).delete()


def partner_city_refresh_public_relations(city_ids=None):
    """Store on these cities (every city if None) the public relation their records give them now.

    The writes of agreements and working documents call this in their transaction. The cities' rows are
    locked first: a transaction writing another record of the same city waits, and its own refresh, a
    statement begun after this one commits, sees both records.
    """
    cities = PartnerCity.objects.all() if city_ids is None else PartnerCity.objects.filter(pk__in=city_ids)
    if city_ids is not None and not city_ids:
        return
    with transaction.atomic():
        _lock(cities)
        cities.update(**public_relation_derived())


def partner_city_lock(city_ids):
    """Lock these cities' rows until the transaction ends (PostgreSQL; SQLite locks the whole database at the
    first write).

    Every write of a city's records calls this before writing them, as PartnerCity.save() writes the city
    before its agreements: locked in one order, city then records, two transactions cannot each hold what
    the other waits for.
    """
    if city_ids:
        _lock(PartnerCity.objects.filter(pk__in=city_ids))


def _lock(cities):
    # In the order of their keys, so that two transactions locking several cities meet in the same order.
    list(cities.select_for_update().order_by("pk").values_list("pk", flat=True))
