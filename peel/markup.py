"""The report's narrative markup: a small, documented part of CommonMark (docs/report.md), rendered to
safe HTML for the page and the PDF alike.

What is allowed: paragraphs; sub-headings ``###`` and ``####`` only (the report's own headings are
levels 1 and 2 — ``markup_problems`` refuses the others, naming the line); bulleted and numbered lists,
nested; emphasis and strong; links to http(s) and mailto addresses only; simple tables; footnotes
``[^1]`` with their text on a line ``[^1]: ...``. Raw HTML is not markup: it is shown as typed. The HTML
made is cleaned once more by nh3 against an explicit allow-list, so nothing a user types can carry a
script, an event handler or a ``javascript:`` link.

References, resolved by a ``References`` the caller builds (the authoring app, from the inspection's
figures and file-review results):

- a line holding only ``{{figure:KEY}}`` places a figure, numbered in order of appearance through the
  whole report; footnote calls written straight after it (``{{figure:KEY}}[^11][^12]``) are its
  caption's, as HMIC footnotes a caption;
- ``{{figure-ref:KEY}}`` inline becomes "Figure N";
- ``{{result:CODE}}`` inline becomes the live file-review result of criterion CODE, e.g.
  "36 of 60 files (60%)".

Footnotes are numbered through the whole report too, in one sequence: one ``References`` carries the count
from part to part (the authoring app renders the programme's texts and the sections in report order;
``footnotes_counted`` counts a part shown as stored HTML). Each footnote is written twice: in the
section's list of footnotes (the HTML page) and inline where it is called, in a ``span.footnote-print``
the print stylesheet floats to the foot of the page that calls it (WeasyPrint's ``float: footnote``)
while hiding the list.
"""

import html
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

HEADING_LEVELS = ("h3", "h4")
LINK_SCHEMES = ("http://", "https://", "mailto:")
KEY = r"[A-Za-z0-9][A-Za-z0-9_.\-]*"
# A figure's line may end with footnote calls: they are its caption's ("Figure 4: ...¹¹ ¹²").
FIGURE_LINE = re.compile(rf"^\s*\{{\{{figure:({KEY})\}}\}}(?:\[\^[^\]\s]+\])*\s*$")
REFERENCE = re.compile(rf"\{{\{{(figure|figure-ref|result):({KEY})\}}\}}")
# The paragraph markdown-it makes of a figure's line. A footnote's text is inline markup, so the copy
# printed beside its call never holds a "</p>".
FIGURE_PARAGRAPH = re.compile(
    rf'<p>\{{\{{figure:({KEY})\}}\}}((?:<sup class="footnote-ref">.*?)?)</p>', re.DOTALL
)
FOOTNOTE_CALL = re.compile(r"\[\^([^\]\s]+)\](?!:)")
FOOTNOTE_TEXT = re.compile(r"^\s{0,3}\[\^([^\]\s]+)\]:", re.MULTILINE)

ALLOWED_TAGS = {
    "p", "br", "h3", "h4", "h5", "ul", "ol", "li", "em", "strong", "a", "sup", "span", "section", "hr",
    "blockquote", "code", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "id", "class", "aria-label"},
    "sup": {"class"},
    "span": {"class"},
    "li": {"id", "class"},
    "ol": {"start", "class"},
    "section": {"class"},
    "hr": {"class"},
    "th": {"style"},
    "td": {"style"},
}


@dataclass
class References:
    """What ``{{...}}`` references resolve to, and the numbering that runs through the report.

    ``results`` maps a criterion code to its result as written ("36 of 60 files (60%)"); ``figures``
    maps a figure key to its title; ``figure_html(key, number, calls)`` returns the placed figure's trusted
    HTML (the figures app's rendering), ``calls`` being the cleaned HTML of the footnote calls written after
    it on its line, for the end of its caption. One instance renders a whole report's parts in order, so
    figures and footnotes are numbered across it."""

    results: Mapping[str, str] = field(default_factory=dict)
    figures: Mapping[str, str] = field(default_factory=dict)
    figure_html: Callable[[str, int, str], str] | None = None
    figure_numbers: dict[str, int] = field(default_factory=dict)
    footnotes: int = 0  # footnotes numbered so far

    def figures_number(self, sources: Iterable[str]) -> None:
        """Number the figures the sources place, in order, before rendering any of them, so a
        ``{{figure-ref:KEY}}`` written before its figure still says the right number."""
        for source in sources:
            for line in source.splitlines():
                match = FIGURE_LINE.match(line)
                if match:
                    self.figure_number(match.group(1))

    def figure_number(self, key: str) -> int:
        if key not in self.figure_numbers:
            self.figure_numbers[key] = len(self.figure_numbers) + 1
        return self.figure_numbers[key]


