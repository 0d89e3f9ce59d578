from rest_framework import serializers

from api.serializers.fields import names
from peel.models import InspectionStatus


class InspectionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    force = serializers.SlugField(source="force.slug")
    force_name = serializers.CharField(source="force.name")
    programme = serializers.SlugField(source="programme.slug")
    status = serializers.ChoiceField(choices=InspectionStatus.choices)
    lead = serializers.CharField(source="lead.username", allow_null=True, default=None)
    team = names("username")
    fieldwork_start = serializers.DateField(allow_null=True)
    fieldwork_end = serializers.DateField(allow_null=True)
    review_window_start = serializers.DateField()
    review_window_end = serializers.DateField()
    previous = serializers.IntegerField(source="previous_id", allow_null=True)
    is_generated = serializers.BooleanField()
    published_at = serializers.DateTimeField(allow_null=True)
