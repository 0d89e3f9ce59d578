from rest_framework import serializers

from reports.models import CompileStatus, CompileTrigger


def _proportion(**kwargs):
    return serializers.DecimalField(max_digits=5, decimal_places=4, coerce_to_string=False, **kwargs)


class CriterionResultSerializer(serializers.Serializer):
    criterion = serializers.CharField(source="criterion.code")
    stratum = serializers.IntegerField(source="stratum_id", allow_null=True, help_text="null: all files.")
    stratum_label = serializers.CharField(source="stratum.label", allow_null=True, default=None)
    n = serializers.IntegerField(help_text="Files the criterion applied to.")
    yes = serializers.IntegerField()
    partly = serializers.IntegerField()
    no = serializers.IntegerField()
    not_known = serializers.IntegerField()
    proportion_met = _proportion(allow_null=True, help_text="yes / n.")
    interval_low = _proportion(allow_null=True, help_text="Wilson 95% interval, lower bound.")
    interval_high = _proportion(allow_null=True, help_text="Wilson 95% interval, upper bound.")
    threshold = serializers.DecimalField(max_digits=4, decimal_places=3, coerce_to_string=False)
    below_threshold = serializers.BooleanField()
    small_sample = serializers.BooleanField(help_text="Fewer than 10 files: read with care.")


class CompileRunSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=CompileStatus.choices)
    trigger = serializers.ChoiceField(choices=CompileTrigger.choices)
    stage = serializers.CharField()
    progress = serializers.IntegerField()
    requested_by = serializers.CharField(source="requested_by.username", allow_null=True, default=None)
    requested_at = serializers.DateTimeField()
    started_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
    duration_ms = serializers.IntegerField(allow_null=True)
    rules_version = serializers.IntegerField(allow_null=True)
    input_digest = serializers.CharField()
    output_digest = serializers.CharField()
    results_count = serializers.IntegerField()
    draft_afis_count = serializers.IntegerField()
    error = serializers.CharField()
