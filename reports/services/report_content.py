"""The report's content, assembled once for the HTML page and the PDF (they share templates).

It follows the reference report's structure and wording: title page (with its date, ©, ISBN and web
address); contents; introduction; *Force in numbers*; *Overview* with the overall judgment, the change
since the previous inspection and the summary table; per core question its introduction, every
sub-question with its written narrative, *Summary of findings*, grade, causes of concern with their
recommendations and *Areas for improvement*; progress on the previous inspection's areas for
improvement; *Next steps*; *Annex A – About the data* with the file-review method and results.

The written narrative comes from the authoring app as a ``Narrative`` (this app does not import it). File-
review results are not printed under the sub-questions as findings: the narrative cites the ones it uses
(``{{result:CODE}}``) and Annex A describes the file review with its table.

A published inspection's report shows approved content only. Before publication the report is a draft:
it shows the current drafts and proposals, each marked, and "Draft" on every page.
"""

from dataclasses import dataclass, field

from django.utils import timezone

from forces.models import Force
from forces.selectors.figures import ForceFigures, force_figures
from peel.models import (
    AfiOrigin,
    ApprovalState,
    AreaForImprovement,
    FindingKind,
    FindingSummary,
    GradeScale,
    Inspection,
    Judgment,
    NotablePractice,
    PreviousFindingAssessment,
    Question,
    QuestionLevel,
)
from peel.selectors.findings import causes_for, practices_for
from peel.selectors.frameworks import framework_tree
from peel.selectors.inspections import previous_findings_of, previous_progress
from reports import charts
from reports.models import AuditEstimate, CompileRun, CompileStatus, QuestionEvidence
from reports.selectors import (
    ResultsTable,
    audit_estimate_for,
    files_reviewed_by_stratum,
    report_afis_for,
    results_table,
)
from reports.wording import (
    change_since_previous,
    date_in_words,
    grade_after_to,
    join_words,
    number_in_words,
    previous_progress_in_words,
)
from reviews.models import Stratum


def paragraphs(text: str) -> list[str]:
    """Paragraphs separated by a blank line, as judgments and summaries store them."""
    return [part.strip() for part in text.replace("\r\n", "\n").split("\n\n") if part.strip()]


@dataclass(frozen=True)
class ShownGrade:
    """A grade as the report shows it: the lead's, or in a draft the compile's proposal, marked."""

    grade: str
    label: str
    status: str  # "approved", "draft" or "proposed"; "" when there is nothing to show
    colour: str = "#5a5a5a"  # the level's, from the programme's scale
    text_colour: str = "#ffffff"

    @property
    def is_final(self) -> bool:
        return self.status == "approved"


NO_GRADE = ShownGrade("", "Not yet graded", "")


@dataclass(frozen=True)
class RecommendationItem:
    text: str  # as written in the report, the due date in front (Recommendation.as_written)


@dataclass(frozen=True)
class FindingItem:
    """An area for improvement or a cause of concern, with its recommendations."""

    text: str
    status: str  # "approved", "draft" or "proposed"
    recommendations: list[RecommendationItem]


@dataclass(frozen=True)
class NarrativeSection:
    """A written section as the report shows it: its rendered markup (safe HTML) and where it stands."""

    title: str
    html: str
    status: str  # authoring's SectionStatus value
    status_label: str
    is_empty: bool


@dataclass(frozen=True)
class TitleDetails:
    publication_date: str = ""  # in words, "2 March 2017"
    copyright_line: str = ""
    isbn: str = ""
    web_address: str = ""


@dataclass
class Narrative:
    """The authored narrative, keyed as the authoring app keys its sections ("q-1.2", "next-steps"). The
    authoring app builds it (``authoring.report``); this app only places it, so it imports nothing of
    authoring's."""

    sections: dict[str, NarrativeSection] = field(default_factory=dict)
    programme_texts: dict[str, str] = field(default_factory=dict)  # key -> rendered programme text
    details: TitleDetails = field(default_factory=TitleDetails)

    def section(self, code: str) -> NarrativeSection | None:
        """A question's section, by the question's code."""
        return self.sections.get(f"q-{code}")

    # The sections and texts the templates place by name (their keys hold hyphens).
    @property
    def overview(self) -> NarrativeSection | None:
        return self.section("0")

    @property
    def introduction(self) -> NarrativeSection | None:
        return self.sections.get("introduction")

    @property
    def next_steps(self) -> NarrativeSection | None:
        return self.sections.get("next-steps")

    @property
    def annex_a(self) -> NarrativeSection | None:
        return self.sections.get("annex-a")

    @property
    def programme_introduction(self) -> str:
        return self.programme_texts.get("introduction", "")

    @property
    def programme_next_steps(self) -> str:
        return self.programme_texts.get("next-steps", "")

    @property
    def programme_annex_a(self) -> str:
        return self.programme_texts.get("annex-a", "")


