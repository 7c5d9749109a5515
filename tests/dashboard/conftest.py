import pytest
from django.contrib.auth.models import Group

from registry.permissions import COUNCIL_MEMBERS


@pytest.fixture
def council_member(django_user_model):
    user = django_user_model.objects.create_user("radna", password="secret-pass-1")
    user.groups.add(Group.objects.get(name=COUNCIL_MEMBERS))
    return user


@pytest.fixture
def council_client(client, council_member):
    client.force_login(council_member)
    return client