def _link_allowed(url: str) -> bool:
    return url.strip().lower().startswith(LINK_SCHEMES)


def _number(tokens, idx, env) -> int:
    return env.get("footnote_offset", 0) + tokens[idx].meta["id"] + 1


def _footnote_ref(self, tokens, idx, options, env) -> str:
    number = _number(tokens, idx, env)
    first = tokens[idx].meta.get("subId", 0) == 0
    call = f'<sup class="footnote-ref"><a href="#fn{number}" id="fnref{number}">{number}</a></sup>'
    if idx and tokens[idx - 1].type == "footnote_ref":
        call = '<sup class="footnote-sep">,</sup>' + call  # "¹¹,¹²" as HMIC prints two calls, not "¹¹¹²"
    printed = env.get("footnote_inline", {}).get(tokens[idx].meta["id"], "")
    return call + (f'<span class="footnote-print">{printed}</span>' if first and printed else "")


def _footnote_block_open(self, tokens, idx, options, env) -> str:
    start = env.get("footnote_offset", 0) + 1
    return f'<section class="footnotes"><ol class="footnotes-list" start="{start}">\n'


def _footnote_open(self, tokens, idx, options, env) -> str:
    return f'<li id="fn{_number(tokens, idx, env)}" class="footnote-item">'


def _footnote_anchor(self, tokens, idx, options, env) -> str:
    number = _number(tokens, idx, env)
    return (
        f' <a href="#fnref{number}" class="footnote-backref" aria-label="Back to the text of footnote '
        f'{number}">\u21a9\ufe0e</a>'
    )


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    md.disable("image")  # figures are placed by reference, never fetched from an address
    md.use(footnote_plugin, inline=False)
    md.validateLink = _link_allowed
    md.add_render_rule("footnote_ref", _footnote_ref)
    md.add_render_rule("footnote_block_open", _footnote_block_open)
    md.add_render_rule("footnote_open", _footnote_open)
    md.add_render_rule("footnote_anchor", _footnote_anchor)
    return md


MD = _parser()


def _footnote_texts(tokens) -> dict[int, str]:
    """Each footnote's text as inline HTML, for the copy printed at the page foot."""
    texts: dict[int, list[str]] = {}
    current = None
    for token in tokens:
        if token.type == "footnote_open":
            current = token.meta["id"]
        elif token.type == "footnote_close":
            current = None
        elif current is not None and token.type == "inline":
            texts.setdefault(current, []).append(MD.renderer.renderInline(token.children, MD.options, {}))
    return {key: " ".join(parts) for key, parts in texts.items()}


def _sanitised(rendered: str) -> str:
    return nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        filter_style_properties={"text-align"},
        link_rel="noopener noreferrer",
    )


def _references_resolved(cleaned: str, references: References | None) -> str:
    """Replace the reference tokens in cleaned HTML by what they stand for. Only trusted HTML (a figure
    the figures app drew) or escaped text goes in; an unresolvable reference stays visibly marked (the
    form refuses to save one, so only a reference whose target went away since shows like this)."""

    def placed(match: re.Match) -> str:
        key, calls = match.group(1), match.group(2)  # calls: the caption's footnote calls, cleaned, or ""
        if references is None or references.figure_html is None or key not in references.figures:
            missing = f'<span class="unresolved-reference">[figure {html.escape(key)} not found]</span>'
            return f"<p>{missing}{calls}</p>"
        return references.figure_html(key, references.figure_number(key), calls)

    def inline(match: re.Match) -> str:
        kind, key = match.group(1), match.group(2)
        if references is not None and kind == "figure-ref" and key in references.figures:
            number = references.figure_number(key)
            return f'<a class="figure-ref" href="#figure-{html.escape(key)}">Figure {number}</a>'
        if references is not None and kind == "result" and key in references.results:
            return html.escape(references.results[key])
        return f'<span class="unresolved-reference">[{kind} {html.escape(key)} not found]</span>'

    cleaned = FIGURE_PARAGRAPH.sub(placed, cleaned)
    return REFERENCE.sub(inline, cleaned)


