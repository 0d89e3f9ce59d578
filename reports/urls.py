"""Pages of the compile (the report is the publication app's); each loads its inspection through
peel.views.access."""

from django.urls import path

from reports.views import compile

app_name = "reports"
INSPECTION = "inspections/<int:pk>/"
urlpatterns = [
    path(f"{INSPECTION}compile/", compile.compile_page, name="compile"),
    path(f"{INSPECTION}compile/start/", compile.compile_start, name="compile_start"),
    path(
        f"{INSPECTION}compile/runs/<int:run_id>/progress/", compile.compile_progress, name="compile_progress"
    ),
]
