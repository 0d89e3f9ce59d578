from rest_framework import serializers
from rest_framework.fields import empty

from api.conflicts import evidence_note_version
from peel.models import Direction, EvidenceSource


class EvidenceNoteSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    question = serializers.CharField(source="question.code")
    question_id = serializers.IntegerField()
    source = serializers.ChoiceField(choices=EvidenceSource.choices)
    direction = serializers.ChoiceField(choices=Direction.choices)
    observed_on = serializers.DateField()
    text = serializers.CharField()
    proposed_afi = serializers.BooleanField()
    author = serializers.CharField(source="author.username")
    author_id = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    version = serializers.SerializerMethodField(help_text="Send it back when you change or delete the note.")

    def get_version(self, note) -> str:
        return evidence_note_version(note)


class EvidenceNoteInputSerializer(serializers.Serializer):
    """A new note, or (PATCH) the fields to change with the version you read."""

    question = serializers.CharField(max_length=10, help_text="A sub-question's code, e.g. 3.1.")
    source = serializers.ChoiceField(choices=EvidenceSource.choices)
    direction = serializers.ChoiceField(choices=Direction.choices)
    observed_on = serializers.DateField(help_text="When it was seen or heard; not in the future.")
    text = serializers.CharField(max_length=20000)
    proposed_afi = serializers.BooleanField(default=False)


class EvidenceNoteChangeSerializer(EvidenceNoteInputSerializer):
    version = serializers.CharField(max_length=64, help_text="The note's version as you read it.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name != "version":  # a field left out stays as it is
                field.required, field.default = False, empty
