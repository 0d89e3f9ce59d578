from django.urls import path, register_converter

from timeline import views


class CalendarTokenConverter:
    # The key (12 hex digits) and the secret (48): anything else is not a link peel gave out.
    regex = "[0-9a-f]{60}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(CalendarTokenConverter, "calendar_token")

app_name = "timeline"
urlpatterns = [
    path("inspections/<int:pk>/timeline/", views.timeline_page, name="timeline"),
    path("inspections/<int:pk>/timeline/dates/", views.timeline_dates, name="dates"),
    path("account/calendar/", views.calendar_page, name="calendar"),
    path("account/calendar/regenerate/", views.calendar_regenerate, name="regenerate"),
    path("calendar/<calendar_token:token>.ics", views.calendar_ics, name="feed"),
]
