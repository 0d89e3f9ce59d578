from rest_framework import serializers

from api.serializers.frameworks import ProgrammeSerializer


class GradeCellSerializer(serializers.Serializer):
    question = serializers.CharField()
    grade = serializers.CharField(help_text="As the report words it; '–' where none is recorded.")
    approved = serializers.BooleanField()


class InspectionGradesSerializer(serializers.Serializer):
    inspection = serializers.IntegerField()
    force = serializers.SlugField()
    grades = GradeCellSerializer(many=True)


class GradeCountSerializer(serializers.Serializer):
    grade = serializers.CharField()
    inspections = serializers.IntegerField()


class DistributionSerializer(serializers.Serializer):
    question = serializers.CharField()
    counts = GradeCountSerializer(many=True, help_text="Approved judgments by grade.")
    pending = serializers.IntegerField(help_text="Inspections without an approved judgment yet.")


class FunnelPointSerializer(serializers.Serializer):
    inspection = serializers.IntegerField()
    force = serializers.CharField()
    met = serializers.IntegerField()
    files = serializers.IntegerField()
    limits_95 = serializers.ListField(child=serializers.FloatField(), min_length=2, max_length=2)
    limits_998 = serializers.ListField(child=serializers.FloatField(), min_length=2, max_length=2)


class CriterionFunnelSerializer(serializers.Serializer):
    criterion = serializers.CharField()
    national = serializers.FloatField(allow_null=True, help_text="Σ met ÷ Σ files; null without files.")
    points = FunnelPointSerializer(many=True)


class NationalViewSerializer(serializers.Serializer):
    programme = ProgrammeSerializer()
    inspections = InspectionGradesSerializer(many=True)
    distribution = DistributionSerializer(many=True)
    criteria = CriterionFunnelSerializer(many=True)
