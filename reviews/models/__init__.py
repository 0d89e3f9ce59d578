from reviews.models.design import (
    DEFAULT_SAMPLE_TOTAL,
    DesignTemplate,
    SampleDesign,
    Stratum,
    StratumTemplate,
    normalise_crime_type,
)
from reviews.models.frame import CrimeListImport, FrameCrime
from reviews.models.review import (
    EDITABLE_STATUSES,
    FINISHED_STATUSES,
    AdjudicatedAnswer,
    Answer,
    AnswerValue,
    Review,
    ReviewKind,
    ReviewStatus,
)
from reviews.models.sample import (
    EVIDENTIAL_DIFFICULTIES_OUTCOMES,
    CaseFile,
    CaseFileStatus,
    DoubleReviewSelection,
    RiskLevel,
    SampleDraw,
    UnusableReason,
)

__all__ = [
    "DEFAULT_SAMPLE_TOTAL",
    "EDITABLE_STATUSES",
    "EVIDENTIAL_DIFFICULTIES_OUTCOMES",
    "FINISHED_STATUSES",
    "AdjudicatedAnswer",
    "Answer",
    "AnswerValue",
    "CaseFile",
    "CaseFileStatus",
    "CrimeListImport",
    "DesignTemplate",
    "DoubleReviewSelection",
    "FrameCrime",
    "Review",
    "ReviewKind",
    "ReviewStatus",
    "RiskLevel",
    "SampleDesign",
    "SampleDraw",
    "Stratum",
    "StratumTemplate",
    "UnusableReason",
    "normalise_crime_type",
]
