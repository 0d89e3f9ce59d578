"""The shape of an inspection's task list (the GOV.UK "complete multiple tasks" pattern): stages of
tasks, each with a status. The overview shows it; what fills it reads every part of the inspection, so it
is supplied by the app above them all (``settings.INSPECTION_TASK_LIST``, a dotted path)."""

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils.module_loading import import_string


class TaskStatus(models.TextChoices):
    """The pattern's statuses, in its words."""

    NOT_STARTED = "not_started", "Not yet started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"
    CANNOT_START = "cannot_start", "Cannot start yet"
    PROBLEM = "problem", "There is a problem"


@dataclass(frozen=True)
class TaskItem:
    name: str
    status: TaskStatus
    url: str = ""  # no link where the user cannot open the task's page
    hint: str = ""


@dataclass(frozen=True)
class TaskStage:
    name: str
    tasks: tuple[TaskItem, ...]
    is_current: bool = False

    @property
    def status(self) -> TaskStatus:
        statuses = {task.status for task in self.tasks}
        if TaskStatus.PROBLEM in statuses:
            return TaskStatus.PROBLEM
        if statuses == {TaskStatus.COMPLETED}:
            return TaskStatus.COMPLETED
        if statuses <= {TaskStatus.CANNOT_START}:
            return TaskStatus.CANNOT_START
        if statuses & {TaskStatus.IN_PROGRESS, TaskStatus.COMPLETED}:
            return TaskStatus.IN_PROGRESS
        return TaskStatus.NOT_STARTED


def task_list_for(*, inspection, user) -> list[TaskStage]:
    return import_string(settings.INSPECTION_TASK_LIST)(inspection=inspection, user=user)