def markup_render(
    source: str, *, references: References | None = None, heading_offset: int = 0
) -> SafeString:
    """The section's HTML: safe to mark safe, because nh3 has cleaned everything made from the source and
    only trusted figure HTML and escaped text are added after. ``heading_offset`` 1 makes ``###`` an
    ``<h4>``: a sub-question's sub-headings sit below its own ``<h3>``."""
    source = source or ""
    env: dict = {"footnote_offset": references.footnotes if references else 0}
    tokens = MD.parse(source, env)
    if heading_offset:
        _headings_lowered(tokens, heading_offset)
    env["footnote_inline"] = _footnote_texts(tokens)
    rendered = MD.renderer.render(tokens, MD.options, env)
    if references is not None:
        references.footnotes += len(env.get("footnotes", {}).get("list", {}))
    return mark_safe(_references_resolved(_sanitised(rendered), references))  # noqa: S308


def footnotes_counted(source: str, *, references: References) -> None:
    """Move the report's footnote count past a part that is not rendered now (a published section shows
    the HTML stored when it was published), so the parts after it keep their numbers."""
    env: dict = {}
    MD.parse(source or "", env)
    references.footnotes += len(env.get("footnotes", {}).get("list", {}))


def _headings_lowered(tokens, offset: int) -> None:
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + offset, 6)}"


def _heading_problems(source: str) -> list[str]:
    lines = source.splitlines()
    problems = []
    for token in MD.parse(source, {}):
        if token.type == "heading_open" and token.tag not in HEADING_LEVELS:
            number = token.map[0] + 1 if token.map else 0
            text = lines[number - 1].strip() if 0 < number <= len(lines) else ""
            problems.append(
                f"Line {number}: “{text[:60]}” is a level {token.tag[1]} heading; inside a section use ### "
                "for a sub-heading and #### for one below it (levels 1 and 2 are the report's own)."
            )
    return problems


def _reference_problems(source: str, references: References | None) -> list[str]:
    problems = []
    for number, line in enumerate(source.splitlines(), start=1):
        for match in REFERENCE.finditer(line):
            kind, key = match.group(1), match.group(2)
            token = match.group(0)
            if kind == "figure" and not FIGURE_LINE.match(line):
                problems.append(f"Line {number}: put {token} on a line of its own: it places a figure.")
            if references is None:
                continue
            if kind in ("figure", "figure-ref") and key not in references.figures:
                problems.append(f"Line {number}: {token} refers to no figure of this programme.")
            elif kind == "result" and key not in references.results:
                problems.append(f"Line {number}: {token} refers to no criterion with a file-review result.")
    return problems


def _footnote_problems(source: str) -> list[str]:
    texts = set(FOOTNOTE_TEXT.findall(source))
    calls = set()
    for line in source.splitlines():
        definition = FOOTNOTE_TEXT.match(line)
        calls.update(FOOTNOTE_CALL.findall(line[definition.end() :] if definition else line))
    problems = [
        f"Footnote [^{label}] is called but has no text: add a line “[^{label}]: …”."
        for label in sorted(calls - texts)
    ]
    problems += [
        f"Footnote [^{label}] has text but is never called: put [^{label}] where it belongs."
        for label in sorted(texts - calls)
    ]
    return problems


def markup_problems(source: str, *, references: References | None = None) -> list[str]:
    """What is wrong with a section's markup, each naming the line or the reference; empty when it can
    be saved. With ``references``, a reference to a figure or result that does not exist is a problem."""
    source = source or ""
    return _heading_problems(source) + _reference_problems(source, references) + _footnote_problems(source)
