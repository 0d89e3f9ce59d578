"""The narrative markup (peel/markup.py): what it allows, what it strips, what it refuses, and how it
numbers footnotes and figures across a report."""

from html.parser import HTMLParser

import pytest

from peel.markup import References, markup_problems, markup_render


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict]]:
    parser = _Elements()
    parser.feed(html)
    return parser.found


def test_paragraphs_sub_headings_nested_lists_emphasis_links_and_tables_render():
    html = markup_render(
        "First *em* and **strong** with [a link](https://example.org).\n\n"
        "### A sub-heading\n\n#### Below it\n\n"
        "1. one\n   - nested\n2. two\n\n"
        "| a | b |\n|:--|--:|\n| 1 | 2 |\n"
    )

    assert "<em>em</em>" in html and "<strong>strong</strong>" in html
    assert '<a href="https://example.org" rel="noopener noreferrer">a link</a>' in html
    assert "<h3>A sub-heading</h3>" in html and "<h4>Below it</h4>" in html
    assert "<ol>\n<li>one\n<ul>\n<li>nested</li>" in html
    assert '<td style="text-align:right">2</td>' in html


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        "[click](javascript:alert(1))",
        "[click](JAVASCRIPT:alert(1))",
        "[click](data:text/html;base64,PHNjcmlwdD4=)",
        "![pic](https://example.org/x.png)",
        '<a href="javascript:alert(1)">x</a>',
    ],
)
def test_scripts_event_handlers_and_unsafe_links_never_reach_the_html(source):
    found = elements(markup_render(source))

    assert {tag for tag, _ in found} <= {"p", "a"}
    assert not any(name.startswith("on") for _, attrs in found for name in attrs)
    assert not any(
        not attrs["href"].startswith(("https:", "http:", "mailto:", "#"))
        for tag, attrs in found
        if tag == "a"
    )


def test_raw_html_is_shown_as_typed():
    assert "&lt;b&gt;bold&lt;/b&gt;" in markup_render("<b>bold</b>")


def test_only_the_two_sub_heading_levels_are_allowed_and_the_problem_names_the_line():
    problems = markup_problems("Intro\n\n# Title\n\n## Part\n\n### Fine\n\n##### Too deep\n\nText\n===")

    assert problems[0].startswith("Line 3: “# Title” is a level 1 heading")
    assert problems[1].startswith("Line 5: “## Part” is a level 2 heading")
    assert problems[2].startswith("Line 9: “##### Too deep” is a level 5 heading")
    assert problems[3].startswith("Line 11:")  # an underlined (setext) heading is level 1 too
    assert len(problems) == 4


def test_a_sub_question_s_headings_sit_one_level_below_its_own():
    assert "<h4>Domestic abuse</h4>" in markup_render("### Domestic abuse", heading_offset=1)


def test_footnotes_are_numbered_through_the_whole_report_and_printed_where_they_are_called():
    references = References()
    first = markup_render("One[^a] and two[^b].\n\n[^a]: First.\n\n[^b]: Second.", references=references)
    second = markup_render("Three[^1].\n\n[^1]: Third, *emphasised*.", references=references)

    assert 'href="#fn1"' in first and 'href="#fn2"' in first
    assert '<ol class="footnotes-list" start="3">' in second
    assert '<a href="#fn3" id="fnref3"' in second and '<li id="fn3"' in second
    assert '<span class="footnote-print">Third, <em>emphasised</em>.</span>' in second
    assert references.footnotes == 3


def test_footnotes_called_without_text_or_written_but_never_called_are_problems():
    problems = markup_problems("Called[^1].\n\n[^2]: Never called.")

    assert problems == [
        "Footnote [^1] is called but has no text: add a line “[^1]: …”.",
        "Footnote [^2] has text but is never called: put [^2] where it belongs.",
    ]


def _references() -> References:
    return References(
        results={"C07": "36 of 60 files (60%)"},
        figures={"crime-rate": "Crime per 1,000 people", "asb": "ASB"},
        figure_html=lambda key, number, calls: (
            f'<figure id="figure-{number}">Figure {number}: {key}{calls}</figure>'
        ),
    )


def test_references_become_figures_their_numbers_and_live_results():
    references = _references()
    references.figures_number(["{{figure:asb}}", "{{figure:crime-rate}}"])

    html = markup_render(
        "As {{figure-ref:crime-rate}} shows, {{result:C07}} met it.\n\n{{figure:crime-rate}}\n",
        references=references,
    )

    assert '<a class="figure-ref" href="#figure-crime-rate">Figure 2</a>' in html
    assert "36 of 60 files (60%) met it" in html
    assert '<figure id="figure-2">Figure 2: crime-rate</figure>' in html


def test_footnotes_called_after_a_figure_end_its_caption_in_the_reports_one_sequence():
    references = _references()
    references.footnotes = 10  # the report's parts before this one numbered ten
    source = "Text.\n\n{{figure:asb}}[^a][^b]\n\n[^a]: Dorset is excluded.\n\n[^b]: Taken into consideration."

    html = markup_render(source, references=references)

    assert markup_problems(source, references=_references()) == []
    caption_end = html.split('<figure id="figure-1">Figure 1: asb', 1)[1].split("</figure>", 1)[0]
    assert caption_end.startswith('<sup class="footnote-ref"><a href="#fn11" id="fnref11"')
    assert '<span class="footnote-print">Dorset is excluded.</span>' in caption_end
    assert '<a href="#fn12" id="fnref12"' in caption_end
    assert '<li id="fn12" class="footnote-item">' in html and "{{figure" not in html
    assert references.footnotes == 12


def test_unknown_references_are_refused_by_name_and_a_figure_must_stand_on_its_own_line():
    problems = markup_problems(
        "See {{result:C99}} and {{figure-ref:nothing}}.\n\nText {{figure:asb}} inline.",
        references=_references(),
    )

    assert problems == [
        "Line 1: {{result:C99}} refers to no criterion with a file-review result.",
        "Line 1: {{figure-ref:nothing}} refers to no figure of this programme.",
        "Line 3: put {{figure:asb}} on a line of its own: it places a figure.",
    ]


def test_a_reference_whose_target_went_away_is_shown_marked_never_silently_dropped():
    html = markup_render("Now {{result:C99}}.\n\n{{figure:gone}}", references=_references())

    assert "[result C99 not found]" in html and "[figure gone not found]" in html


def test_the_template_filter_renders_markup():
    from django.template import Context, Template

    html = Template("{% load markup %}{{ text|markup }}").render(Context({"text": "*AFI* <b>x</b>"}))

    assert "<em>AFI</em>" in html and "&lt;b&gt;" in html
