from rest_framework import serializers

from api.fields import PartialDateField

from ..models import ProgrammeParticipation


class ProgrammeParticipationSerializer(serializers.ModelSerializer):
    """A public participation; its partner cities by their exchange-format ids."""

    id = serializers.CharField(source="slug")
    programme_label = serializers.CharField(source="get_programme_display")
    starts_on = PartialDateField("starts_on")
    ends_on = PartialDateField("ends_on")
    cities = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = ProgrammeParticipation
        fields = [
            "id",
            "programme",
            "programme_label",
            "project",
            "acronym",
            "role",
            "starts_on",
            "ends_on",
            "cities",
        ]
        read_only_fields = fields
