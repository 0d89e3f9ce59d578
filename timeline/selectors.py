"""Reads of the timeline: each inspection's milestones with their dates and whether each is done, worked
out from the work itself, for any number of inspections in a fixed number of queries."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from peel.models import Inspection, InspectionStatus
from peel.selectors.inspections import inspections_visible_to
from timeline.models import CalendarToken, Milestone, MilestoneKind
from timeline.progress import InspectionProgress, progress_of

# The stages after fieldwork, and after moderation: an inspection at one of them has finished that stage's
# work. The stage is the one record of it: the reviews move it on (``reviews.services.stages``: every
# wanted review submitted, then every one accepted) and the lead can move it by hand; the timeline reads it
# rather than judging the reviews by a rule of its own.
PAST_MODERATION = {InspectionStatus.JUDGMENTS, InspectionStatus.PUBLISHED}
PAST_FIELDWORK = {InspectionStatus.MODERATION, *PAST_MODERATION}
# How near a due date must be for the milestone to count as coming up (the deadline emails, the tags).
SOON_DAYS = 3


def today() -> datetime.date:
    return timezone.localdate()


@dataclass(frozen=True)
class MilestoneRow:
    """One milestone of one inspection as the pages, the feed and the emails show it."""

    inspection_id: int
    kind: MilestoneKind
    due: datetime.date | None  # fieldwork: its last day
    complete: bool
    today: datetime.date
    start: datetime.date | None = None  # fieldwork only: its first day

    @property
    def label(self) -> str:
        return self.kind.label

    @property
    def days_left(self) -> int | None:
        return None if self.due is None else (self.due - self.today).days

    @property
    def is_overdue(self) -> bool:
        return not self.complete and self.due is not None and self.due < self.today

    @property
    def is_soon(self) -> bool:
        """Not done, and due today or within ``SOON_DAYS`` days."""
        return not self.complete and self.due is not None and 0 <= self.days_left <= SOON_DAYS

    @property
    def status_text(self) -> str:
        if self.complete:
            return "Completed"
        if self.due is None:
            return "No date set"
        days = self.days_left
        if days < 0:
            return f"Overdue by {-days} day{'s' if days != -1 else ''}"
        if days == 0:
            return "Due today"
        return f"Due in {days} day{'s' if days != 1 else ''}"

    @property
    def tag(self) -> str:
        """The tag's colour, as GOV.UK's tags (a pale ground, dark text): green done, red overdue, yellow
        coming up, blue later, grey undated."""
        if self.complete:
            return "success"
        if self.due is None:
            return "secondary"
        if self.is_overdue:
            return "danger"
        return "warning" if self.is_soon else "primary"


@dataclass(frozen=True)
class Timeline:
    inspection: Inspection
    rows: list[MilestoneRow]
    version: str  # what the dates form carries back (``timeline_version``)

    @property
    def overdue(self) -> list[MilestoneRow]:
        return [row for row in self.rows if row.is_overdue]


def timeline_version(inspection: Inspection, milestones: Iterable[Milestone]) -> str:
    """The dates form's version: the latest save of the inspection (which holds fieldwork's dates) or of
    any of its milestones, so a save by anyone since the form was opened moves it."""
    return max([inspection.updated_at, *(m.updated_at for m in milestones)]).isoformat()


def completion_of(inspection_ids: Iterable[int]) -> dict[int, dict[MilestoneKind, bool]]:
    """Which milestones each inspection has done, read from its progress (``timeline.progress``, which
    the task list reads too): one query however many."""
    return {pk: _completion(progress) for pk, progress in progress_of(inspection_ids).items()}


def _completion(progress: InspectionProgress) -> dict[MilestoneKind, bool]:
    return {
        MilestoneKind.DATA_REQUEST: progress.imported,
        MilestoneKind.SAMPLE_DUE: progress.drawn,
        MilestoneKind.FIELDWORK: progress.status in PAST_FIELDWORK,
        MilestoneKind.MODERATION: progress.status in PAST_MODERATION,
        MilestoneKind.FA_CHECK: progress.accuracy_checked,
        MilestoneKind.SIGN_OFF: progress.signed_off,
        MilestoneKind.PUBLICATION: progress.published,
    }


def timelines_for(
    *, inspections: Iterable[Inspection], on: datetime.date | None = None
) -> dict[int, Timeline]:
    """Each inspection's timeline, by its id: two queries, however many inspections."""
    inspections = list(inspections)
    on = on or today()
    ids = [inspection.pk for inspection in inspections]
    stored: dict[int, dict[str, Milestone]] = {pk: {} for pk in ids}
    for milestone in Milestone.objects.filter(inspection_id__in=ids):
        stored[milestone.inspection_id][milestone.kind] = milestone
    done = completion_of(ids)
    return {
        inspection.pk: Timeline(
            inspection=inspection,
            rows=_rows(inspection, stored[inspection.pk], done.get(inspection.pk, {}), on),
            version=timeline_version(inspection, stored[inspection.pk].values()),
        )
        for inspection in inspections
    }


