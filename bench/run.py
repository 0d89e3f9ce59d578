"""`make bench`: peel's benchmarks on PostgreSQL, Redis and a real Celery worker.

Writes bench/results.json and appends a dated table to docs/benchmarks.md. Every figure is the median
(or p50/p95) of at least five runs. The benchmark databases are created afresh each time:

- ``<name>``          demo data, then the national dataset (``seed_national --forces 43``);
- ``<name>_import``   an empty inspection for the 100,000-row crime-list import and the draw;
- ``<name>_web_import`` an empty inspection for the 1.2-million-row import through the page
  (bench/web_import.py: gunicorn and a Celery worker).

One case alone: ``--case pdf`` (the demo report's PDF), ``--case report-page`` (the report page at demo
size and at 43 forces) or ``--case web-import``; each sets up only the database it needs, prints its table
and appends it to docs/benchmarks.md (bench/results.json is the full run's).

Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/peel_bench),
BENCH_REDIS_URL (default redis://127.0.0.1:6379/3), BENCH_RUNS (default 5), BENCH_HTTP_SECONDS (30).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import os
import platform
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
HTTP_SECONDS = int(os.environ.get("BENCH_HTTP_SECONDS", "30"))
PAGE_REQUESTS = 40
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/peel_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/3")

TARGETS = {
    "compile_one_in_process_s": 0.3,
    "compile_all_43_s": 15.0,
    "import_100k_s": 15.0,
    "import_100k_peak_mb": 300.0,
    "page_p95_ms": 50.0,
    "http_p95_ms": 150.0,
    "http_overview_ratio": 1 / 6,
    "http_review_form_ratio": 1 / 10,
    "pdf_s": 5.0,
    "web_import_s": 120.0,
    "web_import_request_s": 2.0,
    "web_import_worker_mb": 500.0,
}


def _database_url(suffix: str = "") -> str:
    parts = urlsplit(DATABASE_URL)
    return urlunsplit(parts._replace(path=parts.path + suffix))


def _environment(database_url: str) -> dict[str, str]:
    """Production-shaped settings: DEBUG off, PostgreSQL, Redis, served over plain HTTP on loopback."""
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS_URL,
        "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGH",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "peel.settings",
    }


def _recreate_database(database_url: str) -> None:
    import psycopg

    name = urlsplit(database_url).path.lstrip("/")
    admin_url = urlunsplit(urlsplit(database_url)._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )


def _median(values: list[float]) -> float:
    return statistics.median(values)


def _percentile(values: list[float], percent: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(percent / 100 * (len(ordered) - 1))))
    return ordered[index]


def _log(message: str) -> None:
    print(f"[bench {dt.datetime.now():%H:%M:%S}] {message}", flush=True)


# --- In-process measurements (this process runs Django against the main benchmark database) --------


def _setup_django(env: dict[str, str]) -> None:
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _file_with_a_review_in_draft(inspection):
    """A demo file whose first review is back in draft, so its form is open to the inspector.

    Every demo review is accepted, and an accepted review is locked (its form redirects to the file).
    The benchmark database is throwaway, so the scenario is set up directly.
    """
    from reviews.models import CaseFile, Review, ReviewStatus

    case_file = (
        CaseFile.objects.filter(inspection=inspection, reviewer__username="inspector").order_by("pk").first()
    )
    Review.objects.filter(case_file=case_file, kind="first").update(status=ReviewStatus.DRAFT)
    return case_file


def _analyze() -> None:
    """Planner statistics for the freshly seeded tables, as autovacuum keeps them on a live database
    (without them PostgreSQL guesses row counts and hash-joins whole tables)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


REPORT_PAGE = "report html"


