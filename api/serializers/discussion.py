from rest_framework import serializers

from reviews.models import MESSAGE_LIMIT, MessageKind, ReviewKind


class MessageSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    thread = serializers.ChoiceField(
        source="review_kind", choices=ReviewKind.choices, help_text="The review whose thread it is."
    )
    kind = serializers.ChoiceField(
        choices=MessageKind.choices, help_text="return_for_change: the lead's comment returning the review."
    )
    author = serializers.CharField(
        source="author.username", allow_null=True, help_text="Null for a return recorded before authors were."
    )
    author_name = serializers.SerializerMethodField()
    criterion = serializers.CharField(
        source="criterion.code", allow_null=True, help_text="The criterion it is about; null: the whole file."
    )
    text = serializers.CharField(source="body")
    created_at = serializers.DateTimeField()

    def get_author_name(self, message) -> str | None:
        if message.author is None:
            return None
        return message.author.get_full_name() or message.author.username


class MessageInputSerializer(serializers.Serializer):
    """A new message: the form's fields by the API's names (the web's form checks the text)."""

    text = serializers.CharField(
        allow_blank=True,
        trim_whitespace=False,
        help_text=f"Plain text, at most {MESSAGE_LIMIT:,} characters.",
    )
    criterion = serializers.CharField(
        max_length=12,
        required=False,
        allow_null=True,
        allow_blank=True,
        help_text="A criterion's code (e.g. C01) to discuss; leave out for the file as a whole.",
    )
    submission_key = serializers.UUIDField(
        required=False,
        allow_null=True,
        help_text="A UUID of your own for this message: sent again (a retry), the message is posted once.",
    )
