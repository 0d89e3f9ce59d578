from rest_framework import serializers

from forces.models import Country, Region, Unit
from forces.ranking import Comparison


def _figure(**kwargs):
    return serializers.FloatField(allow_null=True, **kwargs)


class ForceSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    short_name = serializers.CharField()
    region = serializers.ChoiceField(choices=Region.choices)
    country = serializers.ChoiceField(choices=Country.choices)
    population = serializers.IntegerField()
    households = serializers.IntegerField()
    estimate_year = serializers.IntegerField()
    active = serializers.BooleanField()


class FigureRowSerializer(serializers.Serializer):
    topic = serializers.CharField(source="metric.topic")
    metric = serializers.CharField(source="metric.code")
    name = serializers.CharField(source="metric.name")
    unit = serializers.ChoiceField(source="metric.unit", choices=Unit.choices)
    period = serializers.CharField(source="period.code")
    period_label = serializers.CharField(source="period.label")
    force_value = _figure()
    force_display = serializers.CharField(help_text="As the report prints it.")
    england_and_wales = _figure(source="national.value")
    england_and_wales_display = serializers.CharField(source="national_display")
    england_and_wales_basis = serializers.CharField(source="national.basis.value")
    comparison = serializers.ChoiceField(choices=Comparison.choices)
    comparison_words = serializers.CharField()
    forces_ranked = serializers.IntegerField()
    excluded_because = serializers.CharField()


class ForceFiguresSerializer(serializers.Serializer):
    force = ForceSerializer()
    rows = FigureRowSerializer(many=True)
