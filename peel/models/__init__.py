from peel.models.approval import Approvable, ApprovalState
from peel.models.evidence import Direction, EvidenceNote, EvidenceSource
from peel.models.frameworks import (
    AnswerSet,
    Applicability,
    Criterion,
    Programme,
    Question,
    QuestionLevel,
)
from peel.models.inspections import Inspection, InspectionStatus
from peel.models.judgments import (
    AfiOrigin,
    AreaForImprovement,
    CauseOfConcern,
    FindingSummary,
    Judgment,
    PreviousFindingAssessment,
    Progress,
    Recommendation,
)
from peel.models.practice import NotablePractice
from peel.models.scales import FindingKind, FindingType, GradeLevel, GradeScale, ShownLevel, contrast_ratio
from peel.models.versioning import Versioned

__all__ = [
    "AfiOrigin",
    "AnswerSet",
    "Applicability",
    "Approvable",
    "ApprovalState",
    "AreaForImprovement",
    "CauseOfConcern",
    "Criterion",
    "Direction",
    "EvidenceNote",
    "EvidenceSource",
    "FindingSummary",
    "FindingKind",
    "FindingType",
    "GradeLevel",
    "GradeScale",
    "Inspection",
    "InspectionStatus",
    "Judgment",
    "NotablePractice",
    "PreviousFindingAssessment",
    "Programme",
    "Progress",
    "Question",
    "QuestionLevel",
    "Recommendation",
    "ShownLevel",
    "Versioned",
    "contrast_ratio",
]
