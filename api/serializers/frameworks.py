from rest_framework import serializers

from api.serializers.fields import names
from peel.models import AnswerSet, Applicability, FindingKind, QuestionLevel


class ProgrammeSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    year = serializers.IntegerField()
    version = serializers.IntegerField()
    description = serializers.CharField()


class QuestionSerializer(serializers.Serializer):
    code = serializers.CharField()
    level = serializers.ChoiceField(choices=QuestionLevel.choices)
    parent = serializers.CharField(source="parent.code", allow_null=True, default=None)
    text = serializers.CharField(help_text="{force_area} stands for the inspected force's area.")
    short_title = serializers.CharField()
    order = serializers.IntegerField()
    graded = serializers.BooleanField()


class CriterionSerializer(serializers.Serializer):
    code = serializers.CharField()
    section = serializers.CharField()
    text = serializers.CharField()
    help_text = serializers.CharField()
    order = serializers.IntegerField()
    answer_set = serializers.ChoiceField(choices=AnswerSet.choices)
    applicability = serializers.ChoiceField(choices=Applicability.choices)
    threshold = serializers.DecimalField(max_digits=4, decimal_places=3, coerce_to_string=False)
    questions = names("code", help_text="The sub-questions it is evidence for.")


class GradeLevelSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="What judgments hold.")
    label = serializers.CharField()
    report_wording = serializers.CharField()
    colour = serializers.CharField(help_text="#rrggbb")
    order = serializers.IntegerField(help_text="Best first.")
    is_ungraded = serializers.BooleanField(help_text="The narrative-only option for ungraded questions.")


class FindingTypeSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=FindingKind.choices)
    label = serializers.CharField()
    plural_label = serializers.CharField()
    has_recommendations = serializers.BooleanField()
    order = serializers.IntegerField()


class ProgrammeFrameworkSerializer(ProgrammeSerializer):
    grade_levels = GradeLevelSerializer(many=True, help_text="The grade scale, best first.")
    finding_types = FindingTypeSerializer(many=True, help_text="The kinds of finding its reports name.")
    questions = QuestionSerializer(many=True, help_text="The framework, in report order.")
    criteria = CriterionSerializer(many=True, help_text="The file-review criteria, in form order.")
