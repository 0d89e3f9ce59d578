from django.urls import path

from forces import views

app_name = "forces"
urlpatterns = [
    path("", views.force_index, name="list"),
    path("<slug:slug>/", views.force_detail, name="detail"),
]
