"""Every editable object, declared once: where its form is, who may edit it, and how two people change
it differently. ``test_stale_edits.py`` opens each in two sessions; a new editable object is one more
entry here."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from authoring.models import ReportDetails, ReportSection
from peel.models import Criterion, EvidenceNote, Inspection, Recommendation
from reviews.models import Answer, ReviewKind, SampleDesign
from reviews.services.design import sample_design_ensure
from tests.factories.reviews import inspection_2016
from tests.forms_in_html import HtmlForm
from tests.reliability.world import World
from timeline.models import Milestone, MilestoneKind


@dataclass(frozen=True)
class Editable:
    name: str
    url: Callable[[World], str]
    editors: tuple[str, str]  # the roles of the two sessions (the same role twice: two tabs)
    field: str | Callable[[World], str]  # the field both change
    values: tuple[str, str]  # what each types into it
    stored: Callable[[World], str]  # what the database holds in that field
    button: str | None = None  # the submit button they click (the form's first where None)
    also: Callable[[World, HtmlForm, int], dict] | None = None  # other fields the change needs

    def field_name(self, world: World) -> str:
        return self.field(world) if callable(self.field) else self.field


def _approvable(kind: str) -> Callable[[World], str]:
    return lambda w: reverse(
        "peel:approvable_detail", kwargs={"pk": w.inspection.pk, "kind": kind, "item_id": w.item(kind).pk}
    )


def _first_criterion(world: World) -> Criterion:
    return Criterion.objects.filter(programme=world.programme).order_by("order").first()


def undrawn_design_kwargs(world: World) -> dict:
    """The world's sample is drawn (its quotas are final), so the quotas are edited on a second inspection
    the same lead leads."""
    if not hasattr(world, "undrawn"):
        world.undrawn = inspection_2016(lead=world.lead)
        sample_design_ensure(inspection=world.undrawn)
    return {"pk": world.undrawn.pk}


def _undrawn_design_url(world: World) -> str:
    return reverse("reviews:design", kwargs=undrawn_design_kwargs(world))


DESIGN_TOTALS = ("61", "62")


def _quotas_adding_up(world: World, form: HtmlForm, editor: int) -> dict:
    """The first stratum takes the files added to the total (as loaded), so the quotas still add up."""
    name = "quota_1"  # quotas are named by the stratum's place in the design
    loaded = form.submission()
    added = int(DESIGN_TOTALS[editor]) - int(loaded["total"][0])
    return {name: str(int(loaded[name][0]) + added)}


def _section_url(world: World) -> str:
    return reverse("authoring:section", kwargs={"pk": world.inspection.pk, "section_id": world.section.pk})


EDITABLES = [
    Editable(
        "report section",
        _section_url,
        ("inspector", "lead"),
        "body",
        ("The force supports victims of domestic abuse.", "The force has more to do for victims."),
        lambda w: ReportSection.objects.get(pk=w.section.pk).body,
        button="save",
    ),
    Editable(
        "report details",
        lambda w: reverse("authoring:details", kwargs={"pk": w.inspection.pk}),
        ("lead", "lead"),
        "isbn",
        ("978-1-78655-306-6", "978-1-78655-307-3"),
        lambda w: ReportDetails.objects.get(inspection=w.inspection).isbn,
        button="save",
    ),
    Editable(
        "evidence note",
        lambda w: reverse("peel:evidence_edit", kwargs={"pk": w.inspection.pk, "note_id": w.note.pk}),
        ("inspector", "lead"),
        "text",
        ("Seen in the control room on Monday.", "Heard in the focus group on Tuesday."),
        lambda w: EvidenceNote.objects.get(pk=w.note.pk).text,
    ),
    Editable(
        "judgment",
        _approvable("judgments"),
        ("inspector", "lead"),
        "rationale",
        ("The force is good at preventing crime.", "The force requires improvement in preventing crime."),
        lambda w: w.judgment.__class__.objects.get(pk=w.judgment.pk).rationale,
        button="save",
    ),
    Editable(
        "summary of findings",
        _approvable("findings"),
        ("inspector", "lead"),
        "text",
        ("The force works well with partners.", "The force has more to do with partners."),
        lambda w: w.summary.__class__.objects.get(pk=w.summary.pk).text,
        button="save",
    ),
    Editable(
        "area for improvement",
        _approvable("afis"),
        ("inspector", "lead"),
        "text",
        (
            "The force should ensure that risk is assessed.",
            "The force should ensure that victims are updated.",
        ),
        lambda w: w.afi.__class__.objects.get(pk=w.afi.pk).text,
        button="save",
    ),
    Editable(
        "cause of concern",
        _approvable("causes"),
        ("inspector", "lead"),
        "text",
        ("How the force assesses risk at first contact.", "How the force supervises investigations."),
        lambda w: w.cause.__class__.objects.get(pk=w.cause.pk).text,
        button="save",
    ),
    Editable(
        "recommendation",
        lambda w: reverse(
            "peel:recommendation_edit",
            kwargs={"pk": w.inspection.pk, "recommendation_id": w.recommendation.pk},
        ),
        ("inspector", "lead"),
        "text",
        ("By 1 May 2017 produce a plan for risk.", "By 1 June 2017 produce a plan for victims."),
        lambda w: Recommendation.objects.get(pk=w.recommendation.pk).text,
        button="save",
    ),
    Editable(
        "inspection settings",
        lambda w: reverse("peel:inspection_settings", kwargs={"pk": w.inspection.pk}),
        ("lead", "lead"),
        "fieldwork_start",
        ("2016-09-06", "2016-09-07"),  # the world's fieldwork starts on 2016-09-05
        lambda w: str(Inspection.objects.get(pk=w.inspection.pk).fieldwork_start),
    ),
    Editable(
        "timeline dates",
        lambda w: reverse("timeline:dates", kwargs={"pk": w.inspection.pk}),
        ("lead", "admin"),
        "data_request",
        ("2016-04-15", "2016-04-22"),
        lambda w: str(
            Milestone.objects.get(inspection=w.inspection, kind=MilestoneKind.DATA_REQUEST).due_date
        ),
    ),
    Editable(
        "review",
        lambda w: reverse("reviews:review_first", kwargs={"pk": w.inspection.pk, "file_id": w.draft_file.pk}),
        ("inspector", "lead"),
        lambda w: f"note_{_first_criterion(w).pk}",
        ("Allocated to CID on the day.", "Allocated to neighbourhood policing."),
        lambda w: (
            Answer.objects.get(
                review__case_file=w.draft_file, review__kind=ReviewKind.FIRST, criterion=_first_criterion(w)
            ).note
        ),
        button="action=save",
    ),
    Editable(
        "sample quotas",
        _undrawn_design_url,
        ("lead", "lead"),
        "total",
        DESIGN_TOTALS,
        lambda w: str(SampleDesign.objects.get(inspection=w.undrawn).total),
        also=_quotas_adding_up,
    ),
]