def _pages(label: str, *, only: tuple[str, ...] = ()) -> dict:
    """Server time (p50/p95) and query count of the pages users live on, through the full middleware
    (``only``: those pages alone)."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from peel.models import Inspection

    users = get_user_model().objects
    cleveland = Inspection.objects.get(force__slug="cleveland", programme__slug="peel-effectiveness-2016")
    case_file = _file_with_a_review_in_draft(cleveland)
    pages = {
        "home": ("lead", reverse("home")),
        "inspection overview": ("lead", reverse("peel:inspection_overview", kwargs={"pk": cleveland.pk})),
        "my files": ("inspector", reverse("reviews:my_files", kwargs={"pk": cleveland.pk})),
        "review form": (
            "inspector",
            reverse("reviews:review_first", kwargs={"pk": cleveland.pk, "file_id": case_file.pk}),
        ),
        "progress": ("lead", reverse("reviews:progress", kwargs={"pk": cleveland.pk})),
        "evidence list": ("lead", reverse("peel:evidence_list", kwargs={"pk": cleveland.pk})),
        "report html": ("lead", reverse("publication:report", kwargs={"pk": cleveland.pk})),
        "national view": ("lead", reverse("national:programme", kwargs={"slug": "peel-effectiveness-2016"})),
    }
    results = {}
    for name, (username, path) in pages.items():
        if only and name not in only:
            continue
        client = Client()
        client.force_login(users.get(username=username))
        for _ in range(3):  # warm caches, template loading, connection
            assert client.get(path).status_code == 200, f"{name}: {path}"
        timings, cpu = [], []
        for _ in range(PAGE_REQUESTS):
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
            assert response.status_code == 200
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        results[name] = {
            "path": path,
            "p50_ms": round(_percentile(timings, 50), 2),
            "p95_ms": round(_percentile(timings, 95), 2),
            "cpu_p50_ms": round(_percentile(cpu, 50), 2),
            "cpu_p95_ms": round(_percentile(cpu, 95), 2),
            "queries": len(queries.captured_queries),
        }
        _log(f"page {label} {name}: p95 {results[name]['p95_ms']} ms, {results[name]['queries']} queries")
    return results


def _cleveland_reopened():
    """seed_demo publishes Cleveland, which freezes its compile: reopened for a correction it compiles (and
    its report is a draft, its sections rendered live) as it did before publication existed. The full run
    and ``--case report-page`` measure the pages on it so reopened, at both sizes (``--case pdf`` renders
    the published report)."""
    from peel.models import Inspection
    from publication.services.publishing import correction_open

    cleveland = Inspection.objects.get(force__slug="cleveland", programme__slug="peel-effectiveness-2016")
    if cleveland.is_published:
        correction_open(inspection=cleveland, user=cleveland.lead, notice="Reopened to time the compile.")
        cleveland.refresh_from_db()
    return cleveland


def _compile(env: dict[str, str]) -> dict:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from peel.models import Inspection
    from reports.models import CompileRun, CompileStatus
    from reports.services.runs import compile_inspection, compile_request

    cleveland = _cleveland_reopened()
    in_process = []
    for _ in range(RUNS):
        started = time.perf_counter()
        compile_inspection(inspection=cleveland)
        in_process.append(time.perf_counter() - started)
    _log(f"compile one in process: median {_median(in_process):.3f} s")

    all_runs = []
    for _ in range(RUNS):
        started = time.perf_counter()
        call_command("compile_inspection", all=True, stdout=io.StringIO())
        all_runs.append(time.perf_counter() - started)
    compiled = Inspection.objects.exclude(status="published").count()
    _log(f"compile --all ({compiled} inspections): median {_median(all_runs):.2f} s")

    worker = subprocess.Popen(
        [
            str(Path(PYTHON).with_name("celery")),
            "-A",
            "peel",
            "worker",
            "--concurrency=1",
            "--loglevel=WARNING",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=ROOT,
        env=env | {"DB_CONN_MAX_AGE": "60"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        lead = get_user_model().objects.get(username="lead")
        through_worker, worker_durations = [], []
        for attempt in range(RUNS + 1):
            started = time.perf_counter()
            run = compile_request(inspection=cleveland, user=lead)
            deadline = time.monotonic() + 120
            while True:
                run.refresh_from_db()
                if run.status in {CompileStatus.SUCCEEDED, CompileStatus.FAILED}:
                    break
                if time.monotonic() > deadline:
                    raise RuntimeError("the worker did not finish the compile within 120 s")
                time.sleep(0.01)
            assert run.status == CompileStatus.SUCCEEDED, run.error
            if attempt:  # the first run warms the worker's imports and connection
                through_worker.append(time.perf_counter() - started)
                worker_durations.append(run.duration_ms / 1000)
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=60)
    _log(f"compile one through the worker: median {_median(through_worker):.3f} s end to end")
    return {
        "one_in_process_s": round(_median(in_process), 4),
        "one_through_worker_end_to_end_s": round(_median(through_worker), 4),
        "one_in_worker_s": round(_median(worker_durations), 4),
        "all_s": round(_median(all_runs), 3),
        "all_inspections": compiled,
        "runs_recorded": CompileRun.objects.count(),
    }


def _pdf() -> dict:
    from django.core.management import call_command

    from peel.models import Inspection

    cleveland = Inspection.objects.get(force__slug="cleveland", programme__slug="peel-effectiveness-2016")
    timings, cpu = [], []
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "cleveland.pdf"
        for _ in range(RUNS):
            started, started_cpu = time.perf_counter(), time.process_time()
            call_command(
                "render_report",
                inspection=cleveland.pk,
                format="pdf",
                output=str(target),
                stdout=io.StringIO(),
            )
            timings.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
        size = target.stat().st_size
        pages = _pdf_pages(target)
    _log(f"demo PDF ({pages} pages): median {_median(timings):.2f} s")
    return {
        "render_s": round(_median(timings), 3),
        "runs_s": [round(timing, 3) for timing in timings],
        "cpu_s": round(_median(cpu), 3),
        "cpu_runs_s": [round(timing, 3) for timing in cpu],
        "bytes": size,
        "pages": pages,
    }


def _pdf_pages(path: Path) -> int:
    import pikepdf  # a dev dependency, as make bench installs

    with pikepdf.open(path) as pdf:
        return len(pdf.pages)


# --- Separate processes ----------------------------------------------------------------------------

CRIME_TYPES = [
    "Robbery",
    "Common assault",
    "GBH",
    "Stalking",
    "Harassment",
    "Rape",
    "Domestic burglary",
    "Theft from a vehicle",
    "Shoplifting",
    "Criminal damage",
    "Public order",
    "Drug possession",
]


def _crime_list(path: Path, rows: int, *, columns: int = 8) -> None:
    """A generated crime list: most rows in other crime types or outside the window, as in real exports.
    The first ``columns`` columns (the five of the web import keep 1.2 million rows under 50 MB)."""
    generator = random.Random(100_000)
    start = dt.date(2015, 10, 1)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "Crime Reference",
                "Crime Type",
                "Recorded Date",
                "Domestic Abuse Flag",
                "Outcome Code",
                "Vulnerable Victim Flag",
                "Repeat Victim Flag",
                "Beat",
            ][:columns]
        )
        for number in range(rows):
            recorded = start + dt.timedelta(days=generator.randrange(0, 270))
            writer.writerow(
                [
                    f"CL/{number:06d}/16",
                    generator.choice(CRIME_TYPES),
                    recorded.strftime("%d/%m/%Y"),
                    generator.choice(["Y", "N", "N", ""]),
                    generator.choice(["1", "8", "14", "15", "16", "18", ""]),
                    generator.choice(["Y", "N"]),
                    generator.choice(["yes", "no"]),
                    f"B{generator.randrange(99)}",
                ][:columns]
            )


def _web_import() -> dict:
    from web_import import ROWS, web_import

    env, inspection_id = _empty_inspection("_web_import")
    _manage("collectstatic", "--no-input", env=env)  # gunicorn serves the collected files (DEBUG is off)
    with tempfile.TemporaryDirectory() as folder:
        crime_list = Path(folder) / "crimes-1.2m.csv"
        _crime_list(crime_list, ROWS, columns=5)
        result = web_import(
            env=env, inspection_id=inspection_id, crime_list=crime_list, port=_free_port(), root=ROOT,
            python=PYTHON,
        )  # fmt: skip
    _log(
        f"web import {result['rows']:,} rows, {result['file_mb']} MB: {result['total_s']} s, upload request "
        f"{result['upload_request_s']} s, slowest request {result['slowest_request_s']} s, worker peak "
        f"{result['worker_peak_mb']} MB — {result['summary'][:100]}"
    )
    return result


def _web_import_verdicts(web: dict) -> list[tuple[str, str, str, bool]]:
    return [
        (
            f"import {web['rows']:,}-row, {web['file_mb']} MB crime list through the page",
            "≤ 120 s",
            f"{web['total_s']:.1f} s",
            web["total_s"] <= TARGETS["web_import_s"],
        ),
        (
            "web import: slowest request (upload, progress polls, pages)",
            "≤ 2 s",
            f"{web['slowest_request_s']:.2f} s ({web['slowest_request']}; the upload took "
            f"{web['upload_request_cpu_s']:.2f} s of CPU, load average {web['load_average']} on "
            f"{os.cpu_count()} cores)",
            web["slowest_request_s"] <= TARGETS["web_import_request_s"],
        ),
        (
            "web import: worker peak memory",
            "≤ 500 MB",
            f"{web['worker_peak_mb']:.0f} MB",
            web["worker_peak_mb"] <= TARGETS["web_import_worker_mb"],
        ),
    ]


def _timed_child(args: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Wall seconds and peak resident memory (MB) of one child process."""
    started = time.perf_counter()
    child = subprocess.Popen(
        args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    out = child.stdout.read()
    err = child.stderr.read()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(args)} failed: {err or out}")
    return elapsed, usage.ru_maxrss / 1024, out


