"""Reviews and their answers: read as the file page shows them; saved through the web's form and
``review_save``, with the same validation and the same version check."""

from django.db.models import Prefetch
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from api.filters import ReviewFilter
from api.forms import form_errors
from api.serializers.reviews import CountedAnswerSerializer, ReviewInputSerializer, ReviewSerializer
from api.views.base import InspectionList, InspectionScoped
from peel.models import Criterion
from reviews.applicability import FileFacts
from reviews.exports import review_records
from reviews.forms import ReviewForm
from reviews.models import Answer, CaseFile, Review, ReviewKind
from reviews.selectors import design_is_audit, reviews_visible_to
from reviews.services.reviewing import ReviewInput, may_edit_review, review_save

FACT_FIELDS = ReviewForm.FACT_FIELDS


def _with_answers(reviews):
    return reviews.select_related("reviewer", "case_file__crime").prefetch_related(
        Prefetch("answers", queryset=Answer.objects.select_related("criterion").order_by("criterion__order"))
    )


@extend_schema(
    summary="The reviews you may read: the lead every one, an inspector their own", tags=["reviews"]
)
class ReviewList(InspectionList):
    serializer_class = ReviewSerializer
    filterset_class = ReviewFilter
    queryset_model = Review

    def inspection_queryset(self):
        return _with_answers(reviews_visible_to(inspection=self.inspection, user=self.request.user))


@extend_schema(
    summary="The answers that count, per reviewed file × criterion, as the review export has them (the lead)",
    tags=["reviews"],
)
class CountedAnswerList(InspectionScoped, generics.ListAPIView):
    # The export's own records (``review_records``), so the two agree; read whole and paginated here,
    # in the export's order: five queries however many files.
    serializer_class = CountedAnswerSerializer

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not getattr(self, "swagger_fake_view", False) and not self.inspection.is_lead(request.user):
            raise PermissionDenied("Only the inspection's lead can read the answers that count.")

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return CaseFile.objects.none()
        return list(review_records(inspection=self.inspection))


def _choice(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def _form_data(payload: dict, criteria: list[Criterion], facts: FileFacts) -> tuple[dict, dict[str, str]]:
    """The review form's data from the API's payload, and the form's field names in the API's words."""
    by_code = {criterion.code: criterion for criterion in criteria}
    unknown = [answer["criterion"] for answer in payload["answers"] if answer["criterion"] not in by_code]
    if unknown:
        raise ValidationError({"answers": [f"No criterion of this programme has the code {unknown[0]!r}."]})
    data = {"version": payload["version"]}
    for answer in payload["answers"]:
        criterion = by_code[answer["criterion"]]
        data[ReviewForm.answer_field(criterion)] = answer["value"]
        data[ReviewForm.note_field(criterion)] = answer["note"]
    given = payload.get("facts")
    facts = {
        "outcome_code": facts.outcome_code,
        "domestic_abuse": facts.domestic_abuse,
        "vulnerable_victim": facts.vulnerable_victim,
        "repeat_victim": facts.repeat_victim,
        "suspect_identified": facts.suspect_identified,
        "risk_level": facts.risk_level,
        **(given or {}),
    }
    data.update(
        outcome_code="" if facts["outcome_code"] is None else facts["outcome_code"],
        risk_level=facts["risk_level"],
        **{name: _choice(facts[name]) for name in FACT_FIELDS if name not in ("outcome_code", "risk_level")},
    )
    names = {name: f"facts.{name}" for name in FACT_FIELDS}
    for criterion in criteria:
        names[ReviewForm.answer_field(criterion)] = f"answers.{criterion.code}"
        names[ReviewForm.note_field(criterion)] = f"answers.{criterion.code}.note"
    return data, names


@extend_schema(tags=["reviews"])
class ReviewDetail(InspectionScoped, generics.GenericAPIView):
    serializer_class = ReviewSerializer
    queryset_model = Review

    def _case_file(self) -> CaseFile:
        try:
            return CaseFile.objects.select_related("crime").get(
                inspection=self.inspection, pk=self.kwargs["file_id"]
            )
        except CaseFile.DoesNotExist:
            raise Http404("No such file in this inspection.") from None

    def _review(self, case_file: CaseFile) -> Review:
        reviews = reviews_visible_to(inspection=self.inspection, user=self.request.user)
        review = _with_answers(reviews.filter(case_file=case_file, kind=self.kwargs["kind"])).first()
        if review is None:
            raise Http404("This review has not been started, or it is not yours to read.")
        return review

    @extend_schema(summary="A review of a file with its answers")
    def get(self, request, pk: int, file_id: int, kind: str):
        return Response(ReviewSerializer(self._review(self._case_file())).data)

    @extend_schema(
        summary="Save the review as a draft, or submit it (the allocated inspector or the lead)",
        description=(
            "The answers sent replace the review's answers: a criterion left out is unanswered. Send "
            "the version you read (0 for a review not started); if someone saved it since, nothing is "
            "saved and the answer is 409. Submitting needs every criterion that applies to the file."
        ),
        request=ReviewInputSerializer,
        responses={200: ReviewSerializer},
    )
    def put(self, request, pk: int, file_id: int, kind: str):
        case_file = self._case_file()
        if not may_edit_review(inspection=self.inspection, case_file=case_file, kind=kind, user=request.user):
            raise PermissionDenied("This review is allocated to another inspector.")
        if design_is_audit(inspection_id=self.inspection.pk):
            # The API's reviews are answers to criteria; an audit's decision is not one of them, and a
            # save without it would clear the decision.
            raise ValidationError(
                {"detail": "This inspection is an audit: its decisions are saved on the review form."}
            )
        serializer = ReviewInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        payload = serializer.validated_data
        criteria = list(Criterion.objects.filter(programme_id=self.inspection.programme_id))
        data, names = _form_data(payload, criteria, FileFacts.of(case_file))
        form = ReviewForm(
            data,
            criteria=criteria,
            facts=FileFacts.of(case_file),
            with_facts=kind == ReviewKind.FIRST,
            submitting=payload["submit"],
        )
        if not form.is_valid():
            raise ValidationError(form_errors(form, names))
        review_save(
            inspection=self.inspection,
            case_file_id=case_file.pk,
            kind=kind,
            user=request.user,
            expected_version=form.cleaned_data["version"],
            data=ReviewInput(answers=form.answers(), notes=form.notes(), facts=form.facts()),
            submit=payload["submit"],
        )
        return Response(ReviewSerializer(self._review(case_file)).data)
