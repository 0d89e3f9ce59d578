"""Two people save the same review at the same moment, 200 times over, on PostgreSQL: every race has one
winner whose answers are what is stored, the loser is told (nothing of theirs is written over the
winner's), and no update is lost."""

import re
import threading
from collections.abc import Callable

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse

from peel.models import Criterion
from reviews.models import Answer, AnswerValue, Review, ReviewKind
from reviews.services.reviewing import ReviewConflict, ReviewInput, review_save
from tests.factories.reviews import drawn_inspection

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        "sqlite" in settings.DATABASES["default"]["ENGINE"],
        reason="SQLite serialises every write, so two saves never truly race; the row locks and the "
        "conditional update under test are PostgreSQL's, and CI runs this file there.",
    ),
]

RACES = 200
FORM_RACES = 5


class Racers:
    """Two threads, each with its own database connection, that run one step per race at the same
    moment: both load, meet at ``loaded``, both save; the next race starts when both have finished."""

    def __init__(self, steps: dict[str, Callable[[int], object]], races: int):
        self.steps, self.races = steps, races
        self.loaded = threading.Barrier(len(steps), timeout=30)
        self.finished = threading.Barrier(len(steps), timeout=30)
        self.results: dict[str, list] = {name: [] for name in steps}

    def _run(self, name: str):
        try:
            for race in range(self.races):
                self.results[name].append(self.steps[name](race))
                self.finished.wait()
        except Exception as error:  # reported by the test, with the race it happened in
            self.results[name].append(error)
            self.loaded.abort()
            self.finished.abort()
        finally:
            connection.close()

    def run(self) -> dict[str, list]:
        threads = [threading.Thread(target=self._run, args=(name,), daemon=True) for name in self.steps]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
        return self.results


@pytest.fixture
def review_setting(db):
    inspection = drawn_inspection(per_stratum=3)
    case_file = inspection.case_files.filter(reviewer__isnull=False).order_by("pk").first()
    criterion = Criterion.objects.filter(programme_id=inspection.programme_id).order_by("order").first()
    return inspection, case_file, criterion


def test_two_people_saving_one_review_at_once_200_times_lose_no_update(review_setting):
    inspection, case_file, criterion = review_setting
    editors = {"reviewer": case_file.reviewer, "lead": inspection.lead}

    def editor(name: str):
        def step(race: int):
            # What the form carries: the version of the review as it was loaded.
            loaded = Review.objects.filter(case_file=case_file, kind=ReviewKind.FIRST).first()
            version = loaded.version if loaded else 0
            racers.loaded.wait()
            note = f"{name} in race {race}"
            try:
                review_save(
                    inspection=inspection,
                    case_file_id=case_file.pk,
                    kind=ReviewKind.FIRST,
                    user=editors[name],
                    expected_version=version,
                    data=ReviewInput(answers={criterion.pk: AnswerValue.YES}, notes={criterion.pk: note}),
                )
            except ReviewConflict as conflict:
                return ("lost", version, conflict)
            stored = Answer.objects.get(review__case_file=case_file, criterion=criterion).note
            return ("won", version, stored)

        return step

    racers = Racers({name: editor(name) for name in editors}, RACES)
    results = racers.run()

    problems = []
    for race in range(RACES):
        outcomes = {name: results[name][race] for name in editors if race < len(results[name])}
        if len(outcomes) < 2 or any(isinstance(outcome, Exception) for outcome in outcomes.values()):
            problems.append(f"race {race}: {outcomes}")
            continue
        kinds = sorted(outcome[0] for outcome in outcomes.values())
        if kinds != ["lost", "won"]:
            problems.append(f"race {race}: {kinds} (both loaded version {outcomes['lead'][1]})")
            continue
        winner = next(name for name, outcome in outcomes.items() if outcome[0] == "won")
        loser = next(name for name, outcome in outcomes.items() if outcome[0] == "lost")
        # The loser is told, with what the winner saved; the winner's words are what is stored.
        conflict = outcomes[loser][2]
        if conflict.current is None or conflict.current.version != outcomes[winner][1] + 1:
            problems.append(f"race {race}: the loser was not shown the winner's save")
        if outcomes[winner][2] != f"{winner} in race {race}":
            problems.append(f"race {race}: stored {outcomes[winner][2]!r} after {winner} won")
    assert not problems, "\n".join(problems[:20])

    review = Review.objects.get(case_file=case_file, kind=ReviewKind.FIRST)
    assert review.version == RACES  # one save per race, none lost and none doubled
    assert Answer.objects.filter(review=review, criterion=criterion).count() == 1


VERSION = re.compile(r'name="version" value="(\d+)"')


def test_the_loser_of_a_race_on_the_review_form_is_told_and_keeps_their_answers(review_setting):
    inspection, case_file, criterion = review_setting
    url = reverse("reviews:review_first", kwargs={"pk": inspection.pk, "file_id": case_file.pk})
    clients = {}
    for name, user in (("reviewer", case_file.reviewer), ("lead", inspection.lead)):
        clients[name] = Client()
        clients[name].force_login(user)

    def editor(name: str):
        def step(race: int):
            form = clients[name].get(url)
            version = VERSION.search(form.content.decode()).group(1)
            racers.loaded.wait()
            note = f"{name} in race {race}"
            answer = clients[name].post(
                url,
                {
                    "version": version,
                    "domestic_abuse": "no",
                    "vulnerable_victim": "no",
                    "repeat_victim": "no",
                    f"answer_{criterion.pk}": AnswerValue.YES,
                    f"note_{criterion.pk}": note,
                    "action": "save",
                },
            )
            stored = Answer.objects.get(review__case_file=case_file, criterion=criterion).note
            return answer.status_code, answer.content.decode(), note, stored

        return step

    racers = Racers({name: editor(name) for name in clients}, FORM_RACES)
    results = racers.run()

    for race in range(FORM_RACES):
        outcomes = {name: results[name][race] for name in clients}
        assert not any(isinstance(outcome, Exception) for outcome in outcomes.values()), outcomes
        statuses = sorted(outcome[0] for outcome in outcomes.values())
        assert statuses == [302, 409], f"race {race}: {statuses}"
        loser = next(outcome for outcome in outcomes.values() if outcome[0] == 409)
        winner = next(outcome for outcome in outcomes.values() if outcome[0] == 302)
        assert "Not saved:" in loser[1]
        assert loser[2] in loser[1]  # their unsaved note is still in the form
        assert winner[2] in loser[1]  # beside what the winner saved
        assert winner[3] == winner[2]  # and what is stored is the winner's
    assert Review.objects.get(case_file=case_file, kind=ReviewKind.FIRST).version == FORM_RACES
