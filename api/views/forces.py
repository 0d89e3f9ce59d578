from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics

from api.serializers.forces import ForceFiguresSerializer, ForceSerializer
from forces.models import Force
from forces.selectors import force_figures, force_list


@extend_schema(summary="The territorial forces of England and Wales", tags=["forces"])
class ForceList(generics.ListAPIView):
    serializer_class = ForceSerializer

    def get_queryset(self):
        return force_list()


@extend_schema(
    summary="A force's figures beside the England and Wales figure, with the comparison words",
    tags=["forces"],
)
class ForceFigures(generics.RetrieveAPIView):
    serializer_class = ForceFiguresSerializer

    def get_object(self):
        force = get_object_or_404(Force, slug=self.kwargs["slug"])
        return force_figures(force=force, charts=False)
