"""The report words the progress on the previous inspection's findings as HMIC does ("seven of the nine
areas for improvement"), in sentences that read whatever the counts."""

import pytest

from reports.wording import addressed_in_words, previous_progress_in_words

AFI = ("area for improvement", "areas for improvement")


@pytest.mark.parametrize(
    ("addressed", "total", "words"),
    [
        (7, 9, "seven of the nine areas for improvement have been addressed"),
        (1, 3, "one of the three areas for improvement has been addressed"),
        (0, 3, "none of the three areas for improvement have been addressed"),
        (2, 2, "both areas for improvement have been addressed"),
        (4, 4, "all four areas for improvement have been addressed"),
        (1, 1, "the area for improvement has been addressed"),
        (0, 1, "the area for improvement has not been addressed"),
        (11, 12, "11 of the 12 areas for improvement have been addressed"),
    ],
)
def test_the_count_of_addressed_findings_reads_as_a_sentence(addressed, total, words):
    assert addressed_in_words(addressed, total, *AFI) == words


def test_the_cause_of_concern_comes_first_then_the_areas_for_improvement():
    words = previous_progress_in_words(afis_addressed=7, afis_total=9, causes_addressed=1, causes_total=1)

    assert words == (
        "the cause of concern has been addressed; seven of the nine areas for improvement have been addressed"
    )


def test_an_inspection_without_previous_causes_of_concern_speaks_of_its_areas_for_improvement_only():
    words = previous_progress_in_words(afis_addressed=3, afis_total=4, causes_addressed=0, causes_total=0)

    assert words == "three of the four areas for improvement have been addressed"
