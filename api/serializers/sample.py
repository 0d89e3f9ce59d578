"""The sample without personal data: a sampled crime carries its reference, type, recording date and
the facts that decide which criteria apply; the free-text note on why a file is unusable (which can
describe the victim) is left out."""

from rest_framework import serializers

from reviews.models import CaseFileStatus, ReviewStatus, RiskLevel, UnusableReason


class StratumSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField()
    crime_type = serializers.CharField()
    requires_domestic_abuse = serializers.BooleanField()
    order = serializers.IntegerField()
    quota = serializers.IntegerField()


class CaseFileSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    crime_reference = serializers.CharField(source="crime.crime_reference")
    crime_type = serializers.CharField(source="crime.crime_type")
    recorded_date = serializers.DateField(source="crime.recorded_date")
    stratum = serializers.IntegerField(source="stratum_id")
    stratum_label = serializers.CharField(source="stratum.label")
    rank = serializers.IntegerField()
    status = serializers.ChoiceField(choices=CaseFileStatus.choices)
    unusable_reason = serializers.ChoiceField(choices=[("", ""), *UnusableReason.choices])
    replaces = serializers.IntegerField(source="replaces_id", allow_null=True)
    reviewer = serializers.CharField(source="reviewer.username", allow_null=True, default=None)
    double_review = serializers.BooleanField()
    second_reviewer = serializers.CharField(source="second_reviewer.username", allow_null=True, default=None)
    first_review_status = serializers.ChoiceField(
        source="first_status", choices=ReviewStatus.choices, allow_null=True
    )
    second_review_status = serializers.ChoiceField(
        source="second_status", choices=ReviewStatus.choices, allow_null=True
    )
    outcome_code = serializers.IntegerField(allow_null=True)
    domestic_abuse = serializers.BooleanField()
    vulnerable_victim = serializers.BooleanField()
    repeat_victim = serializers.BooleanField()
    suspect_identified = serializers.BooleanField(allow_null=True)
    risk_level = serializers.ChoiceField(choices=[("", ""), *RiskLevel.choices])
