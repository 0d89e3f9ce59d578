from rest_framework import serializers

from reviews.models import AnswerValue, ReviewKind, ReviewStatus, RiskLevel


class AnswerSerializer(serializers.Serializer):
    criterion = serializers.CharField(source="criterion.code")
    value = serializers.ChoiceField(choices=[("", ""), *AnswerValue.choices], help_text="Blank: unanswered.")
    note = serializers.CharField(allow_blank=True)


class ReviewSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    file = serializers.IntegerField(source="case_file_id")
    crime_reference = serializers.CharField(source="case_file.crime.crime_reference")
    kind = serializers.ChoiceField(choices=ReviewKind.choices)
    reviewer = serializers.CharField(source="reviewer.username")
    status = serializers.ChoiceField(choices=ReviewStatus.choices)
    version = serializers.IntegerField(help_text="Send it back when you save the review.")
    updated_at = serializers.DateTimeField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    accepted_at = serializers.DateTimeField(allow_null=True)
    answers = AnswerSerializer(many=True)


class AnswerInputSerializer(serializers.Serializer):
    criterion = serializers.CharField(max_length=12, help_text="The criterion's code, e.g. C01.")
    value = serializers.ChoiceField(choices=[("", ""), *AnswerValue.choices], allow_blank=True)
    note = serializers.CharField(max_length=4000, allow_blank=True, required=False, default="")


class FileFactsInputSerializer(serializers.Serializer):
    """The file's facts, as the first reviewer confirms or corrects them (the first review only)."""

    outcome_code = serializers.IntegerField(min_value=1, max_value=22, allow_null=True)
    domestic_abuse = serializers.BooleanField()
    vulnerable_victim = serializers.BooleanField()
    repeat_victim = serializers.BooleanField()
    suspect_identified = serializers.BooleanField(allow_null=True)
    risk_level = serializers.ChoiceField(choices=[("", ""), *RiskLevel.choices], allow_blank=True)


class ReviewInputSerializer(serializers.Serializer):
    """What a save sends. The answers replace the review's: a criterion left out is unanswered."""

    version = serializers.IntegerField(
        min_value=0, max_value=2**31 - 1, help_text="The version you read (0 for a review not started)."
    )
    submit = serializers.BooleanField(
        default=False, help_text="false: save a draft; true: submit (every applicable criterion answered)."
    )
    answers = AnswerInputSerializer(many=True, max_length=500)
    facts = FileFactsInputSerializer(
        required=False, help_text="First review only; left out, the file's facts stay as they are."
    )

    def validate_answers(self, answers):
        codes = [answer["criterion"] for answer in answers]
        repeated = sorted({code for code in codes if codes.count(code) > 1})
        if repeated:
            raise serializers.ValidationError(f"Answer each criterion once; repeated: {', '.join(repeated)}.")
        return answers


class CountedAnswerSerializer(serializers.Serializer):
    """One reviewed file × criterion, as the review export's last columns give it."""

    file = serializers.IntegerField(source="case_file.pk")
    crime_reference = serializers.CharField()
    criterion = serializers.CharField(source="criterion_code")
    applies = serializers.BooleanField(help_text="Whether the criterion applies to the file, by its facts.")
    adjudicated_answer = serializers.ChoiceField(
        choices=[("", ""), *AnswerValue.choices], help_text="The lead's answer where the reviews differed."
    )
    adjudication_note = serializers.CharField(allow_blank=True)
    counted_answer = serializers.ChoiceField(
        choices=[("", ""), *AnswerValue.choices],
        help_text=(
            "The answer the results use: the adjudicated one, else the accepted first review's. Blank "
            "where the file does not count (unusable, or its first review not accepted)."
        ),
    )
