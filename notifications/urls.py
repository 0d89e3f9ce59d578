from django.urls import path

from notifications import views

app_name = "notifications"
urlpatterns = [
    path("notifications/", views.notification_list, name="list"),
    path("notifications/<int:notification_id>/", views.notification_go, name="open"),
    path("notifications/read/", views.notifications_mark_read, name="mark_read"),
    path("account/notifications/", views.preferences, name="preferences"),
]
