"""python manage.py compile_inspection --inspection N | --all

Compiles in this process (no worker needed) and prints one line per inspection:
``<force> — <programme>: digest <sha256>, <n> results, <m> draft AFIs, <t> ms``.
"""

from django.core.management.base import BaseCommand, CommandError

from peel.models import Inspection
from reports.services.grading import GradingRulesError
from reports.services.runs import CompileRefused, compile_inspection
from reports.wording import counted


class Command(BaseCommand):
    help = "Compile inspections: file-review results, evidence per question, proposed grades, draft AFIs."

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--inspection", type=int, metavar="N", help="The id of the inspection to compile.")
        which.add_argument("--all", action="store_true", help="Compile every inspection not yet published.")

    def handle(self, *args, **options):
        if options["all"]:
            inspections = Inspection.objects.exclude(status="published")
        else:
            inspections = Inspection.objects.filter(pk=options["inspection"])
            if not inspections.exists():
                raise CommandError(f"No inspection has id {options['inspection']}.")
        failures = 0
        for inspection in inspections.select_related("force", "programme").order_by(
            "programme__year", "force__name"
        ):
            try:
                run = compile_inspection(inspection=inspection)
            except (CompileRefused, GradingRulesError) as refused:
                failures += 1
                self.stderr.write(f"{inspection}: {refused}")
                continue
            self.stdout.write(
                f"{inspection.force.name} — {inspection.programme.name}: digest {run.output_digest}, "
                f"{counted(run.results_count, 'result', 'results')}, "
                f"{counted(run.draft_afis_count, 'draft AFI', 'draft AFIs')}, {run.duration_ms} ms"
            )
        if failures:
            raise CommandError(f"{failures} inspection{'s' if failures != 1 else ''} could not be compiled.")
