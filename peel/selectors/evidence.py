"""Reads of evidence notes (their counts are in the overview's one query, selectors/inspections.py)."""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import QuerySet

from peel.models import EvidenceNote, Inspection

SEARCH_CONFIG = "english"


def evidence_notes_for(*, inspection: Inspection) -> QuerySet[EvidenceNote]:
    return EvidenceNote.objects.filter(inspection=inspection).select_related("question", "author")


def evidence_notes_matching(notes: QuerySet[EvidenceNote], words: str) -> QuerySet[EvidenceNote]:
    """The notes whose text matches ``words``.

    On PostgreSQL: full-text search in English (stemmed: "safeguard" finds "safeguarding"; quoted
    phrases, ``or`` and ``-word`` as a web search box takes them), best match first, served by the GIN
    index on the notes' text (peel migration ``evidence_note_text_search``). Elsewhere (the embedded
    SQLite default): every word must appear, in any case, oldest note first as the list is."""
    words = words.strip()
    if not words:
        return notes
    if connection.vendor == "postgresql":
        query = SearchQuery(words, config=SEARCH_CONFIG, search_type="websearch")
        vector = SearchVector("text", config=SEARCH_CONFIG)
        return (
            notes.annotate(search=vector)
            .filter(search=query)
            .annotate(rank=SearchRank(vector, query))
            .order_by("-rank", "observed_on", "pk")
        )
    for word in words.split():
        notes = notes.filter(text__icontains=word.strip('"'))
    return notes
