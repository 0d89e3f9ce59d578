from peel.models.approval import Approvable, ApprovalState
from peel.models.evidence import Direction, EvidenceNote, EvidenceSource
from peel.models.frameworks import (
    AnswerSet,
    Applicability,
    Criterion,
    Grade,
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
    "Grade",
    "Inspection",
    "InspectionStatus",
    "Judgment",
    "PreviousFindingAssessment",
    "Programme",
    "Progress",
    "Question",
    "QuestionLevel",
    "Recommendation",
    "Versioned",
]