def _rows(inspection, stored: dict[str, Milestone], done: dict, on: datetime.date) -> list[MilestoneRow]:
    rows = []
    for kind in MilestoneKind:
        if kind == MilestoneKind.FIELDWORK:
            due, start = inspection.fieldwork_end, inspection.fieldwork_start
        else:
            milestone = stored.get(kind)
            due, start = (milestone.due_date if milestone else None), None
        rows.append(
            MilestoneRow(
                inspection_id=inspection.pk,
                kind=kind,
                due=due,
                start=start,
                complete=bool(done.get(kind)),
                today=on,
            )
        )
    return rows


def timeline_of(*, inspection: Inspection, on: datetime.date | None = None) -> Timeline:
    return timelines_for(inspections=[inspection], on=on)[inspection.pk]


def timelines_visible_to(*, user, on: datetime.date | None = None) -> list[Timeline]:
    """The timeline of every inspection the user can see, for their calendar feed and their to-do list."""
    inspections = inspections_visible_to(user=user).order_by("pk")
    return list(timelines_for(inspections=inspections, on=on).values())


def overdue_for(*, user, on: datetime.date | None = None) -> list[tuple[Inspection, MilestoneRow]]:
    """Every overdue milestone of the inspections the user can see, most overdue first (the to-do list)."""
    found = [(t.inspection, row) for t in timelines_visible_to(user=user, on=on) for row in t.overdue]
    return sorted(found, key=lambda pair: (pair[1].due, pair[0].pk))


def timelines_to_remind(*, on: datetime.date) -> list[Timeline]:
    """The timelines of unpublished inspections with a lead and a date that is overdue or coming up: the
    deadline emails' candidates (the rows still to be checked for completion)."""
    horizon = on + datetime.timedelta(days=SOON_DAYS)
    dated = Milestone.objects.filter(inspection_id=OuterRef("pk"), due_date__lte=horizon)
    inspections = (
        Inspection.objects.exclude(status=InspectionStatus.PUBLISHED)
        .filter(lead__isnull=False, lead__is_active=True)
        .filter(Exists(dated) | Q(fieldwork_end__lte=horizon))
        .select_related("force", "programme", "lead")
        .order_by("pk")
    )
    return list(timelines_for(inspections=inspections, on=on).values())


def calendar_token_of(*, user) -> CalendarToken | None:
    return CalendarToken.objects.filter(user=user).first()


def calendar_owner(*, token: str):
    """The active user whose calendar link this is, or None: the key finds the row, the secret is
    compared in constant time."""
    key, secret = token[: CalendarToken.KEY_LENGTH], token[CalendarToken.KEY_LENGTH :]
    if len(secret) != CalendarToken.SECRET_LENGTH:
        return None
    found = CalendarToken.objects.filter(key=key, user__is_active=True).select_related("user").first()
    if found is None or not found.secret_matches(secret):
        return None
    return found.user
