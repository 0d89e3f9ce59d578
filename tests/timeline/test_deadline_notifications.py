"""Each morning the lead hears, once, of each milestone due within three days and of each overdue one."""

import datetime

import pytest
from django.core.management import call_command

from notifications.models import Notification, NotificationKind
from reviews.models import CrimeListImport
from tests.factories.reviews import frame_rows, import_rows
from tests.timeline.conftest import dated
from timeline.services import deadlines_notify
from timeline.tasks import deadlines_notify_task

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2016, 10, 3)


def test_the_lead_is_told_of_what_is_coming_up_and_what_is_overdue_once(inspection):
    dated(
        inspection,
        data_request=datetime.date(2016, 10, 1),  # overdue
        sample_due=datetime.date(2016, 10, 6),  # in three days
        moderation=datetime.date(2016, 10, 7),  # in four: not yet
    )
    inspection.fieldwork_end = datetime.date(2016, 10, 20)
    inspection.save()
    assert deadlines_notify(on=TODAY) == 2
    sent = {n.kind: n for n in Notification.objects.filter(recipient=inspection.lead)}
    assert set(sent) == {NotificationKind.OVERDUE, NotificationKind.DEADLINE_SOON}
    overdue = sent[NotificationKind.OVERDUE]
    assert overdue.subject == "Overdue: Data request for Cleveland Police (due 1 October 2016)"
    assert overdue.url == f"/inspections/{inspection.pk}/timeline/"
    assert overdue.key == f"overdue:{inspection.pk}:data_request:2016-10-01"
    assert sent[NotificationKind.DEADLINE_SOON].subject.startswith("Due in 3 days: Sample due")
    # The next morning: nothing new to say.
    assert deadlines_notify(on=TODAY + datetime.timedelta(days=1)) == 1  # moderation now within three days
    assert deadlines_notify(on=TODAY + datetime.timedelta(days=1)) == 0
    assert Notification.objects.count() == 3


def test_a_milestone_coming_up_that_then_passes_brings_an_overdue_notice(inspection):
    dated(inspection, sample_due=datetime.date(2016, 10, 4))
    inspection.fieldwork_end = None
    inspection.fieldwork_start = None
    inspection.save()
    assert deadlines_notify(on=TODAY) == 1
    assert deadlines_notify(on=datetime.date(2016, 10, 5)) == 1
    kinds = sorted(Notification.objects.values_list("kind", flat=True))
    assert kinds == [NotificationKind.DEADLINE_SOON, NotificationKind.OVERDUE]


def test_a_milestone_done_brings_no_notice(inspection):
    import_rows(inspection, frame_rows(2))
    assert CrimeListImport.objects.filter(inspection=inspection).exists()
    dated(inspection, data_request=datetime.date(2016, 10, 1))
    inspection.fieldwork_end = inspection.fieldwork_start = None
    inspection.save()
    assert deadlines_notify(on=TODAY) == 0


def test_fieldwork_overdue_is_told_while_the_inspection_is_still_at_fieldwork(inspection):
    assert deadlines_notify(on=TODAY) == 1
    notice = Notification.objects.get()
    assert notice.kind == NotificationKind.OVERDUE and "Fieldwork" in notice.subject


def test_the_command_and_the_beat_task_run_the_same_service(inspection, capsys, settings):
    call_command("timeline_deadlines", "--on", "2016-10-03")
    assert "Deadline notifications recorded: 1." in capsys.readouterr().out
    assert deadlines_notify_task() == 0  # today (long after): the same notice, already recorded
    assert "timeline.deadlines_notify" in {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
