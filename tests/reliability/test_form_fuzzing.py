"""Arbitrary input to every form and filter of our apps, and arbitrary files to the crime-list import:
no unhandled exception, and every refusal comes with a message.

The forms are found by importing every module of peel, reviews, reports, forces, figures and api, so a new
form is fuzzed as soon as it is built in ``BUILDERS`` below — and fails the coverage test until it is.
"""

import datetime
import importlib
import inspect
import io
import pkgutil
from collections.abc import Callable

import django_filters
import pytest
from axes.handlers.proxy import AxesProxyHandler
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from notifications.models import Notification, NotificationPreference
from peel.models import Criterion, EvidenceNote, Inspection, Judgment, Programme
from reviews.applicability import FileFacts
from reviews.crime_list import REQUIRED_COLUMNS
from reviews.models import CaseFile, Review, Stratum
from reviews.services.allocation import reassignment_candidates
from reviews.services.frame import FrameImportResult, crime_list_import
from reviews.services.refusals import Refused
from tests.factories.reviews import inspection_2016
from tests.reliability.world import World

APPS = ("peel", "reviews", "reports", "forces", "figures", "api", "timeline", "notifications")
EXAMPLES = 60
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def our_classes(base: type) -> set[type]:
    """Every subclass of ``base`` defined in our apps' modules (migrations aside)."""
    found = set()
    for app in APPS:
        package = importlib.import_module(app)
        for module_info in pkgutil.walk_packages(package.__path__, prefix=f"{app}."):
            if ".migrations" in module_info.name or ".tests" in module_info.name:
                continue
            module = importlib.import_module(module_info.name)
            for _, cls in inspect.getmembers(module, inspect.isclass):
                if issubclass(cls, base) and cls.__module__.startswith(APPS):
                    found.add(cls)
    return found


def _judgment(world: World, graded: bool) -> Judgment:
    code = "1" if graded else "5"  # core question 5 is not graded in 2016
    return Judgment.objects.get(inspection=world.inspection, question__code=code)


def _review_form(cls, world: World, data, files, variant: int):
    return cls(
        data,
        criteria=list(Criterion.objects.filter(programme=world.programme)),
        facts=FileFacts.of(CaseFile.objects.get(pk=world.draft_file.pk)),
        with_facts=variant % 2 == 0,
        submitting=variant % 3 == 0,
        initial={"version": 0},
    )


def _login_request():
    """A log-in request as the lockout sees it (the client's address, the time) before the form runs."""
    request = RequestFactory().post("/accounts/login/", REMOTE_ADDR="198.51.100.7")
    AxesProxyHandler.update_request(request)
    return request


def _strata(world: World) -> list[Stratum]:
    return list(Stratum.objects.filter(inspection=world.inspection).order_by("order"))


def _adjudication_rows(world: World) -> list[dict]:
    """Two criteria as the adjudication page offers them: one yes/partly/no, one yes/no."""
    criteria = list(Criterion.objects.filter(programme=world.programme).order_by("order")[:2])
    return [
        {
            "criterion": criterion,
            "decision": None,
            "choices": [("yes", "Yes"), ("no", "No")] + ([("partly", "Partly")] if not index else []),
        }
        for index, criterion in enumerate(criteria)
    ]


def plain(cls, world, data, files, variant):
    return cls(data, files)


