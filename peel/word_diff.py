"""The word-by-word difference between two versions of a text, as the section history and the
programme compare page show it: the new text with the words taken out struck through (``<del>``) and
the words put in marked (``<ins>``). It lives in ``peel`` so every app that shows two versions of a text
can use the same one."""

import difflib
import re
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

WORDS = re.compile(r"\s+|\w+|[^\w\s]")  # spaces, words, and each punctuation mark

MARKUP = {"same": "{}", "removed": "<del>{}</del>", "added": "<ins>{}</ins>"}


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


def difference_html(pieces: list[Piece]) -> SafeString:
    """The pieces as HTML, their text escaped, spaces and line breaks kept as they were."""
    return format_html_join("", "{}", ((format_html(MARKUP[piece.kind], piece.text),) for piece in pieces))
