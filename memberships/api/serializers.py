from rest_framework import serializers

from ..choices import AssociationKind
from ..models import Membership


class OptionalURLField(serializers.URLField):
    """A web address that may be missing: null then, as an empty string is not a URI."""

    def __init__(self, **kwargs):
        super().__init__(allow_null=True, **kwargs)

    def to_representation(self, value):
        return value or None


class MembershipSerializer(serializers.ModelSerializer):
    """A current public membership, told by its association."""

    id = serializers.CharField(source="association.slug")
    name = serializers.CharField(source="association.name")
    acronym = serializers.CharField(source="association.acronym")
    kind = serializers.ChoiceField(source="association.kind", choices=AssociationKind.choices)
    website = OptionalURLField(source="association.website")
    member_since = serializers.IntegerField(source="joined_on.year")

    class Meta:
        model = Membership
        fields = ["id", "name", "acronym", "kind", "website", "member_since"]
        read_only_fields = fields
