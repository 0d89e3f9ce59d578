"""The demo's narrative files carry the reference report's whole text: every sentence of its narrative
and footnotes (what peel does not generate itself), every footnote once, every figure placed once, and
nothing the markup refuses. Read from the files alone, without the database."""

import re
from collections import Counter
from pathlib import Path

import pytest

from demo.report_sections import CLEVELAND_2016_CONTENT, PROGRAMME_TEXTS, content_files
from peel.markup import markup_problems
from tests.demo.reference_text import (
    FIGURE_NUMBERS,
    SUPERSCRIPTS,
    missing,
    reference_lines,
    reference_sentences,
    superscript,
)

PROGRAMME_2016 = PROGRAMME_TEXTS / "peel-effectiveness-2016"
SECTION_KEYS = {
    "introduction",
    *(f"q-{core}" for core in "12345"),
    *("q-1.1", "q-1.2", "q-1.3", "q-2.1", "q-2.2", "q-2.3", "q-2.4", "q-3.1", "q-3.2", "q-3.3"),
    *("q-4.1", "q-4.2", "q-4.3", "q-5.1", "q-5.2"),
}


def all_files() -> dict[Path, str]:
    return {
        directory / f"{key}.md": body
        for directory in (CLEVELAND_2016_CONTENT, PROGRAMME_2016)
        for key, body in content_files(directory).items()
    }


def test_there_is_a_file_for_every_section_the_reference_writes_and_the_programme_texts():
    assert set(content_files(CLEVELAND_2016_CONTENT)) == SECTION_KEYS
    assert set(content_files(PROGRAMME_2016)) == {"introduction", "next-steps", "annex-a"}


def test_every_sentence_of_the_reference_narrative_and_footnotes_is_in_the_files():
    wanted = reference_sentences("narrative", "footnote")
    document = " ".join(all_files().values())

    assert len(wanted) > 900
    assert missing(wanted, document) == []


@pytest.mark.parametrize("path", sorted(all_files()), ids=lambda path: path.name)
def test_each_file_is_markup_the_editor_accepts(path):
    assert markup_problems(path.read_text(encoding="utf-8")) == []


def test_each_footnote_of_the_reference_is_written_once_and_called_once_in_its_section():
    written = Counter()
    for path, body in all_files().items():
        texts = re.findall(r"^\[\^(\d+)\]:", body, flags=re.MULTILINE)
        calls = re.findall(r"\[\^(\d+)\](?!:)", body)
        assert sorted(texts) == sorted(calls), path.name
        assert len(calls) == len(set(calls)), path.name
        written.update(int(number) for number in texts)
    narrative_footnotes = {line.footnote for line in reference_lines() if line.kind == "footnote"}

    assert set(written) == narrative_footnotes
    assert len(narrative_footnotes) == 39  # of 40: the overview's "Overall judgment²" is peel's
    assert set(written.values()) == {1}


def test_each_of_the_ten_figures_is_placed_once_and_cited_by_its_key():
    bodies = " ".join(all_files().values())
    placed = Counter(re.findall(r"^\{\{figure:([^}]+)\}\}(?:\[\^\d+\])*$", bodies, flags=re.MULTILINE))
    cited = set(re.findall(r"\{\{figure-ref:([^}]+)\}\}", bodies))

    assert placed == dict.fromkeys(FIGURE_NUMBERS, 1)
    assert cited <= set(FIGURE_NUMBERS)
    assert not re.search(r"\b[Ff]igure \d+\b(?!:)", " ".join(content_files(CLEVELAND_2016_CONTENT).values()))


def test_the_footnotes_of_a_figures_caption_are_called_on_the_figures_line_as_the_reference_calls_them():
    keys = {number: key for key, number in FIGURE_NUMBERS.items()}
    wanted = {}
    for line in reference_lines():
        caption = re.match(rf"^Figure (\d+): .*?(?:\^\{{([\d,]+)\}}|([{SUPERSCRIPTS}]+))$", line.text)
        if line.kind == "figure" and caption:
            labels = caption.group(2).split(",") if caption.group(2) else [str(superscript(caption.group(3)))]
            wanted[keys[int(caption.group(1))]] = [f"[^{label}]" for label in labels]
    bodies = " ".join(all_files().values())
    called = {
        key: re.findall(r"\[\^\d+\]", calls)
        for key, calls in re.findall(r"^\{\{figure:([^}]+)\}\}((?:\[\^\d+\])+)$", bodies, flags=re.MULTILINE)
    }

    assert len(wanted) == 6  # figures 4 to 9
    assert called == wanted


def test_the_sub_headings_are_the_references_own():
    reference = {line.text for line in reference_lines()}
    headings = [
        heading
        for body in all_files().values()
        for heading in re.findall(r"^#{3,4} (.+)$", body, flags=re.MULTILINE)
    ]

    assert "Has the force improved since HMIC's 2015 vulnerability inspection?" in headings
    assert [heading for heading in headings if heading not in reference] == []
    assert len(headings) == 41  # 16 in the narrative, 1 in the introduction, 3 + 21 in Annex A
