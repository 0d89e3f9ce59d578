from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reviews.exports import FORMATS, review_export
from reviews.management.commands._inspection import inspection_by_id


class Command(BaseCommand):
    help = "Export every answer of an inspection's file review, one row per file × criterion (CSV or XLSX)."

    def add_arguments(self, parser):
        parser.add_argument("--inspection", type=int, required=True, help="The inspection's id.")
        parser.add_argument("--format", choices=FORMATS, required=True, dest="file_format")
        parser.add_argument("-o", "--output", type=Path, required=True, help="The file to write.")

    def handle(self, *args, **options):
        inspection = inspection_by_id(options["inspection"])
        exported = review_export(inspection=inspection, file_format=options["file_format"])
        try:
            options["output"].write_bytes(exported.content)
        except OSError as error:
            raise CommandError(f"Cannot write {options['output']}: {error.strerror}.") from None
        self.stdout.write(f"wrote {options['output']} ({len(exported.content):,} bytes)")
