from rest_framework import serializers

from api.serializers.fields import IdsField, names
from peel.models import AfiOrigin, ApprovalState


class ApprovableSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    question = serializers.CharField(source="question.code")
    state = serializers.ChoiceField(choices=ApprovalState.choices)
    approved_by = serializers.CharField(source="approved_by.username", allow_null=True, default=None)
    approved_at = serializers.DateTimeField(allow_null=True)
    updated_at = serializers.DateTimeField()


class JudgmentSerializer(ApprovableSerializer):
    # Grades are the codes of the inspection's programme's scale (``/programmes/{slug}/``'s grade_levels).
    grade = serializers.CharField(
        help_text="The lead's grade, a level code of the programme's scale; blank until chosen."
    )
    grade_label = serializers.SerializerMethodField(help_text="The level's label, e.g. Requires improvement.")
    rationale = serializers.CharField()
    proposed_grade = serializers.CharField(
        help_text="What the compile proposed, a level code; blank if nothing."
    )
    proposed_grade_label = serializers.SerializerMethodField()
    proposed_reasons = serializers.ListField(child=serializers.JSONField())
    proposed_at = serializers.DateTimeField(allow_null=True)

    def _label(self, code: str) -> str:
        # One scale per request: the view's inspection's programme reads its levels once.
        return self.context["view"].inspection.programme.grade_scale.label(code) if code else ""

    def get_grade_label(self, judgment) -> str:
        return self._label(judgment.grade)

    def get_proposed_grade_label(self, judgment) -> str:
        return self._label(judgment.proposed_grade)


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
