"""The API under /api/: its schema, its documentation, and version 1 under /api/v1/.

DRF exempts its views from ``LoginRequiredMiddleware`` (which knows only sessions): each requires an
authenticated user itself, by token or session, and answers 401 without one. The documentation is a
page like any other: it sends a visitor who has not logged in to log in."""

from django.contrib.auth.decorators import login_required
from django.urls import path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView

from api.views import (
    discussion,
    evidence,
    findings,
    forces,
    frameworks,
    inspections,
    national,
    notifications,
    results,
    reviews,
    sample,
)
from reviews.models import ReviewKind

app_name = "api"
V1 = "v1/"
INSPECTION = V1 + "inspections/<int:pk>/"
FILE = INSPECTION + "files/<int:file_id>/"


urlpatterns = [
    path("schema/", SpectacularJSONAPIView.as_view(), name="schema"),
    path("docs/", login_required(SpectacularSwaggerSplitView.as_view(url_name="api:schema")), name="docs"),
    path(V1 + "programmes/", frameworks.ProgrammeList.as_view(), name="programme_list"),
    path(V1 + "programmes/<slug:slug>/", frameworks.ProgrammeDetail.as_view(), name="programme_detail"),
    path(V1 + "national/<slug:slug>/", national.NationalView.as_view(), name="national"),
    path(V1 + "forces/", forces.ForceList.as_view(), name="force_list"),
    path(V1 + "forces/<slug:slug>/figures/", forces.ForceFigures.as_view(), name="force_figures"),
    path(V1 + "inspections/", inspections.InspectionList.as_view(), name="inspection_list"),
    path(INSPECTION, inspections.InspectionDetail.as_view(), name="inspection_detail"),
    path(INSPECTION + "strata/", sample.StratumList.as_view(), name="stratum_list"),
    path(INSPECTION + "files/", sample.CaseFileList.as_view(), name="file_list"),
    path(FILE, sample.CaseFileDetail.as_view(), name="file_detail"),
    path(INSPECTION + "reviews/", reviews.ReviewList.as_view(), name="review_list"),
    path(INSPECTION + "counted-answers/", reviews.CountedAnswerList.as_view(), name="counted_answer_list"),
    path(INSPECTION + "evidence/", evidence.EvidenceNoteList.as_view(), name="evidence_list"),
    path(
        INSPECTION + "evidence/<int:note_id>/", evidence.EvidenceNoteDetail.as_view(), name="evidence_detail"
    ),
    path(INSPECTION + "results/", results.CriterionResultList.as_view(), name="result_list"),
    path(INSPECTION + "compile-runs/", results.CompileRunList.as_view(), name="compile_run_list"),
    path(INSPECTION + "judgments/", findings.JudgmentList.as_view(), name="judgment_list"),
    path(INSPECTION + "summaries/", findings.SummaryList.as_view(), name="summary_list"),
    path(INSPECTION + "afis/", findings.AfiList.as_view(), name="afi_list"),
    path(INSPECTION + "causes/", findings.CauseList.as_view(), name="cause_list"),
    path(V1 + "notifications/", notifications.NotificationList.as_view(), name="notification_list"),
    path(V1 + "notifications/read/", notifications.NotificationsReadAll.as_view(), name="notifications_read"),
    path(
        V1 + "notifications/<int:notification_id>/read/",
        notifications.NotificationRead.as_view(),
        name="notification_read",
    ),
]
for kind in ReviewKind.values:
    urlpatterns.append(
        path(FILE + f"reviews/{kind}/", reviews.ReviewDetail.as_view(), {"kind": kind}, name=f"review_{kind}")
    )
    urlpatterns.append(
        path(
            FILE + f"discussion/{kind}/",
            discussion.DiscussionThread.as_view(),
            {"kind": kind},
            name=f"discussion_{kind}",
        )
    )