# How to build each form with the world's objects: (class, world, data, files, variant) -> form.
# ``variant`` is an arbitrary number for the forms whose shape depends on how they are built.
Builder = Callable[[type, World, MultiValueDict, MultiValueDict, int], object]
BUILDERS: dict[str, Builder] = {
    "peel.forms.evidence.EvidenceNoteForm": lambda cls, w, d, f, v: cls(
        d, inspection=w.inspection, creating=bool(v % 2)
    ),
    "peel.forms.evidence.EvidenceNoteFilter": lambda cls, w, d, f, v: cls(
        d, queryset=EvidenceNote.objects.filter(inspection=w.inspection), inspection=w.inspection
    ),
    "peel.forms.inspections.InspectionCreateForm": plain,
    "peel.forms.inspections.InspectionSettingsForm": lambda cls, w, d, f, v: cls(d, inspection=w.inspection),
    "peel.forms.inspections.InspectionStatusForm": plain,
    "timeline.forms.TimelineForm": plain,
    "peel.forms.approval.VersionedForm": plain,
    "peel.forms.approval.JudgmentForm": lambda cls, w, d, f, v: cls(
        d, inspection=w.inspection, item=_judgment(w, graded=bool(v % 2))
    ),
    "peel.forms.approval.FindingSummaryForm": lambda cls, w, d, f, v: cls(
        d, inspection=w.inspection, item=w.summary
    ),
    "peel.forms.approval.AfiForm": lambda cls, w, d, f, v: cls(
        d, inspection=w.inspection, item=w.afi if v % 2 else None
    ),
    "peel.forms.approval.CauseOfConcernForm": lambda cls, w, d, f, v: cls(
        d, inspection=w.inspection, item=w.cause
    ),
    "peel.forms.approval.NotablePracticeForm": lambda cls, w, d, f, v: cls(
        d, inspection=w.practice_inspection, item=w.practice if v % 2 else None
    ),
    "peel.forms.approval.RecommendationForm": plain,
    "peel.forms.afi_bulk.AfiFilterForm": plain,
    "peel.forms.afi_bulk.AfiBulkForm": lambda cls, w, d, f, v: cls(d, open_afis=[w.afi]),
    "peel.forms.afi_bulk.AfiMergeForm": lambda cls, w, d, f, v: cls(d, open_afis=[w.afi], chosen=[w.afi]),
    "peel.forms.approval.ReasonForm": lambda cls, w, d, f, v: cls(d, required=bool(v % 2)),
    "peel.forms.approval.PreviousAssessmentForm": plain,
    "peel.admin.ProgrammeForm": plain,
    "peel.admin.PeelUserChangeForm": lambda cls, w, d, f, v: cls(d, instance=w.user("lead")),
    "peel.admin.InspectionAdminForm": lambda cls, w, d, f, v: cls(d, instance=w.inspection),
    "peel.forms.accounts.LoginForm": lambda cls, w, d, f, v: cls(_login_request(), data=d),
    "peel.forms.accounts.AdminLoginForm": lambda cls, w, d, f, v: cls(_login_request(), data=d),
    "reviews.forms.CrimeListUploadForm": plain,
    "reviews.forms.QuotasForm": lambda cls, w, d, f, v: cls(d, strata=_strata(w), total=30),
    "reviews.forms.DrawForm": lambda cls, w, d, f, v: cls(d, drawn=bool(v % 2)),
    "reviews.forms.UnusableForm": plain,
    "reviews.forms.ReassignForm": lambda cls, w, d, f, v: cls(
        d, candidates=reassignment_candidates(w.inspection)
    ),
    "reviews.forms.DoubleReviewForm": plain,
    "reviews.forms.ReturnForm": plain,
    "reviews.forms.DiscussionForm": lambda cls, w, d, f, v: cls(
        d,
        criteria=None if v % 3 == 0 else w.inspection.programme.criteria.all(),
        review_kind="first" if v % 2 else "second",
        action="/",
    ),
    "reviews.forms.AcceptForm": plain,
    "reviews.forms.BulkAcceptForm": plain,
    "reviews.forms.CrimeTypeAliasForm": lambda cls, w, d, f, v: cls(
        d, strata=Stratum.objects.filter(inspection=w.inspection)
    ),
    "reviews.forms.AdjudicationForm": lambda cls, w, d, f, v: cls(d, rows=_adjudication_rows(w)),
    "reviews.queues.ModerationQueueFilter": lambda cls, w, d, f, v: cls(d, inspection=w.inspection),
    "notifications.forms.PreferencesForm": lambda cls, w, d, f, v: cls(
        d, preference=NotificationPreference(user=w.inspector)
    ),
    "reviews.queues.SampleFilter": lambda cls, w, d, f, v: cls(d, inspection=w.inspection),
    "reviews.queues.MyFilesFilter": lambda cls, w, d, f, v: cls(d, inspection=w.inspection, user=w.inspector),
    "reviews.forms.ReviewForm": _review_form,
    "reviews.forms.AuditReviewForm": lambda cls, w, d, f, v: cls(
        d, question="Was the crime correctly recorded?", submitting=bool(v % 2)
    ),
    "forces.forms.FigureImportForm": plain,
    "figures.forms.PreviewForceForm": plain,
    "figures.forms.PreviewProgrammeForm": plain,
    "api.forms.TokenForm": plain,
    "api.filters.ProgrammeFilter": lambda cls, w, d, f, v: cls(d, queryset=Programme.objects.all()),
    "api.filters.InspectionFilter": lambda cls, w, d, f, v: cls(d, queryset=Inspection.objects.all()),
    "api.filters.CaseFileFilter": lambda cls, w, d, f, v: cls(d, queryset=w.inspection.case_files.all()),
    "api.filters.ReviewFilter": lambda cls, w, d, f, v: cls(
        d, queryset=Review.objects.filter(case_file__inspection=w.inspection)
    ),
    "api.filters.ApprovableFilter": lambda cls, w, d, f, v: cls(d, queryset=w.inspection.judgments.all()),
    "api.filters.AfiFilter": lambda cls, w, d, f, v: cls(d, queryset=w.inspection.afis.all()),
    "api.filters.CriterionResultFilter": lambda cls, w, d, f, v: cls(
        d, queryset=w.inspection.criterion_results.all()
    ),
    "api.filters.NotificationFilter": lambda cls, w, d, f, v: cls(
        d, queryset=Notification.objects.filter(recipient=w.inspector)
    ),
}