def _empty_inspection(suffix: str) -> tuple[dict[str, str], str]:
    """A fresh database with the demo data and an empty West Yorkshire 2016 inspection: (env, its id)."""
    database_url = _database_url(suffix)
    env = _environment(database_url)
    _recreate_database(database_url)
    _manage("migrate", "--no-input", env=env)
    _manage("seed_demo", "--force", env=env)
    created = _manage(
        "create_inspection",
        "--force",
        "west-yorkshire",
        "--programme",
        "PEEL effectiveness 2016",
        "--window",
        "2016-01-01:2016-03-31",
        "--lead",
        "lead",
        "--team",
        "inspector,inspector2",
        env=env,
    ).stdout
    return env, created.rsplit("(id ", 1)[1].split(")")[0]


def _import_and_draw() -> dict:
    env, inspection_id = _empty_inspection("_import")
    with tempfile.TemporaryDirectory() as folder:
        crime_list = Path(folder) / "crimes-100k.csv"
        _crime_list(crime_list, 100_000)
        timings, peaks, summary = [], [], ""
        for _ in range(RUNS):
            elapsed, peak, summary = _timed_child(
                [PYTHON, "manage.py", "import_crimes", "--inspection", inspection_id, str(crime_list)], env
            )
            timings.append(elapsed)
            peaks.append(peak)
    _log(f"import 100k: median {_median(timings):.2f} s, peak {max(peaks):.0f} MB — {summary.strip()[:120]}")
    draws = []
    for run in range(RUNS):
        args = [PYTHON, "manage.py", "draw_sample", "--inspection", inspection_id, "--seed", str(run)]
        elapsed, _, _ = _timed_child(args + (["--redraw"] if run else []), env)
        draws.append(elapsed)
    _log(f"draw on that frame: median {_median(draws):.2f} s")
    return {
        "import_100k_s": round(_median(timings), 3),
        "import_100k_peak_mb": round(max(peaks), 1),
        "import_summary": summary.strip().splitlines()[0] if summary.strip() else "",
        "draw_s": round(_median(draws), 3),
        "note": "Each figure is a whole `manage.py` process (interpreter and Django start-up included).",
    }


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _http(env: dict[str, str]) -> dict:
    """gunicorn (2 workers) under 20 concurrent clients (wrk), beside a bare view in the same run."""
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from peel.models import Inspection

    wrk = shutil.which("wrk")
    if wrk is None:
        raise RuntimeError("wrk is not installed (the Makefile's bench target installs it)")
    cleveland = Inspection.objects.get(force__slug="cleveland", programme__slug="peel-effectiveness-2016")
    case_file = _file_with_a_review_in_draft(cleveland)
    sessions = {}
    for username in ("lead", "inspector"):
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        sessions[username] = client.cookies["sessionid"].value
    port = _free_port()
    server = subprocess.Popen(
        [
            str(Path(PYTHON).with_name("gunicorn")),
            "peel.wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    targets = {
        "bare view": (None, reverse("health")),
        "inspection overview": ("lead", reverse("peel:inspection_overview", kwargs={"pk": cleveland.pk})),
        "review form": (
            "inspector",
            reverse("reviews:review_first", kwargs={"pk": cleveland.pk, "file_id": case_file.pk}),
        ),
    }
    results = {}
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.2)
        for name, (username, path) in targets.items():
            headers = ["-H", f"Cookie: sessionid={sessions[username]}"] if username else []
            url = f"http://127.0.0.1:{port}{path}"
            subprocess.run(
                [wrk, "-t2", "-c20", "-d3s", *headers, url], check=True, capture_output=True
            )  # warm
            output = subprocess.run(
                [
                    wrk,
                    "-t2",
                    "-c20",
                    f"-d{HTTP_SECONDS}s",
                    "-s",
                    str(ROOT / "bench" / "p95.lua"),
                    *headers,
                    url,
                ],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            figures = json.loads(output.strip().splitlines()[-1])
            results[name] = {
                "path": path,
                "requests_per_s": round(figures["requests"] / (figures["duration_us"] / 1e6), 1),
                "p50_ms": round(figures["p50_us"] / 1000, 2),
                "p95_ms": round(figures["p95_us"] / 1000, 2),
                "errors": figures["errors"],
                "non_2xx": figures["non_2xx"],
            }
            _log(f"http {name}: {results[name]['requests_per_s']} req/s, p95 {results[name]['p95_ms']} ms")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    bare = results["bare view"]["requests_per_s"]
    results["ratios"] = {
        "inspection overview": round(results["inspection overview"]["requests_per_s"] / bare, 3),
        "review form": round(results["review form"]["requests_per_s"] / bare, 3),
    }
    return results


# --- Report ------------------------------------------------------------------------------------------


def _machine() -> dict:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory_kb = int(Path("/proc/meminfo").read_text().split()[1])
    postgres = subprocess.run(["psql", "--version"], capture_output=True, text=True).stdout.strip()
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "postgresql_client": postgres,
    }


