"""Writes that touch several models: officers' responsibility for partner cities."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from guardian.shortcuts import assign_perm, remove_perm

from registry.permissions import MANAGE_CITY, OFFICERS

from .models import CountryAssignment


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
