"""The timeline's one form: every milestone's date, fieldwork's first and last day."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row, Submit

from peel.forms.approval import VersionedForm
from peel.forms.fields import DateField
from timeline.models import DATED_KINDS, MilestoneKind

HELP = {
    MilestoneKind.DATA_REQUEST: "The force's crime list is in (done once it is imported).",
    MilestoneKind.SAMPLE_DUE: "The file-review sample is drawn.",
    MilestoneKind.MODERATION: "Every review is accepted.",
    MilestoneKind.FA_CHECK: "Every factual accuracy check is closed.",
    MilestoneKind.SIGN_OFF: "The HM Inspector has signed the report off.",
    MilestoneKind.PUBLICATION: "The report is published.",
}


class TimelineForm(VersionedForm):
    fieldwork_start = DateField(label="Fieldwork: first day", required=False)
    fieldwork_end = DateField(
        label="Fieldwork: last day",
        required=False,
        help_text="Done once the inspection moves past fieldwork.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in DATED_KINDS:
            self.fields[kind] = DateField(label=f"{kind.label}: due", required=False, help_text=HELP[kind])
        self.helper = FormHelper()
        before, after = DATED_KINDS[:2], DATED_KINDS[2:]
        self.helper.layout = Layout(
            "version",
            *before,
            Row(Column("fieldwork_start"), Column("fieldwork_end")),
            *after,
            Submit("save", "Save dates"),
        )
        # The order the inspection meets them, fieldwork in its place.
        self.order_fields(["version", *before, "fieldwork_start", "fieldwork_end", *after])

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("fieldwork_start"), cleaned.get("fieldwork_end")
        if start and end and end < start:
            self.add_error(
                "fieldwork_end",
                f"{end:%d/%m/%Y} is before fieldwork's first day ({start:%d/%m/%Y}): the last day must "
                "be on or after the first.",
            )
        return cleaned

    @property
    def dates(self) -> dict:
        return {kind: self.cleaned_data.get(kind) for kind in DATED_KINDS}

    @staticmethod
    def initial_of(timeline) -> dict:
        initial = {row.kind: row.due for row in timeline.rows if row.kind in DATED_KINDS}
        fieldwork = next(row for row in timeline.rows if row.kind == MilestoneKind.FIELDWORK)
        return {
            **initial,
            "fieldwork_start": fieldwork.start,
            "fieldwork_end": fieldwork.due,
            "version": timeline.version,
        }
