"""Which criteria apply to a case file, from the file's facts (the rule the form and the services share)."""

from dataclasses import dataclass

from peel.models import Applicability
from reviews.models import EVIDENTIAL_DIFFICULTIES_OUTCOMES, VICTIM_DID_NOT_SUPPORT_OUTCOMES, CaseFile


@dataclass(frozen=True)
class FileFacts:
    outcome_code: int | None
    domestic_abuse: bool
    vulnerable_victim: bool
    repeat_victim: bool
    suspect_identified: bool | None
    risk_level: str

    @classmethod
    def of(cls, case_file: CaseFile) -> "FileFacts":
        return cls(
            outcome_code=case_file.outcome_code,
            domestic_abuse=case_file.domestic_abuse,
            vulnerable_victim=case_file.vulnerable_victim,
            repeat_victim=case_file.repeat_victim,
            suspect_identified=case_file.suspect_identified,
            risk_level=case_file.risk_level,
        )


def criterion_applies(applicability: str, facts: FileFacts) -> bool:
    """Whether a criterion with this applicability rule applies; a fact not yet known counts as applying,
    so the reviewer is asked rather than the question silently skipped."""
    if applicability == Applicability.DOMESTIC_ABUSE:
        return facts.domestic_abuse
    if applicability == Applicability.VULNERABLE_VICTIM:
        return facts.vulnerable_victim
    if applicability == Applicability.VULNERABLE_OR_DOMESTIC_ABUSE:
        # A victim of domestic abuse is vulnerable by definition: the reference treats domestic abuse as
        # part of protecting vulnerable people and reviews every domestic-abuse victim's safeguarding.
        return facts.vulnerable_victim or facts.domestic_abuse
    if applicability == Applicability.EVIDENTIAL_DIFFICULTIES:
        return facts.outcome_code in EVIDENTIAL_DIFFICULTIES_OUTCOMES
    if applicability == Applicability.VICTIM_DID_NOT_SUPPORT:
        return facts.outcome_code in VICTIM_DID_NOT_SUPPORT_OUTCOMES
    if applicability == Applicability.SUSPECT_IDENTIFIED:
        return facts.suspect_identified is not False
    return True
