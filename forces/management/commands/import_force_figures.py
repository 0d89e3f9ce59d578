from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from forces.services.figure_import import FigureImportError, figures_import


class Command(BaseCommand):
    help = (
        "Import force figures from a CSV or XLSX file with a header row: force, metric, period and either "
        "numerator and denominator, or value. All rows are imported, or none."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A .csv (UTF-8) or .xlsx file.")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror or error}.") from error
        try:
            result = figures_import(content=content, filename=path.name)
        except FigureImportError as error:
            raise CommandError(f"{path.name} was not imported:\n" + "\n".join(error.messages())) from error
        self.stdout.write(self.style.SUCCESS(result.summary(path.name)))
