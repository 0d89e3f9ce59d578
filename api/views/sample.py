from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import generics

from api.filters import CaseFileFilter
from api.selectors import strata_of
from api.serializers.sample import CaseFileSerializer, StratumSerializer
from api.views.base import InspectionList, InspectionScoped
from reviews.models import CaseFile, Stratum
from reviews.selectors import sample_files


@extend_schema(summary="The sample's strata with their quotas", tags=["sample"])
class StratumList(InspectionList):
    serializer_class = StratumSerializer
    queryset_model = Stratum

    def inspection_queryset(self):
        return strata_of(inspection_id=self.inspection.pk)


@extend_schema(
    summary="The drawn files (replacements and unusable ones too), without personal data", tags=["sample"]
)
class CaseFileList(InspectionList):
    serializer_class = CaseFileSerializer
    filterset_class = CaseFileFilter
    queryset_model = CaseFile

    def inspection_queryset(self):
        return sample_files(inspection_id=self.inspection.pk)


@extend_schema(summary="A drawn file", tags=["sample"])
class CaseFileDetail(InspectionScoped, generics.RetrieveAPIView):
    serializer_class = CaseFileSerializer
    queryset_model = CaseFile

    def get_object(self):
        try:
            return sample_files(inspection_id=self.inspection.pk).get(pk=self.kwargs["file_id"])
        except CaseFile.DoesNotExist:
            raise Http404("No such file in this inspection.") from None
