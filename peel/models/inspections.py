"""An inspection: one force in one programme, with its lead and team."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from forces.models import Force
from peel.models.frameworks import Programme
from peel.models.versioning import Versioned
from peel.roles import is_hmi as holds_hmi_role
from peel.roles import is_lead as holds_lead_role


class InspectionStatus(models.TextChoices):
    """The stages in order; an inspection moves one stage at a time (see ``inspection_status_set``)."""

    SETUP = "setup", "Setup"
    FIELDWORK = "fieldwork", "Fieldwork"
    MODERATION = "moderation", "Moderation"
    JUDGMENTS = "judgments", "Judgments"
    PUBLISHED = "published", "Published"


class Inspection(Versioned):
    force = models.ForeignKey(Force, on_delete=models.PROTECT, related_name="inspections")
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="inspections")
    status = models.CharField(max_length=12, choices=InspectionStatus.choices, default=InspectionStatus.SETUP)
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inspections_led",
    )
    hmi = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inspections_signed_off",
        verbose_name="HM Inspector",
        help_text="The HM Inspector who signs the report off: a user with the HM Inspector role.",
    )
    team = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="inspections_on")
    fieldwork_start = models.DateField(null=True, blank=True)
    fieldwork_end = models.DateField(null=True, blank=True)
    review_window_start = models.DateField(help_text="First day on which sampled crimes were recorded.")
    review_window_end = models.DateField(help_text="Last day on which sampled crimes were recorded.")
    previous = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="next_inspections",
        help_text="The previous inspection of the same force, for change since last year.",
    )
    is_generated = models.BooleanField(
        default=False, help_text="Generated data for demonstration or benchmarking, not a real inspection."
    )
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-programme__year", "force__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["force", "programme"], name="inspection_one_per_force_and_programme"
            ),
            models.CheckConstraint(
                condition=models.Q(review_window_start__lte=models.F("review_window_end")),
                name="inspection_review_window_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(fieldwork_start__isnull=True)
                | models.Q(fieldwork_end__isnull=True)
                | models.Q(fieldwork_start__lte=models.F("fieldwork_end")),
                name="inspection_fieldwork_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.force.name} — {self.programme.name}"

    def get_absolute_url(self) -> str:
        return reverse("peel:inspection_overview", kwargs={"pk": self.pk})

    def is_lead(self, user) -> bool:
        """Lead powers need both: being this inspection's lead and holding the Lead role (an active user),
        so a user whose role is taken away loses them at once (docs/inspections.md)."""
        return user.is_authenticated and self.lead_id == user.pk and holds_lead_role(user)

    def is_hmi(self, user) -> bool:
        """The HM Inspector of the inspection: reads everything, writes nothing, signs the report off. Like
        lead powers, it needs the role too (``holds_hmi_role``)."""
        return user.is_authenticated and self.hmi_id == user.pk and holds_hmi_role(user)

    def is_on_team(self, user) -> bool:
        """Uses the prefetched team when there is one."""
        return user.is_authenticated and any(member.pk == user.pk for member in self.team.all())

    def can_contribute(self, user) -> bool:
        """The lead and the team write evidence and drafts; an Admin who is neither only looks."""
        return self.is_lead(user) or self.is_on_team(user)

    @property
    def is_published(self) -> bool:
        return self.status == InspectionStatus.PUBLISHED

    @property
    def published_previous(self) -> "Inspection | None":
        """The previous inspection whose findings and grade carry over into this one: only a published
        one, so what an unpublished inspection found never reaches another team (who get 404 on it)."""
        previous = self.previous
        return previous if previous is not None and previous.is_published else None
