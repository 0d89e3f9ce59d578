from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reviews.management.commands._inspection import inspection_by_id
from reviews.services.frame import crime_list_import
from reviews.services.refusals import Refused


class Command(BaseCommand):
    help = (
        "Import a force's crime list (CSV or XLSX) as an inspection's sampling frame. A malformed file is "
        "refused as a whole, with its problems by row and column on stderr and a non-zero exit."
    )

    def add_arguments(self, parser):
        parser.add_argument("--inspection", type=int, required=True, help="The inspection's id.")
        parser.add_argument("file", type=Path, help="The crime list, .csv (UTF-8) or .xlsx.")

    def handle(self, *args, **options):
        inspection = inspection_by_id(options["inspection"])
        path: Path = options["file"]
        try:
            stream = path.open("rb")
        except OSError as error:
            raise CommandError(f"Cannot open {path}: {error.strerror}.") from None
        with stream:
            try:
                result = crime_list_import(inspection=inspection, file=stream, filename=path.name)
            except Refused as refusal:
                for line in refusal.lines:
                    self.stderr.write(line)
                raise CommandError(refusal.message) from None
        self.stdout.write(result.summary)
        for label, size in result.stratum_sizes:
            self.stdout.write(f"  {label}: {size:,}")
