"""python manage.py seed_national [--forces N] [--seed S]

The generated national dataset (see demo/national.py): an inspection per force with reviewed files,
evidence and draft judgments, and generated force figures. Repeatable and idempotent.
"""

import time

from django.core.management.base import BaseCommand, CommandError

from demo.national import national_ensure
from forces.models import Force
from peel.models import Programme


class Command(BaseCommand):
    help = "Generate the national dataset: a generated inspection per force (make bench, the national view)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--forces", type=int, default=43, metavar="N", help="How many forces (default 43)."
        )
        parser.add_argument(
            "--seed", type=int, default=2016, metavar="S", help="The random seed (default 2016)."
        )

    def handle(self, *args, **options):
        available = Force.objects.filter(active=True).count()
        if not 1 <= options["forces"] <= available:
            raise CommandError(
                f"--forces must be between 1 and {available} (the active forces), not {options['forces']}."
            )
        if not Programme.objects.filter(slug="peel-effectiveness-2016").exists():
            raise CommandError("The PEEL effectiveness 2016 programme is missing: run migrate first.")
        started = time.perf_counter()
        result = national_ensure(forces=options["forces"], seed=options["seed"])
        for inspection in result.created:
            self.stdout.write(f"generated inspection: {inspection} (id {inspection.pk})")
        for skipped in result.skipped:
            self.stdout.write(f"left as it is: {skipped}")
        self.stdout.write(
            f"national dataset (seed {options['seed']}): {len(result.created)} inspections generated, "
            f"{len(result.skipped)} left as they were, {result.figures} generated force figures, "
            f"{time.perf_counter() - started:.1f} s"
        )