@dataclass
class SubSection:
    question: Question
    title: str
    anchor: str
    narrative: NarrativeSection | None
    evidence: QuestionEvidence | None  # drafts only: what was recorded, for the lead writing the text


@dataclass
class CoreSection:
    question: Question
    title: str
    anchor: str
    graded: bool
    grade: ShownGrade
    summary: list[str]
    summary_status: str
    introduction: NarrativeSection | None
    subsections: list[SubSection]
    causes: list[FindingItem]
    afis: list[FindingItem]
    # Innovative and promising practice, under the headings of the programme's finding types, in their
    # order; only in programmes that record them.
    practice: list[tuple[str, list[FindingItem]]] = field(default_factory=list)


@dataclass(frozen=True)
class PreviousItem:
    text: str
    question_code: str
    progress: str
    note: str


@dataclass
class PreviousSection:
    previous: Inspection
    statement: str
    afis: list[PreviousItem]
    causes: list[PreviousItem]
    previous_grade: str
    previous_judged_to: str  # the previous grade's words after "judged the force to", on its own scale


@dataclass(frozen=True)
class ForceFact:
    label: str
    value: str
    note: str = ""


@dataclass
class FileReviewMethod:
    files: int
    criteria: int
    statement: list[str]
    table: ResultsTable
    chart_svg: str
    audit: AuditEstimate | None = None  # an audit's one result, in place of the criteria's


@dataclass(frozen=True)
class FindingLabel:
    """A kind of finding as the programme names it: "Cause of concern", "Causes of concern"."""

    singular: str
    plural: str


def _finding_labels(finding_types) -> dict[str, FindingLabel]:
    """Every kind's heading words: the programme's where it records the kind, the code's otherwise."""
    labels = {kind.value: FindingLabel(kind.label, f"{kind.label}s") for kind in FindingKind}
    labels[FindingKind.AREA_FOR_IMPROVEMENT] = FindingLabel("Area for improvement", "Areas for improvement")
    labels[FindingKind.CAUSE_OF_CONCERN] = FindingLabel("Cause of concern", "Causes of concern")
    for finding_type in finding_types:
        labels[finding_type.code] = FindingLabel(finding_type.label, finding_type.plural_label)
    return labels


@dataclass
class ReportContent:
    inspection: Inspection
    force: Force
    is_published: bool
    title: str
    subtitle: str
    date_line: str
    overall_question: Question | None
    core_questions: list[Question]
    overall_grade: ShownGrade
    overall_paragraphs: list[str]
    change_sentence: str
    summary_rows: list[tuple[str, ShownGrade]]
    sections: list[CoreSection]
    previous: PreviousSection | None
    force_facts: list[ForceFact]
    figures: ForceFigures
    annex: FileReviewMethod
    compiled: CompileRun | None
    narrative: Narrative = field(default_factory=Narrative)
    # The headings of the findings, by kind, as the programme's finding types name them.
    finding_labels: dict[str, FindingLabel] = field(default_factory=lambda: _finding_labels([]))
    contents: list[tuple[str, str, int]] = field(default_factory=list)  # title, anchor, level
    # A draft shows the team what it recorded under each question; not when it is sent to the force for
    # its factual accuracy check (``factual_accuracy.selectors.report_for_force``).
    internal: bool = True

    @property
    def is_draft(self) -> bool:
        return not self.is_published


def _shown(status_of, item, published: bool) -> str | None:
    """approved / draft / proposed, or None when a published report must leave the item out."""
    status = status_of(item)
    if published and status != "approved":
        return None
    return status


def _approval_status(item) -> str:
    return "approved" if item.state == ApprovalState.APPROVED else "draft"


def _afi_status(afi: AreaForImprovement) -> str:
    if afi.state == ApprovalState.APPROVED:
        return "approved"
    return "proposed" if afi.origin != AfiOrigin.LEAD and afi.is_untouched_proposal else "draft"


def _shown_grade(scale: GradeScale, code: str, status: str) -> ShownGrade:
    level = scale.level(code)
    if level is None:
        return ShownGrade(code, scale.label(code), status)
    return ShownGrade(code, level.label, status, level.colour, level.text_colour)


