from drf_spectacular.utils import extend_schema

from api.filters import CriterionResultFilter
from api.selectors import criterion_results_of
from api.serializers.results import CompileRunSerializer, CriterionResultSerializer
from api.views.base import InspectionList
from reports.models import CompileRun, CriterionResult
from reports.selectors import compile_runs_for


@extend_schema(
    summary="The compiled file-review results: n/N per criterion, overall and per stratum, with intervals",
    tags=["compile"],
)
class CriterionResultList(InspectionList):
    serializer_class = CriterionResultSerializer
    filterset_class = CriterionResultFilter
    queryset_model = CriterionResult

    def inspection_queryset(self):
        return criterion_results_of(inspection_id=self.inspection.pk)


@extend_schema(summary="The inspection's compile runs, newest first", tags=["compile"])
class CompileRunList(InspectionList):
    serializer_class = CompileRunSerializer
    queryset_model = CompileRun

    def inspection_queryset(self):
        return compile_runs_for(inspection=self.inspection)
