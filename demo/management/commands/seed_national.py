"""python manage.py seed_national [--forces N] [--seed S] [--programme SLUG]

The generated national dataset (see demo/national.py): an inspection per force with reviewed files,
evidence and draft judgments graded on the programme's scale, and generated force figures. Repeatable and
idempotent. Under PEEL effectiveness 2016 unless ``--programme`` names another programme: one that is
present, or one peel ships a file for (peel/data/programmes/<slug>.yaml, e.g. peel-2023-25, five grades),
which is loaded first.
"""

import time

from django.core.management.base import BaseCommand, CommandError

from demo.national import PROGRAMME_SLUG, NationalProgrammeError, national_ensure
from forces.models import Force
from peel.models import Programme
from programmes.services import shipped_programme_ensure


class Command(BaseCommand):
    help = "Generate the national dataset: a generated inspection per force (make bench, the national view)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--forces", type=int, default=43, metavar="N", help="How many forces (default 43)."
        )
        parser.add_argument(
            "--seed", type=int, default=2016, metavar="S", help="The random seed (default 2016)."
        )
        parser.add_argument(
            "--programme",
            default=PROGRAMME_SLUG,
            metavar="SLUG",
            help=f"The programme to generate under, by its slug (default {PROGRAMME_SLUG}).",
        )

    def handle(self, *args, **options):
        available = Force.objects.filter(active=True).count()
        if not 1 <= options["forces"] <= available:
            raise CommandError(
                f"--forces must be between 1 and {available} (the active forces), not {options['forces']}."
            )
        slug = options["programme"]
        if shipped_programme_ensure(slug=slug) is None:
            present = ", ".join(Programme.objects.order_by("slug").values_list("slug", flat=True)) or "none"
            hint = (
                " run migrate first." if slug == PROGRAMME_SLUG else f" load it first (present: {present})."
            )
            raise CommandError(f"No programme has the slug {slug!r} and peel ships no file for it:{hint}")
        started = time.perf_counter()
        try:
            result = national_ensure(forces=options["forces"], seed=options["seed"], programme_slug=slug)
        except NationalProgrammeError as error:
            raise CommandError(str(error)) from None
        for inspection in result.created:
            self.stdout.write(f"generated inspection: {inspection} (id {inspection.pk})")
        for skipped in result.skipped:
            self.stdout.write(f"left as it is: {skipped}")
        self.stdout.write(
            f"national dataset (seed {options['seed']}): {len(result.created)} inspections generated, "
            f"{len(result.skipped)} left as they were, {result.figures} generated force figures, "
            f"{time.perf_counter() - started:.1f} s"
        )
