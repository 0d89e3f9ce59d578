"""Pages of the inspection domain. Everything under ``/inspections/<pk>/`` goes through the decorators of
``peel.views.access`` (the inspection's URL kwarg is always ``pk``)."""

from django.urls import path, register_converter

from peel.views import approvables, evidence, findings, inspections, practice


class ApprovableKindConverter:
    regex = "judgments|findings|afis|causes|practice"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class RecommendationParentConverter(ApprovableKindConverter):
    regex = "afis|causes"


class ApprovalActionConverter(ApprovableKindConverter):
    regex = "submit|approve|reject|reopen"


register_converter(ApprovableKindConverter, "approvable")
register_converter(RecommendationParentConverter, "recommendation_parent")
register_converter(ApprovalActionConverter, "approval_action")

app_name = "peel"
INSPECTION = "inspections/<int:pk>/"
urlpatterns = [
    path("inspections/new/", inspections.inspection_new, name="inspection_new"),
    path(INSPECTION, inspections.inspection_overview, name="inspection_overview"),
    path(f"{INSPECTION}settings/", inspections.inspection_settings, name="inspection_settings"),
    path(f"{INSPECTION}status/", inspections.inspection_status, name="inspection_status"),
    path(f"{INSPECTION}framework/", evidence.framework, name="framework"),
    path(f"{INSPECTION}evidence/", evidence.evidence_list, name="evidence_list"),
    path(f"{INSPECTION}evidence/new/", evidence.evidence_create, name="evidence_create"),
    path(
        f"{INSPECTION}evidence/export/csv/",
        evidence.evidence_export,
        {"file_format": "csv"},
        name="evidence_export_csv",
    ),
    path(
        f"{INSPECTION}evidence/export/xlsx/",
        evidence.evidence_export,
        {"file_format": "xlsx"},
        name="evidence_export_xlsx",
    ),
    path(f"{INSPECTION}evidence/<int:note_id>/edit/", evidence.evidence_edit, name="evidence_edit"),
    path(f"{INSPECTION}evidence/<int:note_id>/delete/", evidence.evidence_delete, name="evidence_delete"),
    path(
        f"{INSPECTION}evidence/<int:note_id>/history/", approvables.evidence_history, name="evidence_history"
    ),
    path(f"{INSPECTION}judgments/", findings.judgment_list, name="judgment_list"),
    path(f"{INSPECTION}findings/", findings.summary_list, name="summary_list"),
    path(f"{INSPECTION}afis/", findings.afi_list, name="afi_list"),
    path(f"{INSPECTION}afis/new/", findings.afi_new, name="afi_new"),
    path(f"{INSPECTION}afis/selected/", findings.afi_bulk, name="afi_bulk"),
    path(f"{INSPECTION}causes/", findings.cause_list, name="cause_list"),
    path(f"{INSPECTION}causes/new/", findings.cause_new, name="cause_new"),
    path(f"{INSPECTION}practice/", practice.practice_list, name="practice_list"),
    path(f"{INSPECTION}practice/new/", practice.practice_new, name="practice_new"),
    path(
        f"{INSPECTION}<approvable:kind>/<int:item_id>/",
        approvables.approvable_detail,
        name="approvable_detail",
    ),
    path(
        f"{INSPECTION}<approvable:kind>/<int:item_id>/<approval_action:action>/",
        approvables.approvable_action,
        name="approvable_action",
    ),
    path(
        f"{INSPECTION}<approvable:kind>/<int:item_id>/history/",
        approvables.approvable_history,
        name="approvable_history",
    ),
    path(
        f"{INSPECTION}<recommendation_parent:kind>/<int:item_id>/recommendations/new/",
        findings.recommendation_new,
        name="recommendation_new",
    ),
    path(
        f"{INSPECTION}recommendations/<int:recommendation_id>/",
        findings.recommendation_edit,
        name="recommendation_edit",
    ),
    path(f"{INSPECTION}previous/", findings.previous_findings, name="previous_findings"),
]
