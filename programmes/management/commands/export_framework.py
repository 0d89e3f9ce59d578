"""python manage.py export_framework --programme SLUG [-o FILE] — write a programme as its file
(docs/frameworks.md), to FILE or to standard output."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from peel.models import Programme
from programmes.writing import programme_file_text


class Command(BaseCommand):
    help = "Write a programme as one YAML file that load_framework reads back."

    def add_arguments(self, parser):
        parser.add_argument("--programme", required=True, help="The programme's slug.")
        parser.add_argument("-o", "--output", type=Path, help="The file to write (default: standard output).")

    def handle(self, *args, **options):
        programme = (
            Programme.objects.filter(slug=options["programme"]).select_related("previous_version").first()
        )
        if programme is None:
            slugs = ", ".join(Programme.objects.order_by("slug").values_list("slug", flat=True))
            raise CommandError(f"No programme has the slug {options['programme']!r} (there are: {slugs}).")
        text = programme_file_text(programme)
        if options["output"] is None:
            self.stdout.write(text, ending="")
            return
        options["output"].write_text(text, encoding="utf-8")
        self.stdout.write(f"wrote {programme} to {options['output']}")
