"""Admin pages read a fixed number of queries however much data there is: an AFI's history and each of
its historical versions, the inspection change page and the read-only content pages. Each is measured
with one inspection, then again with other forces' inspections, evidence and users added."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from peel.services.approval import approvable_update
from tests.factories.inspections import EvidenceNoteFactory, inspection_with_drafts, sub_question
from tests.factories.users import admin, inspector


def _pages(cast) -> dict[str, str]:
    afi = cast.afi
    first_version = afi.history.order_by("history_id").first()
    return {
        "AFI history": f"/admin/peel/areaforimprovement/{afi.pk}/history/",
        "an AFI's historical version": f"/admin/peel/areaforimprovement/{afi.pk}/history/{first_version.pk}/",
        "AFI": f"/admin/peel/areaforimprovement/{afi.pk}/change/",
        "inspection": f"/admin/peel/inspection/{cast.inspection.pk}/change/",
        "evidence note": f"/admin/peel/evidencenote/{cast.note.pk}/change/",
        "judgment history": f"/admin/peel/judgment/{cast.judgment.pk}/history/",
    }


def _queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200, path
    return len(captured)


def _more_of_everything(cast) -> None:
    for slug in ("north-yorkshire", "northumbria", "humberside"):
        other = inspection_with_drafts(force_slug=slug, team=[inspector() for _ in range(3)])
        for member in other.team.all():
            for code in ("1.1", "2.1", "3.1"):
                EvidenceNoteFactory(inspection=other, author=member, question=sub_question(other, code))
    for n in range(3):  # the AFI's own history grows too, within one page of it
        approvable_update(item=cast.afi, user=cast.lead, changes={"text": f"The force should ensure {n}."})


@pytest.mark.parametrize(
    "page",
    [
        "AFI history",
        "an AFI's historical version",
        "AFI",
        "inspection",
        "evidence note",
        "judgment history",
    ],
)
def test_the_admin_page_reads_as_many_queries_with_more_data(client, cast, page):
    client.force_login(admin())
    path = _pages(cast)[page]
    _queries(client, path)  # the first request also caches content types
    few = _queries(client, path)

    _more_of_everything(cast)

    assert _queries(client, path) == few
    assert few <= 20
