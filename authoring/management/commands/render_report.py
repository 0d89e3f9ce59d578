"""python manage.py render_report --inspection N --format pdf|html -o FILE

Writes the inspection's report, as the report page shows it (a draft until the inspection is published),
with its written sections — which is why it lives here, above the reports app.
"""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from authoring.report import authored_report_content
from peel.models import Inspection
from peel.services.pdf_renders import pdf_from_document
from reports.services.report_rendering import report_document_html


class Command(BaseCommand):
    help = "Write an inspection's report to a file, as PDF or self-contained HTML."

    def add_arguments(self, parser):
        parser.add_argument("--inspection", type=int, required=True, metavar="N")
        parser.add_argument("--format", choices=["pdf", "html"], required=True)
        parser.add_argument(
            "-o", "--output", required=True, metavar="FILE", help="Where to write the report."
        )

    def handle(self, *args, **options):
        inspection = (
            Inspection.objects.select_related("force", "programme").filter(pk=options["inspection"]).first()
        )
        if inspection is None:
            raise CommandError(f"No inspection has id {options['inspection']}.")
        output = Path(options["output"])
        if not output.parent.is_dir():
            raise CommandError(f"Cannot write {output}: the folder {output.parent} does not exist.")
        started = time.perf_counter()
        document = report_document_html(
            inspection=inspection, content=authored_report_content(inspection=inspection)
        )
        data = pdf_from_document(document) if options["format"] == "pdf" else document.encode("utf-8")
        try:
            output.write_bytes(data)
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror}.") from None
        elapsed = time.perf_counter() - started
        state = "published" if inspection.is_published else "draft"
        self.stdout.write(
            f"{inspection}: {state} report written to {output} ({len(data):,} bytes, {elapsed:.1f} s)"
        )
