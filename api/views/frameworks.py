from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import generics

from api.filters import ProgrammeFilter
from api.selectors import programme_with_framework
from api.serializers.frameworks import ProgrammeFrameworkSerializer, ProgrammeSerializer
from peel.models import Programme
from reports.national import national_programmes


@extend_schema(summary="Programmes (inspection cycles), newest first", tags=["frameworks"])
class ProgrammeList(generics.ListAPIView):
    serializer_class = ProgrammeSerializer
    filterset_class = ProgrammeFilter

    def get_queryset(self):
        return national_programmes()


@extend_schema(
    summary="A programme with its question framework and file-review criteria", tags=["frameworks"]
)
class ProgrammeDetail(generics.RetrieveAPIView):
    serializer_class = ProgrammeFrameworkSerializer

    def get_object(self):
        try:
            return programme_with_framework(slug=self.kwargs["slug"])
        except Programme.DoesNotExist:
            raise Http404("No programme has this slug.") from None
