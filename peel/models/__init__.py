from peel.models.frameworks import Grade, Programme, Question, QuestionLevel
from peel.models.inspections import Inspection, InspectionStatus

__all__ = ["Grade", "Inspection", "InspectionStatus", "Programme", "Question", "QuestionLevel"]
