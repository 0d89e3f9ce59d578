"""A question's words are filled in for the force wherever they are shown: "{force_area}" never reaches a
user (the evidence list's filter, the evidence-note form, the framework page, the report)."""

import re

from tests.factories.inspections import EvidenceNoteFactory

CLEVELAND_1_1 = "1.1 How much crime and anti-social behaviour is there in Cleveland?"


def _options(html: str) -> list[str]:
    return [re.sub(r"\s+", " ", text).strip() for text in re.findall(r"<option[^>]*>([^<]*)</option>", html)]


def test_the_evidence_filter_and_the_note_forms_name_the_force_area(client, cast):
    client.force_login(cast.inspector)
    note = EvidenceNoteFactory(inspection=cast.inspection, author=cast.inspector)
    base = f"/inspections/{cast.inspection.pk}"

    for path in (f"{base}/evidence/", f"{base}/evidence/new/", f"{base}/evidence/{note.pk}/edit/"):
        html = client.get(path).content.decode()
        assert "{force_area}" not in html, path
        assert any(option.startswith(CLEVELAND_1_1.split("?")[0]) for option in _options(html)), path


def test_the_framework_page_names_the_force_area(client, cast):
    client.force_login(cast.lead)

    html = client.get(f"/inspections/{cast.inspection.pk}/framework/").content.decode()

    assert "{force_area}" not in html
    assert "How much crime and anti-social behaviour is there in Cleveland?" in html
