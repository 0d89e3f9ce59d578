"""Evidence notes: read by everyone on the inspection; written through the web's form and services."""

from django.db import transaction
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from api.conflicts import evidence_note_current
from api.forms import form_errors
from api.serializers.evidence import (
    EvidenceNoteChangeSerializer,
    EvidenceNoteInputSerializer,
    EvidenceNoteSerializer,
)
from api.views.base import InspectionScoped
from peel.forms.approval import VersionedForm
from peel.forms.evidence import EvidenceNoteFilter, EvidenceNoteForm
from peel.models import EvidenceNote, Inspection, QuestionLevel
from peel.selectors.evidence import evidence_notes_for
from peel.selectors.frameworks import question_by_code
from peel.services.evidence import evidence_note_create, evidence_note_delete, evidence_note_update


def _validated(serializer_class, data) -> dict:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def _form_cleaned(inspection: Inspection, values: dict, note: EvidenceNote | None = None) -> dict:
    """The note's fields validated by the web's form (the same rules: a sub-question of the programme,
    no date in the future, some text), from the note as it is with the client's values over it."""
    data = EvidenceNoteForm.initial_from(note) if note else {}
    if note:
        data["question"] = note.question.code
    data.update(values)
    code = data.get("question")
    question = question_by_code(programme=inspection.programme, code=code)
    if question is None or question.level != QuestionLevel.SUB:
        message = f"Choose a sub-question of {inspection.programme.name}; {code} is not one."
        raise ValidationError({"question": [message]})
    form = EvidenceNoteForm({**data, "question": question.pk}, inspection=inspection)
    if not form.is_valid():
        raise ValidationError(form_errors(form))
    # The web form's version belongs to its page; the API checks its own (api.conflicts).
    return {name: value for name, value in form.cleaned_data.items() if name not in VersionedForm.base_fields}


@extend_schema(tags=["evidence"])
class EvidenceNoteList(InspectionScoped, generics.ListAPIView):
    serializer_class = EvidenceNoteSerializer
    filterset_class = EvidenceNoteFilter
    queryset_model = EvidenceNote

    def filterset_extra_kwargs(self) -> dict:
        return {"inspection": self.inspection}

    def inspection_queryset(self):
        return evidence_notes_for(inspection=self.inspection)

    @extend_schema(summary="The inspection's evidence notes (filter by question, author, direction, source)")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        summary="Record an evidence note (the lead or a team member)",
        request=EvidenceNoteInputSerializer,
        responses={201: EvidenceNoteSerializer},
    )
    def post(self, request, pk: int):
        self.contributor_ensure()
        cleaned = _form_cleaned(self.inspection, _validated(EvidenceNoteInputSerializer, request.data))
        note = evidence_note_create(inspection=self.inspection, author=request.user, **cleaned)
        return Response(EvidenceNoteSerializer(note).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["evidence"])
class EvidenceNoteDetail(InspectionScoped, generics.GenericAPIView):
    serializer_class = EvidenceNoteSerializer
    queryset_model = EvidenceNote

    def _note(self) -> EvidenceNote:
        try:
            note = evidence_notes_for(inspection=self.inspection).get(pk=self.kwargs["note_id"])
        except EvidenceNote.DoesNotExist:
            raise Http404("No such evidence note in this inspection.") from None
        note.inspection = self.inspection
        return note

    def _editable_note(self) -> EvidenceNote:
        note = self._note()
        if not note.is_editable_by(self.request.user):
            raise PermissionDenied("Only the note's author and the inspection's lead can change it.")
        return note

    @extend_schema(summary="An evidence note")
    def get(self, request, pk: int, note_id: int):
        return Response(EvidenceNoteSerializer(self._note()).data)

    @extend_schema(
        summary="Change an evidence note (its author or the lead), sending back the version you read",
        request=EvidenceNoteChangeSerializer,
        responses={200: EvidenceNoteSerializer},
    )
    def patch(self, request, pk: int, note_id: int):
        note = self._editable_note()
        values = _validated(EvidenceNoteChangeSerializer, request.data)
        version = values.pop("version")
        with transaction.atomic():
            current = evidence_note_current(note_id=note.pk, version=version)
            current.inspection = self.inspection
            changes = _form_cleaned(self.inspection, values, note=current)
            evidence_note_update(note=current, user=request.user, changes=changes)
        return Response(EvidenceNoteSerializer(self._note()).data)

    @extend_schema(
        summary="Delete an evidence note (its author or the lead); its history is kept",
        parameters=[
            OpenApiParameter(
                "version", OpenApiTypes.STR, required=True, description="The note's version as you read it."
            )
        ],
        responses={204: None},
    )
    def delete(self, request, pk: int, note_id: int):
        note = self._editable_note()
        version = request.query_params.get("version", "")
        if not version:
            raise ValidationError({"version": ["Send the version of the note you read as ?version=."]})
        with transaction.atomic():
            evidence_note_current(note_id=note.pk, version=version)
            evidence_note_delete(note=note, user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
