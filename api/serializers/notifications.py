from rest_framework import serializers

from notifications.models import NotificationKind


class NotificationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=NotificationKind.choices)
    subject = serializers.CharField()
    body = serializers.CharField()
    url = serializers.CharField(help_text="The page it is about, a path on this site.")
    created_at = serializers.DateTimeField()
    read = serializers.SerializerMethodField(help_text="Whether you have opened it or marked it read.")
    read_at = serializers.DateTimeField(allow_null=True)

    def get_read(self, notification) -> bool:
        return not notification.is_unread


class NotificationsMarkedSerializer(serializers.Serializer):
    marked = serializers.IntegerField(help_text="How many were unread and are now read.")
