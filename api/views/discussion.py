"""A file's discussion: one thread per review, read and posted to by the review's reviewer and the
inspection's lead, with the web's rules (``reviews.services.discussion``) and the web's form."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from api.forms import form_errors
from api.serializers.discussion import MessageInputSerializer, MessageSerializer
from api.views.base import InspectionScoped
from peel.models import Criterion
from reviews.forms import DiscussionForm
from reviews.models import CaseFile, Message
from reviews.selectors import design_is_audit, messages_for_case_file
from reviews.services.discussion import may_discuss, message_post, thread_kinds, thread_url

# The form's field names in the API's words.
NAMES = {"body": "text"}
KEY_TAKEN = "This submission key was already used for another message: send a new one."


def _criterion(code: str | None, criteria) -> Criterion | None:
    if not code:
        return None
    if criteria is None:
        raise ValidationError({"criterion": ["This inspection is an audit: its files have no criteria."]})
    found = criteria.filter(code=code).first()
    if found is None:
        raise ValidationError({"criterion": [f"No criterion of this programme has the code {code!r}."]})
    return found


def _service_errors(error: DjangoValidationError) -> dict[str, list[str]]:
    """The service's refusals by the API's field names; its only whole-request one is a submission key
    already used for another file's message."""
    if hasattr(error, "error_dict"):
        return {NAMES.get(field, field): messages for field, messages in error.message_dict.items()}
    return {"submission_key": [KEY_TAKEN]}


@extend_schema(tags=["discussion"])
class DiscussionThread(InspectionScoped, generics.ListAPIView):
    # One review's thread of a file, checked before anything is read or parsed: a file of another
    # inspection, or a second thread on a file without a second review, is 404; a member of the
    # inspection who is neither the review's reviewer nor the lead gets 403, as on the thread's page.
    serializer_class = MessageSerializer
    queryset_model = Message

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if getattr(self, "swagger_fake_view", False):
            return
        try:
            self.case_file = CaseFile.objects.get(inspection=self.inspection, pk=kwargs["file_id"])
        except CaseFile.DoesNotExist:
            raise Http404("No such file in this inspection.") from None
        kind = kwargs["kind"]
        if kind not in thread_kinds(self.case_file):
            raise Http404("This file has no second review.")
        if not may_discuss(
            inspection=self.inspection, case_file=self.case_file, user=request.user, review_kind=kind
        ):
            raise PermissionDenied(
                "Only the file's reviewer and the inspection's lead take part in its discussion."
            )

    def inspection_queryset(self):
        return messages_for_case_file(case_file=self.case_file, review_kinds=[self.kwargs["kind"]])

    @extend_schema(summary="The thread's messages, oldest first (the review's reviewer and the lead)")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        summary="Post a message to the thread; the others in it are notified",
        description=(
            "The review's reviewer and the inspection's lead post, as on the file's page, and the other "
            "one is notified. A message is not edited, so it carries no version; send a `submission_key` "
            "of your own to retry safely: the same key posts the message once, and answers it again."
        ),
        request=MessageInputSerializer,
        responses={201: MessageSerializer},
    )
    def post(self, request, pk: int, file_id: int, kind: str):
        serializer = MessageInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        given = serializer.validated_data
        audit = design_is_audit(inspection_id=self.inspection.pk)
        criteria = None if audit else Criterion.objects.filter(programme_id=self.inspection.programme_id)
        criterion = _criterion(given.get("criterion"), criteria)
        form = DiscussionForm(
            {
                "body": given["text"],
                "criterion": criterion.pk if criterion else "",
                "submission_key": given.get("submission_key") or "",
            },
            criteria=criteria,
            review_kind=kind,
            action=thread_url(self.case_file, kind),
        )
        if not form.is_valid():
            raise ValidationError(form_errors(form, NAMES))
        try:
            message = message_post(
                inspection=self.inspection,
                case_file=self.case_file,
                author=request.user,
                body=form.cleaned_data["body"],
                review_kind=kind,
                criterion=form.cleaned_data.get("criterion"),
                submission_key=form.cleaned_data["submission_key"],
            )
        except DjangoValidationError as error:
            raise ValidationError(_service_errors(error)) from None
        if message.author_id != request.user.pk or message.review_kind != kind:
            # A client chooses its own keys: one that answered someone else's message, or another
            # thread's, must not show it (a second review's thread is blind to the first's).
            raise ValidationError({"submission_key": [KEY_TAKEN]})
        return Response(MessageSerializer(message).data, status=status.HTTP_201_CREATED)
