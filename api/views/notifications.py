"""The caller's own notifications: listed newest first with their read state, and marked read, through
the notifications app's selectors and services (a notification is its recipient's alone: anyone
else's is 404)."""

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.response import Response
from rest_framework.views import APIView

from api.filters import NotificationFilter
from api.serializers.notifications import NotificationSerializer, NotificationsMarkedSerializer
from notifications.models import Notification
from notifications.selectors import notifications_of
from notifications.services import notification_open, notifications_read


@extend_schema(summary="Your notifications, newest first (filter: unread)", tags=["notifications"])
class NotificationList(generics.ListAPIView):
    serializer_class = NotificationSerializer
    filterset_class = NotificationFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Notification.objects.none()
        return notifications_of(user=self.request.user)


class NotificationRead(APIView):
    @extend_schema(
        summary="Mark one of your notifications read (as opening it in peel does)",
        operation_id="notification_read",
        request=None,
        responses={200: NotificationSerializer},
        tags=["notifications"],
    )
    def post(self, request, notification_id: int):
        try:
            notification_open(user=request.user, notification_id=notification_id)
        except Notification.DoesNotExist:
            raise Http404("No such notification of yours.") from None
        # Read again: the service marks the row, not the object it returns.
        notification = notifications_of(user=request.user).get(pk=notification_id)
        return Response(NotificationSerializer(notification).data)


class NotificationsReadAll(APIView):
    @extend_schema(
        summary="Mark all your notifications read",
        operation_id="notifications_read_all",
        request=None,
        responses={200: NotificationsMarkedSerializer},
        tags=["notifications"],
    )
    def post(self, request):
        return Response({"marked": notifications_read(user=request.user)})