def _load_average() -> str:
    """The machine is shared (2 cores, other engineers' test runs): the 1/5/15-minute load beside every
    figure says how much of it the benchmark had."""
    return ", ".join(f"{load:.2f}" for load in os.getloadavg())


def _page_verdicts(pages: dict) -> list[tuple[str, str, str, bool]]:
    pages_43, pages_demo = pages["43 forces"], pages["demo"]
    worst_name = max(pages_43, key=lambda name: pages_43[name]["p95_ms"])
    worst_page = pages_43[worst_name]
    unequal = [name for name in pages_43 if pages_43[name]["queries"] != pages_demo[name]["queries"]]
    return [
        (
            f"page p95 in process at 43 forces (worst: {worst_name})",
            "≤ 50 ms",
            f"{worst_page['p95_ms']:.1f} ms",
            worst_page["p95_ms"] <= TARGETS["page_p95_ms"],
        ),
        (
            "query counts equal at demo size and 43 forces",
            "equal",
            "equal" if not unequal else ", ".join(unequal),
            not unequal,
        ),
    ]


def _pdf_verdicts(pdf: dict) -> list[tuple[str, str, str, bool]]:
    return [
        (
            f"demo PDF render, {pdf['pages']} pages (median)",
            "≤ 5 s",
            f"{pdf['render_s']:.2f} s",
            pdf["render_s"] <= TARGETS["pdf_s"],
        )
    ]


