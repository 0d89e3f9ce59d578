from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from api.serializers.national import NationalViewSerializer
from api.views.base import LeadOrAdmin
from peel.models import Programme
from reports.national import INNER, OUTER, funnel_limits, national_view


def _funnel(criterion, counts) -> dict:
    """A criterion's funnel as numbers: the figures the national view's plot draws, without the plot."""
    counts = sorted((row for row in counts if row[3] > 0), key=lambda row: row[1])
    files = sum(row[3] for row in counts)
    national = sum(row[2] for row in counts) / files if files else None
    return {
        "criterion": criterion.code,
        "national": national,
        "points": [
            {
                "inspection": inspection_id,
                "force": force,
                "met": met,
                "files": n,
                "limits_95": funnel_limits(national, n, INNER),
                "limits_998": funnel_limits(national, n, OUTER),
            }
            for inspection_id, force, met, n in counts
        ],
    }


@extend_schema(
    summary="The national view of a programme: every inspection's grades and the criteria's funnels",
    tags=["national"],
)
class NationalView(GenericAPIView):
    """For inspection leads and admins, as the national view's pages."""

    serializer_class = NationalViewSerializer
    permission_classes = [*GenericAPIView.permission_classes, LeadOrAdmin]

    def get(self, request, slug: str):
        view = national_view(programme=get_object_or_404(Programme, slug=slug))
        codes = [question.code for question in view.questions]
        data = {
            "programme": view.programme,
            "inspections": [
                {
                    "inspection": row.inspection.pk,
                    "force": row.inspection.force.slug,
                    "grades": [
                        {"question": code, "grade": grade, "approved": approved}
                        for code, (grade, approved) in zip(codes, row.grades, strict=True)
                    ],
                }
                for row in view.inspections
            ],
            "distribution": [
                {
                    "question": question.code,
                    "counts": [{"grade": grade, "inspections": n} for grade, n in counts],
                    "pending": pending,
                }
                for question, counts, pending in view.distribution
            ],
            "criteria": [_funnel(criterion, view.counts[criterion.pk]) for criterion in view.criteria],
        }
        return Response(self.get_serializer(data).data)