def _class(dotted: str) -> type:
    module, _, name = dotted.rpartition(".")
    return getattr(importlib.import_module(module), name)


def _dotted(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def test_every_form_and_filter_of_our_apps_is_fuzzed():
    found = {_dotted(cls) for cls in our_classes(forms.BaseForm) | our_classes(django_filters.FilterSet)}

    assert found, "no forms found: the discovery is broken"
    assert not found - set(BUILDERS), f"add these to BUILDERS: {sorted(found - set(BUILDERS))}"
    assert not set(BUILDERS) - found, f"these are no longer forms: {sorted(set(BUILDERS) - found)}"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module inside a transaction rolled back afterwards (forms do not save)."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield World()
        transaction.set_rollback(True)


# --- what arbitrary input looks like ---------------------------------------------------------------------
texts = st.one_of(
    st.text(max_size=60),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=3000),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.dates(min_value=datetime.date(1, 1, 1)).map(lambda day: day.isoformat()),
    st.sampled_from(["", " ", "0", "-1", "yes", "no", "on", "true", "None", "null", "[]", "\x00", "9" * 40]),
)


def value_strategy(field: forms.Field) -> st.SearchStrategy:
    """Arbitrary text, mixed with the field's own choices so that valid and nearly valid input is tried."""
    candidates = [texts]
    choices = getattr(field, "choices", None)
    if choices is not None:
        values = [str(value) for value, _ in choices if str(value) != ""]
        if values:
            candidates.append(st.sampled_from(values))
    single = st.one_of(*candidates)
    if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        return st.lists(single, max_size=5)
    return single.map(lambda value: [value])


uploads = st.builds(
    lambda name, content: SimpleUploadedFile(name, content),
    st.sampled_from(["crimes.csv", "crimes.xlsx", "figures.csv", "figures.xlsx", "crimes.txt", "x" * 300]),
    st.one_of(st.binary(max_size=500), st.just(b"PK\x03\x04" + b"\x00" * 20)),
)


def form_input(form) -> st.SearchStrategy:
    """Data and files for every field of the form (each may be missing), plus keys it does not know."""
    data_fields = {}
    file_fields = {}
    for name, field in form.fields.items():
        key = form.add_prefix(name)
        if isinstance(field, forms.FileField):
            file_fields[key] = uploads.map(lambda upload: [upload])
        else:
            data_fields[key] = value_strategy(field)
    data = st.fixed_dictionaries({}, optional={**data_fields, "unknown": texts.map(lambda v: [v])})
    files = st.fixed_dictionaries({}, optional=file_fields)
    return st.tuples(data.map(MultiValueDict), files.map(MultiValueDict))


def assert_refusals_explained(form) -> None:
    """Either valid, or every error has words: a refusal the user can act on."""
    if form.is_valid():
        assert isinstance(form.cleaned_data, dict)
        return
    assert form.errors, "invalid without saying why"
    for name, messages in form.errors.items():
        assert messages, f"{name}: an empty error list"
        assert all(str(message).strip() for message in messages), f"{name}: a blank message"


