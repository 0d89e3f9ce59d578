"""The sample design: which strata the case-file sample is drawn from and how many files each gets.

A programme carries a default design (``DesignTemplate`` with its ``StratumTemplate`` rows); the first
time an inspection needs a design it is copied into that inspection's own ``SampleDesign`` and
``Stratum`` rows, whose quotas the lead may edit until the sample is drawn.
"""

from django.db import models

from peel.models import Inspection, Programme, Versioned
from reviews.sampling import even_quotas

DEFAULT_SAMPLE_TOTAL = 60


class DesignKind(models.TextChoices):
    """What a review of one file produces: answers to the programme's criteria, or one yes/no decision."""

    QUALITY_REVIEW = "quality_review", "Quality review"
    AUDIT = "audit", "Audit"


AUDIT_NEEDS_QUESTION = "An audit needs its decision question, e.g. Was the crime correctly recorded?"


class DesignKindFields(models.Model):
    """The kind of review and, for an audit, the one question each file is decided on."""

    kind = models.CharField(max_length=16, choices=DesignKind.choices, default=DesignKind.QUALITY_REVIEW)
    decision_question = models.CharField(
        max_length=200,
        blank=True,
        help_text="An audit's one yes/no question per file, e.g. Was the crime correctly recorded?",
    )

    class Meta:
        abstract = True

    def is_audit(self) -> bool:
        return self.kind == DesignKind.AUDIT


def normalise_crime_type(value: str) -> str:
    """Crime types match case- and space-insensitively ('Common  Assault' is 'common assault')."""
    return " ".join(value.split()).casefold()


class DesignTemplate(DesignKindFields):
    """A programme's default sample design, copied into each of its inspections on first use."""

    programme = models.OneToOneField(Programme, on_delete=models.CASCADE, related_name="design_template")
    total = models.PositiveSmallIntegerField(default=DEFAULT_SAMPLE_TOTAL)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(total__gt=0), name="design_template_total_positive"),
            models.CheckConstraint(
                condition=~models.Q(kind="audit", decision_question=""),
                name="design_template_audit_has_question",
                violation_error_message=AUDIT_NEEDS_QUESTION,
            ),
        ]

    def __str__(self) -> str:
        return f"Sample design for {self.programme}"


class StratumDefinition(models.Model):
    """What a stratum is: a crime type, optionally restricted to domestic-abuse-flagged crimes."""

    label = models.CharField(
        max_length=80, help_text="As the report names it, e.g. Common assault (domestic abuse)."
    )
    crime_type = models.CharField(
        max_length=80, help_text="The crime type as the force's crime list names it."
    )
    crime_type_aliases = models.TextField(
        blank=True, help_text="Other names for the same crime type in force exports, one per line."
    )
    requires_domestic_abuse = models.BooleanField(
        default=False, help_text="Only crimes flagged as domestic abuse belong to this stratum."
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.label

    def crime_type_keys(self) -> set[str]:
        names = [self.crime_type, *self.crime_type_aliases.splitlines()]
        return {normalise_crime_type(name) for name in names if name.strip()}


def template_quotas(total: int, strata: list["StratumTemplate"]) -> list[int]:
    """The quotas a programme's design gives its strata: their own when every one has one, else an even
    split of the total."""
    if strata and all(stratum.quota is not None for stratum in strata):
        return [stratum.quota for stratum in strata]
    return even_quotas(total, len(strata))


class StratumTemplate(StratumDefinition):
    template = models.ForeignKey(DesignTemplate, on_delete=models.CASCADE, related_name="strata")
    quota = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Files drawn from this stratum (e.g. 10 per offence type); blank: an even share.",
    )

    class Meta:
        ordering = ["template", "order"]
        constraints = [
            models.UniqueConstraint(fields=["template", "label"], name="stratum_template_label_unique"),
        ]


class SampleDesign(Versioned, DesignKindFields):
    """An inspection's own design: its kind, the total number of files; its strata carry the quotas."""

    inspection = models.OneToOneField(Inspection, on_delete=models.CASCADE, related_name="sample_design")
    total = models.PositiveSmallIntegerField(default=DEFAULT_SAMPLE_TOTAL)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(total__gt=0), name="sample_design_total_positive"),
            models.CheckConstraint(
                condition=~models.Q(kind="audit", decision_question=""),
                name="sample_design_audit_has_question",
                violation_error_message=AUDIT_NEEDS_QUESTION,
            ),
        ]

    def __str__(self) -> str:
        return f"Sample design for {self.inspection}"

    @classmethod
    def from_programme_default(cls, inspection: Inspection) -> tuple["SampleDesign", list["Stratum"]]:
        """The design and strata as the programme's default is copied into the inspection, unsaved.

        Quotas are the template's where every stratum has one; otherwise the total split as evenly as
        possible, remainders to the strata listed first."""
        template = DesignTemplate.objects.filter(programme_id=inspection.programme_id).first()
        if template is None:
            return cls(inspection=inspection, total=DEFAULT_SAMPLE_TOTAL), []
        design = cls(
            inspection=inspection,
            total=template.total,
            kind=template.kind,
            decision_question=template.decision_question,
        )
        defaults = list(template.strata.order_by("order", "label"))
        strata = [
            Stratum(
                inspection=inspection,
                label=stratum.label,
                crime_type=stratum.crime_type,
                crime_type_aliases=stratum.crime_type_aliases,
                requires_domestic_abuse=stratum.requires_domestic_abuse,
                order=stratum.order,
                quota=quota,
            )
            for stratum, quota in zip(defaults, template_quotas(template.total, defaults), strict=True)
        ]
        return design, strata

    def is_programme_default(self, strata: list["Stratum"]) -> bool:
        """Whether the total and the quotas (``strata`` in order) are still the programme's default."""
        default, default_strata = self.from_programme_default(self.inspection)
        return self.total == default.total and [s.quota for s in strata] == [s.quota for s in default_strata]


class Stratum(StratumDefinition):
    """One stratum of an inspection's sample, with its quota of files."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="strata")
    quota = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["inspection", "order"]
        verbose_name_plural = "strata"
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "label"], name="stratum_label_unique_in_inspection"
            ),
        ]