def _judgment_grade(
    judgment: Judgment | None, published: bool, question: Question, scale: GradeScale
) -> ShownGrade:
    if not question.graded:
        ungraded = scale.ungraded
        return _shown_grade(scale, ungraded.code, "approved") if ungraded else NO_GRADE
    if judgment is None:
        return NO_GRADE
    if judgment.state == ApprovalState.APPROVED and judgment.grade:
        return _shown_grade(scale, judgment.grade, "approved")
    if published:
        return NO_GRADE
    if judgment.grade:
        return _shown_grade(scale, judgment.grade, "draft")
    if judgment.proposed_grade:
        return _shown_grade(scale, judgment.proposed_grade, "proposed")
    return NO_GRADE


def _practice_by_question(
    inspection: Inspection, published: bool, finding_types: list
) -> dict[int, list[tuple[str, list[FindingItem]]]]:
    """Per core question, (heading, items) for each kind of notable practice the programme records."""
    kinds = [finding_type for finding_type in finding_types if finding_type.code in NotablePractice.KINDS]
    if not kinds:
        return {}
    items: dict[tuple[int, str], list[FindingItem]] = {}
    for practice in practices_for(inspection=inspection):
        status = _shown(_approval_status, practice, published)
        if status is not None:
            items.setdefault((practice.question_id, practice.kind), []).append(
                FindingItem(practice.text, status, [])
            )
    return {
        question_id: [
            (kind.plural_label, items[(question_id, kind.code)])
            for kind in kinds
            if (question_id, kind.code) in items
        ]
        for question_id in {question_id for question_id, _ in items}
    }


def _recommendations(item) -> list[RecommendationItem]:
    return [RecommendationItem(text=r.as_written()) for r in item.recommendations.all()]


def _force_facts(force: Force) -> list[ForceFact]:
    return [
        ForceFact("Population", f"{force.population:,}", f"ONS mid-{force.estimate_year} estimate"),
        ForceFact("Households", f"{force.households:,}", f"{force.estimate_year}"),
        ForceFact("Region", f"{force.region}, {force.country}"),
    ]


def _strata_in_words(strata: list[Stratum]) -> str:
    def words(stratum: Stratum) -> str:
        if stratum.requires_domestic_abuse:
            return f"{stratum.crime_type.lower()} (flagged as domestic abuse)"
        return stratum.label[0].lower() + stratum.label[1:]

    return join_words([words(s) for s in strata])


def _file_review(
    *, inspection: Inspection, compiled: CompileRun | None, criteria_count: int
) -> FileReviewMethod:
    table = results_table(inspection=inspection)
    per_stratum = files_reviewed_by_stratum(inspection=inspection)
    files = sum(per_stratum.values())
    strata = table.strata
    start, end = inspection.review_window_start, inspection.review_window_end
    window = f"between {date_in_words(start)} and {date_in_words(end)}"
    if files:
        counts = join_words(
            [
                f"{per_stratum.get(s.pk, 0)} {s.label[0].lower() + s.label[1:]}"
                for s in strata
                if per_stratum.get(s.pk)
            ]
        )
        statement = [
            f"We reviewed {files} police case files across crime types for: {_strata_in_words(strata)}. "
            "The file review was designed to provide a broad overview of the identification of "
            "vulnerability, the effectiveness of investigations and to understand how victims are treated "
            f"through police processes. Files were randomly selected from crimes recorded {window} and were "
            f"assessed against {number_in_words(criteria_count)} criteria. Due to the small sample size of "
            "cases selected, we have not used results from the file review as the sole basis for assessing "
            "individual force performance but alongside other evidence gathered.",
            "The sample was drawn at random within each crime type (a stratified random sample) from the "
            f"force's list of the crimes it recorded in that period; the files reviewed were: {counts}.",
            "Each result below is the number of files that met a criterion out of the files to which it "
            "applied, with a 95 percent confidence interval (the Wilson score interval): the range within "
            "which the proportion for all such crimes in the force is likely to lie. Results from fewer "
            "than ten files are marked ⚠ and should be read with particular care.",
        ]
    else:
        statement = [
            f"The file review of crimes recorded {window} has no accepted reviews yet, so there are no "
            "results to report."
        ]
    audit = audit_estimate_for(inspection=inspection)
    if audit is not None:
        return FileReviewMethod(
            files=audit.files,
            criteria=0,
            statement=_audit_statement(
                audit, window=window, strata=[s for s in strata if s.label in audit.stratum_labels]
            ),
            table=table,
            chart_svg="",
            audit=audit,
        )
    chart = (
        charts.criteria_chart_svg(table=table, key=compiled.output_digest if compiled else "")
        if files
        else ""
    )
    return FileReviewMethod(
        files=files, criteria=criteria_count, statement=statement, table=table, chart_svg=chart
    )


