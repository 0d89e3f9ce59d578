from drf_spectacular.utils import extend_schema
from rest_framework import generics

from api.filters import InspectionFilter
from api.serializers.inspections import InspectionSerializer
from api.views.base import InspectionScoped
from peel.models import Inspection
from peel.selectors.inspections import inspections_visible_to, with_team


@extend_schema(
    summary="The inspections you may see (the ones you lead or are on; an admin: all)", tags=["inspections"]
)
class InspectionList(generics.ListAPIView):
    serializer_class = InspectionSerializer
    filterset_class = InspectionFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Inspection.objects.none()
        return inspections_visible_to(user=self.request.user).prefetch_related("team")


@extend_schema(summary="An inspection", tags=["inspections"])
class InspectionDetail(InspectionScoped, generics.RetrieveAPIView):
    serializer_class = InspectionSerializer
    queryset_model = Inspection

    def get_object(self):
        return with_team(self.inspection)