def _verdicts(results: dict) -> list[tuple[str, str, str, bool]]:
    """(measure, target, measured, met) rows for the table."""
    compile_ = results["compile"]
    imported = results["import"]
    http = results["http"]
    http_p95 = max(http[name]["p95_ms"] for name in ("inspection overview", "review form"))
    return [
        (
            "compile one inspection, in process (median)",
            "≤ 0.3 s",
            f"{compile_['one_in_process_s']:.3f} s",
            compile_["one_in_process_s"] <= TARGETS["compile_one_in_process_s"],
        ),
        (
            "compile one inspection, in the worker (median)",
            "≤ 0.3 s",
            f"{compile_['one_in_worker_s']:.3f} s",
            compile_["one_in_worker_s"] <= TARGETS["compile_one_in_process_s"],
        ),
        (
            f"compile --all ({compile_['all_inspections']} inspections, median)",
            "≤ 15 s",
            f"{compile_['all_s']:.2f} s",
            compile_["all_s"] <= TARGETS["compile_all_43_s"],
        ),
        (
            "import 100,000-row crime list (median)",
            "≤ 15 s",
            f"{imported['import_100k_s']:.2f} s",
            imported["import_100k_s"] <= TARGETS["import_100k_s"],
        ),
        (
            "import peak memory",
            "≤ 300 MB",
            f"{imported['import_100k_peak_mb']:.0f} MB",
            imported["import_100k_peak_mb"] <= TARGETS["import_100k_peak_mb"],
        ),
        ("draw on the 100k frame (median)", "—", f"{imported['draw_s']:.2f} s", True),
        *_page_verdicts(results["pages"]),
        (
            "HTTP p95 at 20 concurrent (overview, review form)",
            "≤ 150 ms",
            f"{http_p95:.1f} ms",
            http_p95 <= TARGETS["http_p95_ms"],
        ),
        (
            "HTTP throughput, overview ÷ bare view",
            "≥ 0.167",
            f"{http['ratios']['inspection overview']:.3f}",
            http["ratios"]["inspection overview"] >= TARGETS["http_overview_ratio"],
        ),
        (
            "HTTP throughput, review form ÷ bare view",
            "≥ 0.100",
            f"{http['ratios']['review form']:.3f}",
            http["ratios"]["review form"] >= TARGETS["http_review_form_ratio"],
        ),
        *_pdf_verdicts(results["pdf"]),
        *_web_import_verdicts(results["web_import"]),
    ]


