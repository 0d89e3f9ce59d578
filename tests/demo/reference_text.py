"""The reference report's text (HMIC, *PEEL: Police effectiveness 2016 – An inspection of Cleveland
Police*, as extracted from its PDF: tests/demo/reference/cleveland_2016.txt), cut into what the demo's
authored sections must carry and what peel generates, for comparing with the demo's content and its
rendered report word for word.

Each line of the extraction is a paragraph, a heading, a list item or a footnote; a paragraph broken by
a page break is two lines (the footnotes of the page may come between). Comparisons are by sentence,
after normalising both sides to lower-case words (quotes, dashes, footnote numbers and markup dropped),
so a sentence split by a page break is two fragments, each of which must be found.
"""

import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

REFERENCE = Path(__file__).resolve().parent / "reference" / "cleveland_2016.txt"
# The framework's questions as the migration that creates PEEL 2016 holds them (peel/migrations/data).
MIGRATION_DATA = Path(__file__).resolve().parents[2] / "peel" / "migrations" / "data"
FRAMEWORK = MIGRATION_DATA / "peel_effectiveness_2016_framework.json"
FIXED_TITLES = {"Introduction", "Next steps", "Annex A – About the data"}

FIGURE_NUMBERS = {
    "crime-rates-five-years": 1,
    "crime-rates-12-months": 2,
    "asb-change-by-force": 3,
    "outcomes-by-type": 4,
    "victim-does-not-support-by-force": 5,
    "vulnerable-victim-share-by-force": 6,
    "domestic-abuse-arrest-rate-by-force": 7,
    "domestic-abuse-outcomes": 8,
    "ocgs-per-million-by-force": 9,
    "ocgs-by-crime-type": 10,
}

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_FOOTNOTE_LINE = re.compile(rf"^([{SUPERSCRIPTS}]+) (.*)$")
_CORE_QUESTION = re.compile(r"^How effective (is the force at|are the force's specialist)")
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+(?=[A-Z'‘“\"(])")


@dataclass(frozen=True)
class Line:
    # narrative; title (a section's heading, which peel writes from the framework); generated (peel writes
    # it from judgments, summaries and findings); figure (the figure's own caption and data); footnote
    kind: str
    text: str
    footnote: int | None = None


def superscript(digits: str) -> int:
    return int("".join(str(SUPERSCRIPTS.index(c)) for c in digits))


def section_titles() -> set[str]:
    """The headings peel gives the report's sections: the framework's questions, worded for Cleveland,
    and the fixed sections' names."""
    framework = json.loads(FRAMEWORK.read_text(encoding="utf-8"))
    titles = set(FIXED_TITLES)
    for core in framework["core"]:
        titles.add(core["text"])
        titles.update(sub["text"].replace("{force_area}", "Cleveland") for sub in core["sub"])
    return {title.replace("'", "’") for title in titles} | titles


def reference_lines() -> list[Line]:
    """The body of the reference (from its Introduction to the end of Annex A), each line classified."""
    raw = [line.replace("\u00a0", " ").strip() for line in REFERENCE.read_text(encoding="utf-8").split("\n")]
    start = raw.index("Introduction")  # the contents list it with its page number
    lines: list[Line] = []
    titles = section_titles()
    state = "narrative"
    in_annex = False
    for line in raw[start:]:
        if not line:
            continue
        footnote = _FOOTNOTE_LINE.match(line)
        if footnote:
            lines.append(Line("footnote", footnote.group(2), superscript(footnote.group(1))))
            continue
        if lines and lines[-1].kind == "footnote" and re.match(r"^<?(www\.|https?:)", line):
            last = lines.pop()
            lines.append(Line("footnote", f"{last.text} {line}", last.footnote))
            continue
        if line.startswith("Annex A"):
            in_annex, state = True, "narrative"
        elif line == "Force in numbers" and not in_annex:
            state = "skip"  # peel's Force in numbers: compared by its own tests, value by value
        elif line.startswith("Overview –") or line == "Summary of findings":
            state = "generated"
        elif (_CORE_QUESTION.match(line) and "\t" not in line) or line == "Next steps":
            state = "narrative"
        elif re.match(r"^Figure \d+: ", line) and not in_annex:
            lines.append(Line("figure", line))
            state = "figure"
            continue
        if state == "figure":
            lines.append(Line("figure", line))
            if line.startswith("For further information") or line.startswith("Note: Figures may not"):
                state = "narrative"
            continue
        if state == "narrative" and (line in titles or line.replace("’", "'") in titles):
            lines.append(Line("title", line))
        elif state != "skip":
            lines.append(Line(state, line))
    # A footnote called from what peel generates ("Overall judgment²") is peel's too.
    called_by_generated = {
        superscript(digits)
        for line in lines
        if line.kind == "generated"
        for digits in re.findall(rf"[{SUPERSCRIPTS}]+", line.text)
    }
    return [
        Line("generated", line.text, line.footnote) if line.footnote in called_by_generated else line
        for line in lines
    ]


# Where the extraction broke the text, as the demo's content repairs it (a hyphen lost at a line end).
CORRECTIONS = {"code-of-practicevictims-of-crime.pdf": "code-of-practice-victims-of-crime.pdf"}


def corrected(text: str) -> str:
    for broken, repaired in CORRECTIONS.items():
        text = text.replace(broken, repaired)
    return text


def normalised(text: str) -> str:
    """Lower-case words and numbers only, one space apart: what two renderings of a text share."""
    text = re.sub(
        r"\{\{figure-ref:([^}]+)\}\}", lambda m: f"figure {FIGURE_NUMBERS.get(m.group(1), '')}", text
    )
    text = re.sub(r"\{\{figure:[^}]+\}\}", " ", text)
    text = re.sub(r"\[\^\d+\]:?", " ", text)
    text = re.sub(rf"\^\{{[\d,]+\}}|[{SUPERSCRIPTS}]+", " ", text)
    text = text.replace("’", "'").replace("‘", "'")
    return " ".join(re.findall(r"[a-z0-9£]+", text.lower()))


def sentences(text: str) -> list[str]:
    return [normalised(part) for part in _SENTENCE_END.split(text) if normalised(part)]


def reference_sentences(*kinds: str) -> list[str]:
    """The normalised sentences of the reference's lines of the given kinds, in order, once each."""
    found = []
    for line in reference_lines():
        if line.kind in kinds:
            found += sentences(corrected(line.text))
    return list(dict.fromkeys(found))


def missing(sentences_wanted: list[str], document: str) -> list[str]:
    """The wanted sentences the normalised document does not contain."""
    text = normalised(document)
    return [sentence for sentence in sentences_wanted if sentence not in text]


class _ReportText(HTMLParser):
    """The words a reader reads in the report's HTML: without footnote calls (the superscript numbers)
    and without the copy of each footnote printed in place for the PDF (the HTML lists them)."""

    SKIPPED = {"script", "style", "sup"}
    VOID = {"br", "hr", "img", "input", "link", "meta", "wbr", "col", "source"}

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.skipping: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        classes = (dict(attrs).get("class") or "").split()
        if self.skipping or tag in self.SKIPPED or "footnote-print" in classes:
            self.skipping.append(tag)
        elif tag in {"p", "li", "h1", "h2", "h3", "h4", "td", "th", "caption", "figcaption", "dt", "dd"}:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def report_text(html: str) -> str:
    parser = _ReportText()
    parser.feed(html)
    return " ".join(parser.parts)


def misses_in_report(wanted: list[str], rendered_html: str) -> list[str]:
    """The wanted sentences the report's HTML lacks, leaving out those that cite a figure the report
    shows visibly unresolved ("[figure-ref KEY not found]"): they say "Figure N" once the programme's
    figures resolve, and the content files are checked for them word for word."""
    unresolved = {
        number for key, number in FIGURE_NUMBERS.items() if f"[figure-ref {key} not found]" in rendered_html
    }
    return [
        sentence
        for sentence in missing(wanted, report_text(rendered_html))
        if not any(re.search(rf"\bfigure {number}\b", sentence) for number in unresolved)
    ]
