from django.urls import path

from timeline import views

app_name = "timeline"
urlpatterns = [
    path("inspections/<int:pk>/timeline/", views.timeline_page, name="timeline"),
    path("inspections/<int:pk>/timeline/dates/", views.timeline_dates, name="dates"),
    path("account/calendar/", views.calendar_page, name="calendar"),
    path("account/calendar/regenerate/", views.calendar_regenerate, name="regenerate"),
    # The token is checked by ``calendar_owner`` (a malformed one finds nobody, so 404).
    path("calendar/<str:token>.ics", views.calendar_ics, name="feed"),
]