def _audit_statement(audit: AuditEstimate, *, window: str, strata: list[Stratum]) -> list[str]:
    """The annex's account of an audit: what was decided, how the sample was drawn and weighted (the
    result itself follows it, from ``templates/reports/_audit_estimate.html``). ``strata``: those with
    crimes in the frame."""
    if audit.proportion is None:
        return [
            f"The audit of crimes recorded {window} has no estimate yet: "
            f"{join_words(audit.missing_strata)} {'has' if len(audit.missing_strata) == 1 else 'have'} "
            "no accepted decision."
        ]
    return [
        f"We audited {audit.files} crime records, drawn at random from the {audit.frame_size:,} crimes the "
        f"force recorded {window} in {number_in_words(audit.strata_count)} crime types: "
        f"{_strata_in_words(strata)}. For each we decided one question: {audit.question}",
        "Crime types were sampled at different rates, so the force's result is not the share of the "
        "files audited: each crime type's result is weighted by its share of the crimes recorded (a "
        "stratified estimate). The 95 percent confidence interval allows for the crime types and for the "
        "share of each that was audited.",
    ]


def _previous_section(inspection: Inspection, published: bool) -> PreviousSection | None:
    previous_inspection = inspection.published_previous
    if previous_inspection is None:
        return None
    progress = previous_progress(inspection)
    afis, causes = previous_findings_of(inspection)
    assessments = {
        ("afi", a.afi_id) if a.afi_id else ("cause", a.cause_of_concern_id): a
        for a in PreviousFindingAssessment.objects.filter(inspection=inspection)
    }

    def item(kind: str, finding) -> PreviousItem:
        assessment = assessments.get((kind, finding.pk))
        return PreviousItem(
            text=finding.text,
            question_code=finding.question.code,
            progress=assessment.get_progress_display() if assessment else "Not yet assessed",
            note=assessment.note if assessment else "",
        )

    previous_overall = (
        Judgment.objects.filter(
            inspection_id=previous_inspection.pk,
            question__level=QuestionLevel.OVERALL,
            state=ApprovalState.APPROVED,
        )
        .values_list("grade", flat=True)
        .first()
    )
    return PreviousSection(
        previous=previous_inspection,
        statement=(
            previous_progress_in_words(
                afis_addressed=progress.afis_addressed,
                afis_total=progress.afis_total,
                causes_addressed=progress.causes_addressed,
                causes_total=progress.causes_total,
            )
            if progress
            else ""
        ),
        afis=[item("afi", afi) for afi in afis],
        causes=[item("cause", cause) for cause in causes],
        previous_grade=previous_overall or "",
        previous_judged_to=_judged_to(previous_inspection.programme.grade_scale, previous_overall or ""),
    )


def _judged_to(scale: GradeScale, code: str) -> str:
    """'require improvement', as in 'we judged the force to require improvement'; '' when ungraded."""
    level = scale.level(code)
    return grade_after_to(level) if level and not level.is_ungraded else ""


