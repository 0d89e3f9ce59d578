"""The version an API client sends back to change or delete an evidence note.

Evidence notes carry no version column in this tree, so their version is the time of their last save
(``updated_at``, as the approval flow's forms use for judgments and findings), written as microseconds
since 1970 so that it travels in a query string as it is. When the note gains its own ``version``
field, ``evidence_note_version`` returns it and ``evidence_note_current`` compares it: these two
functions are the only places that know what a note's version is.
"""

import datetime

from django.db import transaction

from api.errors import Conflict
from peel.models import EvidenceNote

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def evidence_note_version(note: EvidenceNote) -> str:
    return str((note.updated_at - EPOCH) // datetime.timedelta(microseconds=1))


def evidence_note_current(*, note_id: int, version: str) -> EvidenceNote:
    """Lock the note and check that the client read its current version; call inside ``atomic()`` so
    the lock holds until the service has written (the service locks the same row again)."""
    assert transaction.get_connection().in_atomic_block, "hold the lock until the write"
    locked = EvidenceNote.objects.select_for_update().get(pk=note_id)
    if evidence_note_version(locked) != version:
        raise Conflict(
            "Someone changed this evidence note after you read it, so your change was not made. Read it "
            "again and send its current version.",
            current_version=evidence_note_version(locked),
        )
    return locked