def _heading(results: dict, reproduce: str) -> list[str]:
    machine = results["machine"]
    method = [f"Medians of {RUNS} runs"] if {"pdf", "compile", "import"} & results.keys() else []
    if "pages" in results:
        method.append(f"{'p' if method else 'P'}ages {PAGE_REQUESTS} requests each")
    if "http" in results:
        method.append(f"HTTP {HTTP_SECONDS} s per URL")
    return [
        f"## {results['date']}" + (f" — `{reproduce}`" if reproduce != "make bench" else ""),
        "",
        f"Machine: {machine['cpu']}, {machine['cores']} cores, {machine['memory_gb']} GB; Python "
        f"{machine['python']}; {machine['postgresql_client']}; load average (1, 5, 15 min) "
        f"{results['load_average']['start']} at the start, {results['load_average']['end']} at the end. "
        f"{'; '.join(method)}. Reproduce with `{reproduce}`.",
        "",
        "| measure | target | measured | met |",
        "|---|---|---|---|",
        *(f"| {m} | {t} | {v} | {'yes' if ok else '**no**'} |" for m, t, v, ok in results["verdicts"]),
    ]


def _page_table(pages: dict) -> list[str]:
    lines = [
        "",
        "| page | demo p50 / p95 ms | demo queries | 43 forces p50 / p95 ms | 43 forces CPU p50 / p95 ms "
        "| 43 forces queries |",
        "|---|---|---|---|---|---|",
    ]
    for name, demo in pages["demo"].items():
        big = pages["43 forces"][name]
        lines.append(
            f"| {name} | {demo['p50_ms']} / {demo['p95_ms']} | {demo['queries']} | "
            f"{big['p50_ms']} / {big['p95_ms']} | {big['cpu_p50_ms']} / {big['cpu_p95_ms']} | "
            f"{big['queries']} |"
        )
    return lines


def _pdf_table(pdf: dict) -> list[str]:
    runs = ", ".join(f"{run:.2f}" for run in pdf["runs_s"])
    cpu = ", ".join(f"{run:.2f}" for run in pdf["cpu_runs_s"])
    return [
        "",
        f"PDF: {pdf['pages']} pages, {pdf['bytes']:,} bytes; each run is `render_report --format pdf` "
        f"(the report's content, its HTML document and WeasyPrint's PDF), in seconds: {runs}; this "
        f"process's CPU seconds in each (median {pdf['cpu_s']:.2f}; less moved by other load): {cpu}.",
    ]


def _http_table(http: dict) -> list[str]:
    lines = [
        "",
        "| HTTP (gunicorn, 2 workers, 20 connections) | requests/s | p50 ms | p95 ms | errors |",
        "|---|---|---|---|---|",
    ]
    for name in ("bare view", "inspection overview", "review form"):
        row = http[name]
        lines.append(
            f"| {name} | {row['requests_per_s']} | {row['p50_ms']} | {row['p95_ms']} | "
            f"{row['errors'] + row['non_2xx']} |"
        )
    return lines


def _markdown(results: dict, reproduce: str = "make bench") -> str:
    lines = _heading(results, reproduce)
    if "pages" in results:
        lines += _page_table(results["pages"])
    if "pdf" in results:
        lines += _pdf_table(results["pdf"])
    if "http" in results:
        lines += _http_table(results["http"])
    return "\n".join(lines) + "\n\n"


