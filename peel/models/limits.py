"""How long free text may be (the table in docs/inspections.md, "Length limits").

Each limit is the model field's ``max_length``, which the forms read (``peel.forms.fields.LimitedTextField``)
to refuse more with a message naming the field, and a database constraint, so that no other path
stores more. Long enough for the longest passage of a real report; short enough that no one field can
make a page or the PDF slow for everyone.
"""

from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual

REPORT_PROSE = 20_000  # a judgment's rationale, a summary of findings
REPORT_SECTION = 60_000  # a report section's narrative (the reference's longest is ~25,000)
EVIDENCE = 10_000  # an evidence note: what was seen or heard
CONCERN = 10_000  # a cause of concern
STATEMENT = 4_000  # an area for improvement, a recommendation, a note on a previous finding
REASON = 2_000  # why content was reopened or rejected (kept in the history)


def at_most(field: str, limit: int, *, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=LessThanOrEqual(Length(field), limit), name=name)
