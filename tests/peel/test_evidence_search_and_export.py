"""Evidence notes are searchable by their words (PostgreSQL full-text search, stemmed and ranked; every
word as a substring on SQLite) together with the other filters, and the filtered notes download as XLSX
and CSV."""

import csv
import io

import openpyxl
import pytest
from django.db import connection
from django.urls import reverse

from peel.models import EvidenceNote
from peel.selectors.evidence import evidence_notes_for, evidence_notes_matching
from tests.factories.inspections import EvidenceNoteFactory, inspection_with_drafts
from tests.forms_in_html import form_with

pytestmark = pytest.mark.django_db

TEXTS = [
    "Safeguarding referrals for children were made within a day.",
    "The MARAC referral was late and the IDVA was not told.",
    "Neighbourhood officers know their communities well.",
    "Children at risk were safeguarded by the early help team.",
]

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search is PostgreSQL's"
)


@pytest.fixture
def notes():
    inspection = inspection_with_drafts()
    return inspection, [EvidenceNoteFactory(inspection=inspection, text=text) for text in TEXTS]


def matching(inspection, words: str) -> list[str]:
    return [note.text for note in evidence_notes_matching(evidence_notes_for(inspection=inspection), words)]


def test_every_word_must_appear(notes):
    inspection, _ = notes

    assert set(matching(inspection, "referral children")) == {TEXTS[0]}
    assert set(matching(inspection, "MARAC")) == {TEXTS[1]}
    assert matching(inspection, "burglary") == []


def test_no_words_filters_nothing(notes):
    inspection, _ = notes

    assert len(matching(inspection, "   ")) == len(TEXTS)


@on_postgresql
def test_on_postgresql_words_are_stemmed_and_the_best_match_comes_first(notes):
    inspection, _ = notes

    found = matching(inspection, "safeguard children")

    assert set(found) == {TEXTS[0], TEXTS[3]}  # "safeguarding", "safeguarded"


@on_postgresql
def test_on_postgresql_a_phrase_or_and_an_excluded_word_work_as_in_a_search_box(notes):
    inspection, _ = notes

    assert set(matching(inspection, '"early help"')) == {TEXTS[3]}
    assert set(matching(inspection, "MARAC or neighbourhood")) == {TEXTS[1], TEXTS[2]}
    assert set(matching(inspection, "children -marac")) == {TEXTS[0], TEXTS[3]}


@on_postgresql
def test_on_postgresql_the_search_has_its_index():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'evidence_note_text_search'")
        (definition,) = cursor.fetchone()
    assert "gin" in definition and "to_tsvector('english'" in definition


def test_the_list_searches_from_its_rendered_filter_form(client, notes):
    inspection, _ = notes
    client.force_login(inspection.lead)
    url = reverse("peel:evidence_list", kwargs={"pk": inspection.pk})
    form = form_with(client.get(url).content, "text")

    page = client.get(url, form.submission(text="IDVA"))

    shown = [note.text for note in page.context["page"].object_list]
    assert shown == [TEXTS[1]]
    assert "1 note." in page.content.decode()


def test_the_filtered_notes_download_as_xlsx_with_names_labels_and_real_dates(client, notes):
    inspection, _ = notes
    client.force_login(inspection.lead)
    listed = client.get(reverse("peel:evidence_list", kwargs={"pk": inspection.pk}), {"text": "children"})
    link = reverse("peel:evidence_export_xlsx", kwargs={"pk": inspection.pk}) + "?text=children"
    assert link in listed.content.decode().replace("&amp;", "&")

    response = client.get(link)

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Question", "Direction", "Source", "Date", "Author", "Proposed AFI", "Note")
    assert {row[6] for row in rows[1:]} == {TEXTS[0], TEXTS[3]}
    note = EvidenceNote.objects.get(text=TEXTS[0])
    first = next(row for row in rows[1:] if row[6] == TEXTS[0])
    assert first[3].date() == note.observed_on  # a real date, not text
    assert first[4] == (note.author.get_full_name() or note.author.username)
    assert first[1] == note.get_direction_display()
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref


def test_the_csv_carries_codes_and_neutralises_formulae(client, notes):
    inspection, _ = notes
    EvidenceNoteFactory(inspection=inspection, text='=HYPERLINK("http://example.com")')
    client.force_login(inspection.lead)

    response = client.get(reverse("peel:evidence_export_csv", kwargs={"pk": inspection.pk}))

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["question", "direction", "source", "date", "author", "proposed_afi", "note"]
    assert len(rows) == len(TEXTS) + 2
    assert '\'=HYPERLINK("http://example.com")' in [row[6] for row in rows]


def test_the_export_reads_a_fixed_number_of_queries(client, notes, django_assert_max_num_queries):
    inspection, _ = notes
    client.force_login(inspection.lead)
    url = reverse("peel:evidence_export_xlsx", kwargs={"pk": inspection.pk})
    client.get(url)
    for n in range(20):
        EvidenceNoteFactory(inspection=inspection, text=f"More evidence {n}.")

    with django_assert_max_num_queries(12):
        client.get(url)
