from collections import defaultdict

from django.core.management.base import BaseCommand, CommandError

from reviews.management.commands._inspection import inspection_by_id
from reviews.models import CaseFile
from reviews.services.draw import MAX_SEED, sample_draw
from reviews.services.refusals import Refused


class Command(BaseCommand):
    help = (
        "Draw an inspection's stratified random sample and print the drawn crime references, one per line, "
        "grouped by stratum. Without --seed a random seed is chosen, printed and recorded."
    )

    def add_arguments(self, parser):
        parser.add_argument("--inspection", type=int, required=True, help="The inspection's id.")
        parser.add_argument("--seed", type=int, help=f"A whole number from 0 to {MAX_SEED}.")
        parser.add_argument(
            "--redraw",
            action="store_true",
            help="Replace an existing draw (only while no review has started).",
        )

    def handle(self, *args, **options):
        inspection = inspection_by_id(options["inspection"])
        try:
            draw = sample_draw(inspection=inspection, seed=options["seed"], redraw=options["redraw"])
        except Refused as refusal:
            raise CommandError(refusal.message) from None
        by_stratum = defaultdict(list)
        for case_file in CaseFile.objects.filter(inspection=inspection).select_related("crime", "stratum"):
            by_stratum[case_file.stratum_id].append(case_file.crime.crime_reference)
        self.stdout.write(
            f"seed {draw.seed}; frame {draw.frame_size:,} crimes (sha256 {draw.frame_digest}); "
            f"algorithm {draw.algorithm_version}"
        )
        for stratum in draw.allocation:
            self.stdout.write(
                f"# {stratum['label']}: {stratum['drawn']} of {stratum['frame']:,} (quota {stratum['quota']})"
            )
            for reference in by_stratum[stratum["stratum_id"]]:
                self.stdout.write(reference)
