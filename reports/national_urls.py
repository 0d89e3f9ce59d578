from django.urls import path

from reports import national_views

app_name = "national"
urlpatterns = [
    path("national/", national_views.programme_list, name="programmes"),
    path("national/<slug:slug>/", national_views.programme_national, name="programme"),
]
