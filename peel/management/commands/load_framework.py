"""python manage.py load_framework FILE — a programme's question framework (and optionally its criteria)
from JSON in the shape of peel/migrations/data/peel_effectiveness_2016_framework.json."""

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from peel.services.frameworks import framework_load


class Command(BaseCommand):
    help = "Load a programme's question framework from a JSON file (a programme in use is refused)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, **options):
        path: Path = options["file"]
        try:
            data = json.loads(path.read_text(encoding="utf-8-sig"))
        except FileNotFoundError:
            raise CommandError(f"{path}: no such file.") from None
        except UnicodeDecodeError:
            raise CommandError(f"{path}: not a UTF-8 text file.") from None
        except json.JSONDecodeError as error:
            raise CommandError(
                f"{path}: not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})."
            ) from None
        try:
            programme, created = framework_load(data=data)
        except ValidationError as error:
            raise CommandError(f"{path}: " + "; ".join(error.messages)) from None
        questions = programme.questions.count()
        criteria = programme.criteria.count()
        verb = "loaded" if created else "updated"
        self.stdout.write(
            f"{verb} programme: {programme} (id {programme.pk}) "
            f"with {questions} questions and {criteria} criteria"
        )