def _append_to_benchmarks(results: dict, reproduce: str) -> None:
    benchmarks = ROOT / "docs" / "benchmarks.md"
    if not benchmarks.exists():
        benchmarks.write_text(
            "# Benchmarks\n\nEach `make bench` run appends a dated table here (see bench/run.py for what is "
            "measured and how).\n\n",
            encoding="utf-8",
        )
    separator = "" if benchmarks.read_text(encoding="utf-8").endswith("\n\n") else "\n"
    with benchmarks.open("a", encoding="utf-8") as handle:
        handle.write(separator + _markdown(results, reproduce))


# --- Setup shared by the full run and the cases ------------------------------------------------------


def _demo_database(env: dict[str, str]) -> None:
    """The main benchmark database afresh (migrated, static collected, the demo data compiled, planner
    statistics), with Django set up in this process against it."""
    _log("main database: migrate, collect static, demo data")
    _recreate_database(DATABASE_URL)
    _manage("migrate", "--no-input", env=env)
    _manage("collectstatic", "--no-input", env=env)
    _manage("seed_demo", "--force", env=env)
    _setup_django(env)
    from django.core.management import call_command

    call_command("compile_inspection", all=True, stdout=io.StringIO())
    _analyze()


def _national_dataset() -> float:
    """Adds the national dataset (``seed_national --forces 43``) to the main database: its seconds."""
    from django.core.management import call_command

    _log("national dataset: seed_national --forces 43")
    started = time.perf_counter()
    call_command("seed_national", forces=43, seed=2016, stdout=io.StringIO())
    _analyze()
    return round(time.perf_counter() - started, 1)


# --- The full run and the cases ----------------------------------------------------------------------


def _full(env: dict[str, str]) -> dict:
    results: dict = {}
    _log("import and draw (separate database)")
    results["import"] = _import_and_draw()
    _log("crime-list import through the page (separate database, gunicorn and a worker)")
    results["web_import"] = _web_import()
    _demo_database(env)
    _cleveland_reopened()  # the pages are measured on the same draft at both sizes
    results["pages"] = {"demo": _pages("demo")}
    results["seed_national_s"] = _national_dataset()
    results["compile"] = _compile(env)
    results["pages"]["43 forces"] = _pages("43 forces")
    results["pdf"] = _pdf()
    results["http"] = _http(env)
    results["verdicts"] = _verdicts(results)
    return results


def _case_pdf(env: dict[str, str]) -> dict:
    _demo_database(env)
    pdf = _pdf()
    return {"pdf": pdf, "verdicts": _pdf_verdicts(pdf)}


def _case_report_page(env: dict[str, str]) -> dict:
    _demo_database(env)
    _cleveland_reopened()  # as the full run measures it
    pages = {"demo": _pages("demo", only=(REPORT_PAGE,))}
    seed_national_s = _national_dataset()
    pages["43 forces"] = _pages("43 forces", only=(REPORT_PAGE,))
    return {"pages": pages, "seed_national_s": seed_national_s, "verdicts": _page_verdicts(pages)}


def _case_web_import(env: dict[str, str]) -> dict:
    web = _web_import()
    return {"web_import": web, "verdicts": _web_import_verdicts(web)}


CASES = {"pdf": _case_pdf, "report-page": _case_report_page, "web-import": _case_web_import}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="peel's benchmarks (make bench runs them all).")
    parser.add_argument("--case", choices=sorted(CASES), help="run this case alone")
    case = parser.parse_args(argv).case
    if not DATABASE_URL.startswith(("postgres://", "postgresql://")):
        print("make bench runs on PostgreSQL: set BENCH_DATABASE_URL to a postgres:// URL", file=sys.stderr)
        return 2
    env = _environment(DATABASE_URL)
    started = {"date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"), "load": _load_average()}
    results = CASES[case](env) if case else _full(env)
    results = {
        "date": started["date"],
        "machine": _machine(),
        "load_average": {"start": started["load"], "end": _load_average()},
        **results,
    }
    if case is None:
        (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    reproduce = "make bench" if case is None else f"python bench/run.py --case {case}"
    _append_to_benchmarks(results, reproduce)
    print(_markdown(results, reproduce))
    missed = [measure for measure, _, _, met in results["verdicts"] if not met]
    _log("all targets met" if not missed else f"targets missed: {'; '.join(missed)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
