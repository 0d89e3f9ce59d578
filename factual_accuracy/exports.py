"""The factual accuracy log as a spreadsheet (CSV and XLSX): one row per comment, every round, with who
commented and who answered by name, and dates as dates."""

from django.utils import timezone

from factual_accuracy.models import AccuracyComment
from peel.models import Inspection
from peel.spreadsheets import csv_bytes, xlsx_bytes

HEADER = (
    "Round",
    "Section",
    "Commented by",
    "Commented on",
    "Passage",
    "Comment",
    "Proposed correction",
    "State",
    "Answer",
    "Reason",
    "Answered by",
    "Answered on",
)
DATE_COLUMNS = ("Commented on", "Answered on")


def _name(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


def _day(moment):
    return timezone.localtime(moment).date() if moment else None


def log_rows(comments) -> list[list]:
    return [
        [
            comment.accuracy_check.round,
            comment.section_title,
            _name(comment.author),
            _day(comment.created_at),
            comment.quoted_text,
            comment.text,
            comment.proposed_correction,
            "Withdrawn"
            if comment.is_withdrawn
            else ("Answered" if comment.is_answered else "Waiting for an answer"),
            comment.get_answer_display() if comment.is_answered else "",
            comment.reason,
            _name(comment.answered_by),
            _day(comment.answered_at),
        ]
        for comment in comments
    ]


def log_filename(*, inspection: Inspection, extension: str) -> str:
    return f"factual-accuracy-{inspection.force.slug}-{inspection.programme.slug}.{extension}"


def log_csv(comments: list[AccuracyComment]) -> bytes:
    rows = [
        [day.isoformat() if hasattr(day, "isoformat") else day for day in row] for row in log_rows(comments)
    ]
    return csv_bytes(HEADER, rows)


def log_xlsx(comments: list[AccuracyComment]) -> bytes:
    return xlsx_bytes(HEADER, log_rows(comments), sheet_title="Factual accuracy", date_columns=DATE_COLUMNS)