@pytest.mark.django_db
@pytest.mark.parametrize("dotted", sorted(BUILDERS))
def test_arbitrary_input_to_a_form_is_accepted_or_refused_with_a_message(world, dotted):
    cls, build = _class(dotted), BUILDERS[dotted]
    shapes = [build(cls, world, MultiValueDict(), MultiValueDict(), variant) for variant in range(6)]

    @FUZZ
    @given(data=st.data())
    def fuzz(data):
        variant = data.draw(st.integers(0, 5))
        shape = shapes[variant]
        fields = shape.form if isinstance(shape, django_filters.FilterSet) else shape
        posted, files = data.draw(form_input(fields))
        built = build(cls, world, posted, files, variant)
        if isinstance(built, django_filters.FilterSet):
            # A filter narrows the list or explains why it cannot; the list is still read either way.
            list(built.qs)
            assert_refusals_explained(built.form)
        else:
            assert_refusals_explained(built)

    fuzz()


# --- what views read from the request outside a form ---------------------------------------------------
def raw_parameters(world: World) -> list[tuple[str, str, list[str]]]:
    """(method, path, parameters) of every view that reads request parameters itself."""
    inspection = world.inspection.pk
    c01 = world.programme.criteria.get(code="C01").pk
    adjudicate = reverse("reviews:adjudicate", kwargs={"pk": inspection, "file_id": world.submitted_file.pk})
    file_page = reverse("reviews:file_detail", kwargs={"pk": inspection, "file_id": world.submitted_file.pk})
    return [
        ("get", reverse("peel:evidence_list", kwargs={"pk": inspection}), ["question", "author", "page"]),
        ("get", reverse("peel:evidence_create", kwargs={"pk": inspection}), ["question"]),
        ("get", reverse("peel:afi_new", kwargs={"pk": inspection}), ["question"]),
        (
            "post",
            reverse("peel:previous_findings", kwargs={"pk": inspection}),
            ["finding", "progress", "note"],
        ),
        ("post", adjudicate, [f"value_{c01}", f"note_{c01}"]),
        ("get", file_page, ["queue"]),
        ("post", reverse("reviews:accept_selected", kwargs={"pk": inspection}), ["queue"]),
    ]


def parameters_fuzz(client: Client, method: str, path: str, parameters: st.SearchStrategy):
    @settings(FUZZ, max_examples=EXAMPLES // 3)  # each example is a request
    @given(params=parameters)
    def fuzz(params):
        with transaction.atomic():
            response = getattr(client, method)(path, params)
            transaction.set_rollback(True)
        assert response.status_code < 500, (method, path, params)

    return fuzz


@pytest.mark.django_db
def test_arbitrary_request_parameters_read_outside_forms_never_give_an_error(world):
    client = Client()
    client.force_login(world.lead)
    choices = st.sampled_from(
        ["yes", "no", "partly", "afi-1", "cause-1", "addressed", "moderation", "3.1", "1"]
    )

    for method, path, names in raw_parameters(world):
        values = dict.fromkeys(names, st.one_of(texts, choices))
        parameters_fuzz(client, method, path, st.fixed_dictionaries({}, optional=values))()


# --- the crime-list import: the parser, the classifier and the database together ------------------------
HEADER = ",".join((*REQUIRED_COLUMNS, "domestic_abuse_flag", "outcome_code")).encode()
cells = st.one_of(
    st.text(alphabet=st.characters(codec="utf-8", exclude_characters=',\n\r"'), max_size=15),
    st.sampled_from(["Robbery", "Rape", "Stalking", "2016-02-01", "01/02/2016", "Y", "N", "3", "2016-13-45"]),
)
crime_lists = st.one_of(
    st.binary(max_size=1500),
    st.binary(max_size=1500).map(lambda body: HEADER + b"\n" + body),
    st.lists(st.lists(cells, min_size=0, max_size=6), max_size=25).map(
        lambda rows: HEADER + b"\n" + "\n".join(",".join(row) for row in rows).encode("utf-8")
    ),
)


@pytest.mark.django_db
def test_arbitrary_files_imported_as_a_crime_list_give_a_frame_or_a_refusal_with_reasons():
    inspection = inspection_2016()  # no sample drawn, so each file may replace the frame

    @FUZZ
    @given(content=crime_lists, filename=st.sampled_from(["crimes.csv", "crimes.xlsx", "crimes"]))
    def fuzz(content, filename):
        try:
            with transaction.atomic():
                result = crime_list_import(inspection=inspection, file=io.BytesIO(content), filename=filename)
        except Refused as refusal:
            assert refusal.message.strip()
        else:
            assert isinstance(result, FrameImportResult)
            assert result.summary

    fuzz()
