"""The API under /api/: its schema, its documentation, and version 1 under /api/v1/.

Every view is exempt from ``LoginRequiredMiddleware`` (which knows only sessions) and requires an
authenticated user itself, by token or session; the documentation page is a page like any other."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from api.views import evidence, findings, forces, frameworks, inspections, national, results, reviews, sample
from reviews.models import ReviewKind

app_name = "api"
V1 = "v1/"
INSPECTION = V1 + "inspections/<int:pk>/"
FILE = INSPECTION + "files/<int:file_id>/"


def api(view_class, **initkwargs):
    return login_not_required(view_class.as_view(**initkwargs))


urlpatterns = [
    path("schema/", api(SpectacularAPIView), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path(V1 + "programmes/", api(frameworks.ProgrammeList), name="programme_list"),
    path(V1 + "programmes/<slug:slug>/", api(frameworks.ProgrammeDetail), name="programme_detail"),
    path(V1 + "national/<slug:slug>/", api(national.NationalView), name="national"),
    path(V1 + "forces/", api(forces.ForceList), name="force_list"),
    path(V1 + "forces/<slug:slug>/figures/", api(forces.ForceFigures), name="force_figures"),
    path(V1 + "inspections/", api(inspections.InspectionList), name="inspection_list"),
    path(INSPECTION, api(inspections.InspectionDetail), name="inspection_detail"),
    path(INSPECTION + "strata/", api(sample.StratumList), name="stratum_list"),
    path(INSPECTION + "files/", api(sample.CaseFileList), name="file_list"),
    path(FILE, api(sample.CaseFileDetail), name="file_detail"),
    path(INSPECTION + "reviews/", api(reviews.ReviewList), name="review_list"),
    path(INSPECTION + "evidence/", api(evidence.EvidenceNoteList), name="evidence_list"),
    path(INSPECTION + "evidence/<int:note_id>/", api(evidence.EvidenceNoteDetail), name="evidence_detail"),
    path(INSPECTION + "results/", api(results.CriterionResultList), name="result_list"),
    path(INSPECTION + "compile-runs/", api(results.CompileRunList), name="compile_run_list"),
    path(INSPECTION + "judgments/", api(findings.JudgmentList), name="judgment_list"),
    path(INSPECTION + "summaries/", api(findings.SummaryList), name="summary_list"),
    path(INSPECTION + "afis/", api(findings.AfiList), name="afi_list"),
    path(INSPECTION + "causes/", api(findings.CauseList), name="cause_list"),
]
for kind in ReviewKind.values:
    urlpatterns.append(
        path(FILE + f"reviews/{kind}/", api(reviews.ReviewDetail), {"kind": kind}, name=f"review_{kind}")
    )
