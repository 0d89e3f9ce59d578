"""Every date a form shows is rendered in ISO into ``<input type="date">``, so a browser submits it back:
saving a form unchanged keeps its dates, and a required date does not block the save."""

import datetime

from peel.forms.fields import DateInput
from peel.models import EvidenceNote, Inspection, Recommendation
from tests.forms_in_html import form_with


def test_inspection_settings_saved_unchanged_keep_the_fieldwork_dates(client, cast):
    Inspection.objects.filter(pk=cast.inspection.pk).update(
        fieldwork_start=datetime.date(2016, 9, 5), fieldwork_end=datetime.date(2016, 9, 16)
    )
    client.force_login(cast.lead)
    url = f"/inspections/{cast.inspection.pk}/settings/"
    form = form_with(client.get(url).content, "fieldwork_start")

    response = client.post(url, form.submission())

    assert response.status_code == 302
    inspection = Inspection.objects.get(pk=cast.inspection.pk)
    assert (inspection.fieldwork_start, inspection.fieldwork_end) == (
        datetime.date(2016, 9, 5),
        datetime.date(2016, 9, 16),
    )


def test_an_evidence_note_opened_and_saved_with_new_text_keeps_its_date(client, cast):
    EvidenceNote.objects.filter(pk=cast.note.pk).update(observed_on=datetime.date(2016, 9, 5))
    client.force_login(cast.inspector)
    url = f"/inspections/{cast.inspection.pk}/evidence/{cast.note.pk}/edit/"
    form = form_with(client.get(url).content, "observed_on")

    response = client.post(url, form.submission(text="Seen again in the control room."))

    assert response.status_code == 302, response.content.decode()[:3000]
    note = EvidenceNote.objects.get(pk=cast.note.pk)
    assert (note.text, note.observed_on) == ("Seen again in the control room.", datetime.date(2016, 9, 5))


def test_a_recommendation_opened_and_saved_with_new_text_keeps_its_due_date(client, cast):
    client.force_login(cast.lead)
    url = f"/inspections/{cast.inspection.pk}/recommendations/{cast.recommendation.pk}/"
    form = form_with(client.get(url).content, "due_date")

    response = client.post(url, form.submission("save", text="By 1 May 2017 produce an action plan."))

    assert response.status_code == 302, response.content.decode()[:3000]
    recommendation = Recommendation.objects.get(pk=cast.recommendation.pk)
    assert recommendation.due_date == datetime.date(2017, 5, 1)
    assert recommendation.text == "By 1 May 2017 produce an action plan."


def test_the_date_widget_renders_iso_whatever_the_language():
    html = DateInput().render("day", datetime.date(2016, 9, 5))

    assert 'type="date"' in html and 'value="2016-09-05"' in html
