"""What changed between two versions of a programme: questions, grade scale, finding types, criteria,
sample strata, grading rules, figures and report texts added, removed or changed, with a word-by-word
diff of reworded text (``peel.word_diff``).

Questions and criteria are matched by code, strata by label, grading-rule bands by position and grade,
figures and report texts by key.
"""

from dataclasses import dataclass, field

from django.utils.safestring import SafeString

from authoring.models import ProgrammeReportText
from figures.models import FigureDefinition
from peel.models import Programme
from peel.models.frameworks import question_text_for
from peel.services.scales import scale_as_data
from peel.word_diff import difference_html, words_difference
from reports.services.grading import GradingRulesError, default_rules_for
from reviews.models import StratumTemplate


@dataclass(frozen=True)
class Change:
    key: str  # the code or label both versions share
    what: str  # e.g. "text", "applicability"
    before: str
    after: str

    @property
    def words(self) -> SafeString:
        return difference_html(words_difference(self.before, self.after))


@dataclass
class PartComparison:
    title: str
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)

    @property
    def unchanged(self) -> bool:
        return not (self.added or self.removed or self.changed)


def _compare(title: str, before: dict[str, dict], after: dict[str, dict], label) -> PartComparison:
    part = PartComparison(title)
    part.added = [label(key, after[key]) for key in after if key not in before]
    part.removed = [label(key, before[key]) for key in before if key not in after]
    for key in after:
        if key in before:
            for what, value in after[key].items():
                if before[key].get(what) != value:
                    part.changed.append(Change(key, what, str(before[key].get(what, "")), str(value)))
    return part


# A programme is compared for no force in particular: its questions and figure titles show where the
# force's area and name go.
FORCE_AREA_SLOT = "[force area]"
FORCE_NAME_SLOT = "[force name]"


def _questions(programme: Programme) -> dict[str, dict]:
    codes = {}
    rows = {}
    for question in programme.questions.order_by("order", "code"):
        codes[question.pk] = question.code
        rows[question.code] = {
            "text": question_text_for(question.text, FORCE_AREA_SLOT),
            "short title": question_text_for(question.short_title, FORCE_AREA_SLOT),
            "level": question.get_level_display(),
            "parent": codes.get(question.parent_id, ""),
            "graded": "graded" if question.graded else "not graded",
        }
    return rows


def _criteria(programme: Programme) -> dict[str, dict]:
    return {
        criterion.code: {
            "text": criterion.text,
            "section": criterion.section,
            "help text": criterion.help_text,
            "answer set": criterion.get_answer_set_display(),
            "applicability": criterion.get_applicability_display(),
            "threshold": f"{criterion.threshold.normalize():f}",
            "evidence for": ", ".join(sorted(question.code for question in criterion.questions.all())),
            "draft AFI": criterion.afi_template,
        }
        for criterion in programme.criteria.order_by("order", "code").prefetch_related("questions")
    }


def _strata(programme: Programme) -> dict[str, dict]:
    strata = StratumTemplate.objects.filter(template__programme=programme).order_by("order", "label")
    return {
        stratum.label: {
            "crime type": stratum.crime_type,
            "other names": ", ".join(stratum.crime_type_aliases.split()),
            "domestic abuse only": "yes" if stratum.requires_domestic_abuse else "no",
            "quota": "an even share" if stratum.quota is None else str(stratum.quota),
        }
        for stratum in strata
    }


def _grade_levels(programme: Programme) -> dict[str, dict]:
    levels, _ = scale_as_data(programme)
    return {
        level["code"]: {
            "position": str(position),
            "label": level["label"],
            "report wording": level["report_wording"],
            "colour": level["colour"],
            "ungraded option": "yes" if level["is_ungraded"] else "no",
        }
        for position, level in enumerate(levels, start=1)
    }


def _finding_types(programme: Programme) -> dict[str, dict]:
    _, types = scale_as_data(programme)
    return {
        finding_type["code"]: {
            "label": finding_type["label"],
            "heading": finding_type["plural_label"],
            "recommendations": "yes" if finding_type["has_recommendations"] else "no",
        }
        for finding_type in types
    }


def _figures(programme: Programme) -> dict[str, dict]:
    definitions = (
        FigureDefinition.objects.filter(programme=programme)
        .order_by("order", "key")
        .prefetch_related("periods", "figure_metrics__metric")
    )
    return {
        definition.key: {
            "title": definition.title_for(force_area=FORCE_AREA_SLOT, force_name=FORCE_NAME_SLOT),
            "kind": definition.get_kind_display(),
            "values": definition.value_label,
            "metrics": ", ".join(
                m.metric.code for m in sorted(definition.figure_metrics.all(), key=lambda m: m.order)
            ),
            "periods": ", ".join(sorted(period.code for period in definition.periods.all())),
            "source": definition.source,
            "notes": definition.notes,
        }
        for definition in definitions
    }


def _report_texts(programme: Programme) -> dict[str, dict]:
    texts = ProgrammeReportText.objects.filter(programme=programme).order_by("key")
    return {text.key: {"title": text.title, "text": text.body} for text in texts}


def _condition_words(condition: dict) -> str:
    return f"{condition.get('measure')} {condition.get('op')} {condition.get('value')}"


def _rules(programme: Programme) -> dict[str, dict]:
    try:
        rules = programme.grading_rules or default_rules_for(programme.grade_scale)
    except GradingRulesError:
        return {}
    rows = {}
    for number, band in enumerate(rules.get("bands", []), start=1):
        conditions = "; ".join(_condition_words(c) for c in band.get("conditions", [])) or "(fallback)"
        rows[f"band {number}: {band.get('grade')}"] = {
            "when": str(band.get("when")),
            "conditions": conditions,
        }
    overall = rules.get("overall", {})
    rows["overall grade"] = {key: str(value) for key, value in sorted(overall.items())}
    return rows


def _rule_label(key: str, row: dict) -> str:
    return f"{key} ({'; '.join(f'{name}: {value}' for name, value in row.items())})"


def programme_compare(*, before: Programme, after: Programme) -> list[PartComparison]:
    """Each part of two programmes, what ``after`` added, removed and changed relative to ``before``."""
    return [
        _compare(
            "Questions", _questions(before), _questions(after), lambda code, row: f"{code} {row['text']}"
        ),
        _compare("Grade scale", _grade_levels(before), _grade_levels(after), lambda code, row: row["label"]),
        _compare(
            "Finding types", _finding_types(before), _finding_types(after), lambda code, row: row["label"]
        ),
        _compare("Criteria", _criteria(before), _criteria(after), lambda code, row: f"{code} {row['text']}"),
        _compare("Sample strata", _strata(before), _strata(after), lambda label, row: label),
        _compare("Grading rules", _rules(before), _rules(after), _rule_label),
        _compare("Figures", _figures(before), _figures(after), lambda key, row: f"{key}: {row['title']}"),
        _compare("Report texts", _report_texts(before), _report_texts(after), lambda key, row: row["title"]),
    ]
