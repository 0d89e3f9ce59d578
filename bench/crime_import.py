"""Benchmark: importing a 100,000-row crime list (target: ≤ 15 s on PostgreSQL, bounded memory).

Run against a migrated database, e.g.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/peel_bench SECRET_KEY=bench-only-secret-key-0123456789 \
        .venv/bin/python bench/crime_import.py --rows 100000

It generates the crime list as a CSV file (half the rows in the sample's strata and window), imports
it into a throwaway inspection inside a transaction that is rolled back, and prints one JSON line:
rows, wall-clock and CPU seconds, rows per second, crimes in the frame, and the process's peak memory
before and after.
"""

import argparse
import csv
import datetime
import json
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peel.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from forces.models import Force  # noqa: E402
from peel.models import Inspection, Programme  # noqa: E402
from reviews.services.frame import crime_list_import  # noqa: E402

CRIME_TYPES = [
    "Robbery",
    "Common assault",
    "GBH",
    "Stalking",
    "Harassment",
    "Rape",
    "Domestic burglary",
    "Shoplifting",
    "Criminal damage",
    "Vehicle crime",
]


def crime_list(path: Path, rows: int) -> None:
    rng = random.Random(1)
    start = datetime.date(2015, 11, 1)
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(
            [
                "Crime Reference",
                "Crime Type",
                "Recorded Date",
                "Domestic Abuse Flag",
                "Outcome Code",
                "Extra notes",
            ]
        )
        for n in range(rows):
            recorded = start + datetime.timedelta(days=rng.randrange(200))
            writer.writerow(
                [
                    f"BENCH/{n:07d}",
                    rng.choice(CRIME_TYPES),
                    recorded.strftime("%d/%m/%Y"),
                    rng.choice("YN"),
                    rng.choice(["", "1", "14", "16", "18"]),
                    "free text the importer ignores",
                ]
            )


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "crimes.csv"
        crime_list(path, args.rows)
        programme = Programme.objects.get(slug="peel-effectiveness-2016")
        with transaction.atomic():
            force = Force.objects.exclude(inspections__programme=programme).order_by("slug").first()
            lead = get_user_model().objects.create(username=f"bench-lead-{time.time_ns()}")
            inspection = Inspection.objects.create(
                force=force,
                programme=programme,
                lead=lead,
                review_window_start=datetime.date(2016, 1, 1),
                review_window_end=datetime.date(2016, 3, 31),
                is_generated=True,
            )
            before = peak_mib()
            started, cpu_started = time.perf_counter(), time.process_time()
            with path.open("rb") as stream:
                result = crime_list_import(inspection=inspection, file=stream, filename=path.name)
            seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
            transaction.set_rollback(True)
    print(
        json.dumps(
            {
                "database": connection.vendor,
                "rows": args.rows,
                "seconds": round(seconds, 2),
                # This process's CPU time: on a busy machine a fairer measure of our own cost than the
                # wall clock (the database server's work is not in it).
                "cpu_seconds": round(cpu_seconds, 2),
                "rows_per_second": round(args.rows / seconds),
                "frame": result.crime_list.imported,
                "summary": result.summary,
                "peak_rss_mib_before": round(before, 1),
                "peak_rss_mib_after": round(peak_mib(), 1),
            }
        )
    )


if __name__ == "__main__":
    main()