def report_content(*, inspection: Inspection, narrative: Narrative | None = None) -> ReportContent:
    """Everything the report shows, in a fixed number of queries whatever the size of the inspection.
    ``narrative`` is the authored text (``authoring.report.authored_report_content`` passes it); without
    it every section is shown unwritten."""
    narrative = narrative or Narrative()
    published = inspection.status == "published"
    force, programme = inspection.force, inspection.programme
    tree = framework_tree(programme=programme)
    overall_question = tree.question if tree else None
    core_nodes = tree.children if tree else []

    judgments = {j.question_id: j for j in Judgment.objects.filter(inspection=inspection)}
    summaries = {s.question_id: s for s in FindingSummary.objects.filter(inspection=inspection)}
    afis_by_question: dict[int, list[FindingItem]] = {}
    for afi in report_afis_for(inspection=inspection):
        status = _shown(_afi_status, afi, published)
        if status is not None:
            afis_by_question.setdefault(afi.question_id, []).append(
                FindingItem(afi.text, status, _recommendations(afi))
            )
    causes_by_question: dict[int, list[FindingItem]] = {}
    for cause in causes_for(inspection=inspection):
        status = _shown(_approval_status, cause, published)
        if status is not None:
            causes_by_question.setdefault(cause.question_id, []).append(
                FindingItem(cause.text, status, _recommendations(cause))
            )
    finding_types = list(programme.finding_types.all())
    practice_by_question = _practice_by_question(inspection, published, finding_types)
    evidence_by_question = {}
    if not published:
        evidence_by_question = {
            e.question_id: e for e in QuestionEvidence.objects.filter(inspection=inspection)
        }

    area = force.short_name
    sections = []
    for node in core_nodes:
        question = node.question
        summary = summaries.get(question.pk)
        summary_status = summary and _shown(_approval_status, summary, published)
        subsections = []
        for child in node.children:
            subsections.append(
                SubSection(
                    question=child.question,
                    title=child.question.text_for(area),
                    anchor=f"q{child.question.code}",
                    narrative=narrative.section(child.question.code),
                    evidence=evidence_by_question.get(child.question.pk),
                )
            )
        sections.append(
            CoreSection(
                question=question,
                title=question.text_for(area),
                anchor=f"q{question.code}",
                graded=question.graded,
                grade=_judgment_grade(judgments.get(question.pk), published, question, programme.grade_scale),
                summary=paragraphs(summary.text) if summary_status else [],
                summary_status=summary_status or "",
                introduction=narrative.section(question.code),
                subsections=subsections,
                causes=causes_by_question.get(question.pk, []),
                afis=afis_by_question.get(question.pk, []),
                practice=practice_by_question.get(question.pk, []),
            )
        )

    overall_judgment = judgments.get(overall_question.pk) if overall_question else None
    overall_grade = (
        _judgment_grade(overall_judgment, published, overall_question, programme.grade_scale)
        if overall_question
        else NO_GRADE
    )
    overall_status = overall_judgment and _shown(_approval_status, overall_judgment, published)
    previous = _previous_section(inspection, published)
    change = ""
    if previous and previous.previous_grade and overall_grade.grade:
        change = change_since_previous(
            current=overall_grade.grade,
            previous=previous.previous_grade,
            scale=programme.grade_scale,
            previous_scale=previous.previous.programme.grade_scale,
        )
    overall_paragraphs = paragraphs(overall_judgment.rationale) if overall_status else []
    if change and any(change in paragraph for paragraph in overall_paragraphs):
        change = ""  # the lead's words already say it

    compiled = (
        CompileRun.objects.filter(inspection=inspection, status=CompileStatus.SUCCEEDED)
        .order_by("-finished_at", "-pk")
        .first()
    )
    criteria_count = programme.criteria.count()
    when = inspection.published_at if published and inspection.published_at else timezone.now()
    content = ReportContent(
        inspection=inspection,
        force=force,
        is_published=published,
        title=programme.name,
        subtitle=f"An inspection of {force.name}",
        date_line=f"{when:%B %Y}" if published else f"Draft, {date_in_words(timezone.localdate(when))}",
        overall_question=overall_question,
        core_questions=[node.question for node in core_nodes],
        overall_grade=overall_grade,
        overall_paragraphs=overall_paragraphs,
        change_sentence=change,
        summary_rows=[(section.title, section.grade) for section in sections],
        sections=sections,
        previous=previous,
        force_facts=_force_facts(force),
        figures=force_figures(force=force, force_in_numbers_only=True, charts=False),
        annex=_file_review(inspection=inspection, compiled=compiled, criteria_count=criteria_count),
        compiled=compiled,
        narrative=narrative,
        finding_labels=_finding_labels(finding_types),
    )
    content.contents = _contents(content)
    return content


def _contents(content: ReportContent) -> list[tuple[str, str, int]]:
    entries = [("Introduction", "introduction", 1), ("Force in numbers", "force-in-numbers", 1)]
    if content.overall_question:
        entries.append((f"Overview – {content.overall_question.text}", "overview", 1))
    for section in content.sections:
        entries.append((section.title, section.anchor, 1))
        entries += [(sub.title, sub.anchor, 2) for sub in section.subsections]
        entries.append(("Summary of findings", f"{section.anchor}-summary", 2))
    if content.previous:
        entries.append(("Progress since the previous inspection", "previous", 1))
    entries.append(("Next steps", "next-steps", 1))
    entries.append(("Annex A – About the data", "annex-a", 1))
    return entries
