"""The lead redraws the sample while an inspector saves the first review of a drawn file, at the same
moment, on PostgreSQL: one of them wins and the other is refused with a message; the lead never gets a
500, and no review is left on a file that is no longer in the sample."""

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from reviews.models import CaseFile, Review, ReviewKind, SampleDraw
from reviews.services.refusals import Refused
from reviews.services.reviewing import review_save
from tests.factories.reviews import complete_input, drawn_inspection
from tests.forms_in_html import form_with
from tests.reliability.racing import all_at_once

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        "sqlite" in settings.DATABASES["default"]["ENGINE"],
        reason="SQLite serialises every write, so the redraw and the save never truly race.",
    ),
]

RACES = 4


def _race():
    inspection = drawn_inspection(per_stratum=3)
    case_file = inspection.case_files.filter(reviewer__isnull=False).order_by("pk").first()
    lead = Client()
    lead.force_login(inspection.lead)
    url = reverse("reviews:draw", kwargs={"pk": inspection.pk})
    redraw = form_with(lead.get(url).content, "redraw").submission(redraw="on", seed="7")
    draw_before = SampleDraw.objects.get(inspection=inspection).pk

    def step(index: int):
        if index == 0:
            try:
                review_save(
                    inspection=inspection,
                    case_file_id=case_file.pk,
                    kind=ReviewKind.FIRST,
                    user=case_file.reviewer,
                    expected_version=0,
                    data=complete_input(case_file),
                )
            except Refused as refusal:
                return ("refused", refusal.message)
            return ("saved", "")
        response = lead.post(url, redraw)
        said = [str(message) for message in get_messages(response.wsgi_request)]
        return (response.status_code, response.content.decode(), said)

    saving, drawing = all_at_once(2, step)
    return inspection, draw_before, saving, drawing


def test_a_redraw_racing_a_first_review_save_refuses_one_of_them_with_a_message():
    for _ in range(RACES):
        inspection, draw_before, saving, drawing = _race()

        assert not isinstance(drawing, Exception), drawing
        assert not isinstance(saving, Exception), saving
        redrawn = SampleDraw.objects.get(inspection=inspection).pk != draw_before
        if saving[0] == "saved":
            assert not redrawn
            assert drawing[0] == 200
            assert "Reviews have started" in drawing[1]
        else:
            assert redrawn
            assert "not in the sample" in saving[1]
        orphans = Review.objects.filter(case_file__inspection=inspection).exclude(
            case_file__in=CaseFile.objects.filter(inspection=inspection)
        )
        assert not orphans.exists()
