from drf_spectacular.utils import extend_schema

from api.filters import AfiFilter, ApprovableFilter
from api.serializers.findings import AfiSerializer, CauseSerializer, JudgmentSerializer, SummarySerializer
from api.views.base import InspectionList
from peel.models import AreaForImprovement, CauseOfConcern, FindingSummary, Judgment
from peel.selectors.findings import afis_for, causes_for, judgments_for, summaries_for


@extend_schema(summary="Judgments: the grade of the overall and each core question", tags=["findings"])
class JudgmentList(InspectionList):
    serializer_class = JudgmentSerializer
    filterset_class = ApprovableFilter
    queryset_model = Judgment

    def inspection_queryset(self):
        return judgments_for(inspection=self.inspection)


@extend_schema(summary="Summaries of findings under the core questions", tags=["findings"])
class SummaryList(InspectionList):
    serializer_class = SummarySerializer
    filterset_class = ApprovableFilter
    queryset_model = FindingSummary

    def inspection_queryset(self):
        return summaries_for(inspection=self.inspection)


@extend_schema(summary="Areas for improvement with their recommendations", tags=["findings"])
class AfiList(InspectionList):
    serializer_class = AfiSerializer
    filterset_class = AfiFilter
    queryset_model = AreaForImprovement

    def inspection_queryset(self):
        return afis_for(inspection=self.inspection)


@extend_schema(summary="Causes of concern with their recommendations", tags=["findings"])
class CauseList(InspectionList):
    serializer_class = CauseSerializer
    filterset_class = ApprovableFilter
    queryset_model = CauseOfConcern

    def inspection_queryset(self):
        return causes_for(inspection=self.inspection)
