from rest_framework import serializers

from api.serializers.fields import IdsField, names
from peel.models import AfiOrigin, ApprovalState, Grade


class ApprovableSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    question = serializers.CharField(source="question.code")
    state = serializers.ChoiceField(choices=ApprovalState.choices)
    approved_by = serializers.CharField(source="approved_by.username", allow_null=True, default=None)
    approved_at = serializers.DateTimeField(allow_null=True)
    updated_at = serializers.DateTimeField()


GRADES = [("", ""), *Grade.choices]


class JudgmentSerializer(ApprovableSerializer):
    grade = serializers.ChoiceField(choices=GRADES, help_text="The lead's grade; blank until chosen.")
    rationale = serializers.CharField()
    proposed_grade = serializers.ChoiceField(choices=GRADES, help_text="What the compile proposed.")
    proposed_reasons = serializers.ListField(child=serializers.JSONField())
    proposed_at = serializers.DateTimeField(allow_null=True)


class SummarySerializer(ApprovableSerializer):
    text = serializers.CharField()


class RecommendationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    due_date = serializers.DateField(allow_null=True)
    order = serializers.IntegerField()


class AfiSerializer(ApprovableSerializer):
    text = serializers.CharField()
    order = serializers.IntegerField()
    origin = serializers.ChoiceField(choices=AfiOrigin.choices)
    rejected = serializers.BooleanField()
    evidence_notes = IdsField(read_only=True, help_text="The evidence notes it cites.")
    criteria = names("code", help_text="The criteria it was compiled from.")
    recommendations = RecommendationSerializer(many=True)


class CauseSerializer(ApprovableSerializer):
    text = serializers.CharField()
    order = serializers.IntegerField()
    recommendations = RecommendationSerializer(many=True)
