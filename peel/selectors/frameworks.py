"""Reads of a programme's framework as the tree the pages show."""

from dataclasses import dataclass, field

from peel.models import Programme, Question, QuestionLevel


@dataclass
class FrameworkNode:
    question: Question
    children: list["FrameworkNode"] = field(default_factory=list)


def framework_tree(*, programme: Programme) -> FrameworkNode | None:
    """The overall question with its core questions and their sub-questions, in report order (one query)."""
    questions = list(programme.questions.order_by("order", "code"))
    nodes = {question.pk: FrameworkNode(question) for question in questions}
    root = None
    for question in questions:
        if question.level == QuestionLevel.OVERALL:
            root = nodes[question.pk]
        elif question.parent_id in nodes:
            nodes[question.parent_id].children.append(nodes[question.pk])
    return root


def sub_questions_of(*, programme: Programme):
    return programme.questions.filter(level=QuestionLevel.SUB).select_related("parent").order_by("order")


def core_questions_of(*, programme: Programme):
    return programme.questions.filter(level=QuestionLevel.CORE).order_by("order")


def question_by_code(*, programme: Programme, code: str | None, level: str | None = None) -> Question | None:
    """The programme's question with this code, as a link's ``?question=`` names it; None when there is
    none, including for text no code can be (a NUL byte, which PostgreSQL refuses to compare: a 500)."""
    if not code or "\x00" in code:
        return None
    questions = programme.questions.filter(code=code)
    if level is not None:
        questions = questions.filter(level=level)
    return questions.first()
