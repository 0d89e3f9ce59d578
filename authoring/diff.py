"""A readable difference between two versions of a section: word by word, as the history page shows it
with ``<del>`` and ``<ins>``."""

import difflib
import re
from dataclasses import dataclass

WORDS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Piece:
    kind: str  # "same", "removed" or "added"
    text: str


def words_difference(old: str, new: str) -> list[Piece]:
    """The pieces that turn ``old`` into ``new``: words and the spaces between them, so line breaks and
    paragraphs survive; a changed passage is shown removed, then added."""
    before, after = WORDS.findall(old), WORDS.findall(new)
    pieces = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for operation, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        if operation == "equal":
            pieces.append(Piece("same", "".join(before[a_start:a_end])))
            continue
        if a_end > a_start:
            pieces.append(Piece("removed", "".join(before[a_start:a_end])))
        if b_end > b_start:
            pieces.append(Piece("added", "".join(after[b_start:b_end])))
    return pieces


def changed_words(pieces: list[Piece]) -> tuple[int, int]:
    """How many words were removed and added."""
    removed = sum(len(p.text.split()) for p in pieces if p.kind == "removed")
    added = sum(len(p.text.split()) for p in pieces if p.kind == "added")
    return removed, added
