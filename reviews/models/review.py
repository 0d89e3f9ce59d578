"""Reviews of case files against the programme's criteria, their moderation and adjudication."""

from django.conf import settings
from django.db import models

from peel.models import Criterion
from reviews.models.sample import CaseFile


class ReviewKind(models.TextChoices):
    FIRST = "first", "First review"
    SECOND = "second", "Second (blind) review"


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", "In progress"
    SUBMITTED = "submitted", "Submitted"
    RETURNED = "returned", "Returned"
    ACCEPTED = "accepted", "Accepted"


EDITABLE_STATUSES = (ReviewStatus.DRAFT, ReviewStatus.RETURNED)
FINISHED_STATUSES = (ReviewStatus.SUBMITTED, ReviewStatus.ACCEPTED)


class AuditDecision(models.TextChoices):
    """An audit's answer to its one question about a file."""

    YES = "yes", "Yes"
    NO = "no", "No"


class Review(models.Model):
    """One inspector's review of one case file; ``version`` guards against silent overwrites.

    A quality review's answers are its ``answers`` (one per criterion); an audit's review is its one
    ``decision`` with a note, and has no answers."""

    case_file = models.ForeignKey(CaseFile, on_delete=models.CASCADE, related_name="reviews")
    kind = models.CharField(max_length=8, choices=ReviewKind.choices, default=ReviewKind.FIRST)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews")
    status = models.CharField(max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    returned_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    decision = models.CharField(
        max_length=3, choices=AuditDecision.choices, blank=True, help_text="An audit's decision on the file."
    )
    decision_note = models.TextField(blank=True)

    class Meta:
        ordering = ["case_file", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["case_file", "kind"], name="review_one_of_each_kind_per_file"),
            models.CheckConstraint(
                condition=~models.Q(status="accepted") | models.Q(accepted_at__isnull=False),
                name="review_accepted_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.case_file_id} by {self.reviewer}"

    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    def is_finished(self) -> bool:
        return self.status in FINISHED_STATUSES


class AnswerValue(models.TextChoices):
    YES = "yes", "Yes"
    PARTLY = "partly", "Partly"
    NO = "no", "No"
    NOT_APPLICABLE = "not_applicable", "Not applicable"
    NOT_KNOWN = "not_known", "Not known"


class Answer(models.Model):
    """A reviewer's answer to one criterion; blank while a draft leaves it unanswered."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="answers")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="answers")
    value = models.CharField(max_length=16, choices=AnswerValue.choices, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["review", "criterion__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "criterion"], name="answer_one_per_criterion_per_review"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion.code}: {self.get_value_display() or 'unanswered'}"


class AdjudicatedAnswer(models.Model):
    """The lead's decision where a first and a blind second review disagree: the value that counts."""

    case_file = models.ForeignKey(CaseFile, on_delete=models.CASCADE, related_name="adjudicated_answers")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="adjudicated_answers")
    value = models.CharField(max_length=16, choices=AnswerValue.choices)
    note = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["case_file", "criterion__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["case_file", "criterion"], name="adjudicated_answer_one_per_criterion_per_file"
            ),
            models.CheckConstraint(condition=~models.Q(value=""), name="adjudicated_answer_has_value"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion.code}: {self.get_value_display()} (adjudicated)"


class AdjudicatedDecision(models.Model):
    """The lead's decision where the two reviews of an audit file decided differently: the one that counts."""

    case_file = models.OneToOneField(CaseFile, on_delete=models.CASCADE, related_name="adjudicated_decision")
    value = models.CharField(max_length=3, choices=AuditDecision.choices)
    note = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=~models.Q(value=""), name="adjudicated_decision_has_value"),
        ]

    def __str__(self) -> str:
        return f"{self.case_file_id}: {self.get_value_display()} (adjudicated)"
