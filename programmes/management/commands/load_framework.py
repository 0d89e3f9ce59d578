"""python manage.py load_framework FILE [--name NAME --slug SLUG] — load a programme file
(docs/frameworks.md) as a new programme, or refuse naming each problem's line and column."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from programmes.reading import ProgrammeFileError
from programmes.services import programme_file_load


class Command(BaseCommand):
    help = "Load a programme file (YAML); a programme in use is refused, and nothing is written on a refusal."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--name", help="Load it under this name instead of the file's.")
        parser.add_argument("--slug", help="Load it under this slug instead of the file's.")

    def handle(self, *args, **options):
        path: Path = options["file"]
        try:
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise CommandError(f"{path}: no such file.") from None
        except UnicodeDecodeError:
            raise CommandError(f"{path}: not a UTF-8 text file.") from None
        try:
            programme, created = programme_file_load(text=text, name=options["name"], slug=options["slug"])
        except ProgrammeFileError as error:
            lines = "\n".join(f"  {path}: {problem}" for problem in error.problems)
            raise CommandError(f"{path} was not loaded; nothing was written:\n{lines}") from None
        verb = "loaded" if created else "replaced the unused"
        self.stdout.write(
            f"{verb} programme: {programme} (slug {programme.slug}, id {programme.pk}) with "
            f"{programme.questions.count()} questions and {programme.criteria.count()} criteria"
        )
