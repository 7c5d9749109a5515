"""An activity belongs to the body its tool works with: an agency to tool 9, an association to tool 12…"""

import pytest

from registry.choices import PolicyTool
from tests.institutions.factories import DiplomaticPostFactory, PolishOrganisationFactory
from tests.memberships.factories import AgencyFactory, AssociationFactory
from tests.programmes.factories import ActivityFactory, ProgrammeParticipationFactory
from tests.rules import assert_refused

pytestmark = pytest.mark.django_db

BODIES = {
    "agency": (AgencyFactory, PolicyTool.AGENCIES_ABROAD),
    "association": (AssociationFactory, PolicyTool.CITY_NETWORKS),
    "project": (ProgrammeParticipationFactory, PolicyTool.INTERNATIONAL_PROGRAMMES),
    "diplomatic_post": (DiplomaticPostFactory, PolicyTool.DIPLOMATIC_POSTS),
    "polish_organisation": (PolishOrganisationFactory, PolicyTool.POLISH_COMMUNITIES),
}


@pytest.mark.parametrize("body", BODIES)
def test_an_activity_of_the_body_s_tool_belongs_to_it(body):
    factory, tool = BODIES[body]
    activity = ActivityFactory(tool=tool, **{body: factory()})
    activity.full_clean()
    assert getattr(activity, body).activities.get() == activity


@pytest.mark.parametrize("body", BODIES)
def test_an_activity_of_another_tool_does_not(body):
    factory = BODIES[body][0]
    assert_refused(ActivityFactory.build(tool=PolicyTool.DAYS_OF, **{body: factory()}), body)
