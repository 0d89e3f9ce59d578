"""The web import benchmark: a 1.2-million-row, 50 MB crime list uploaded through the page to gunicorn,
imported by a real Celery worker, its progress polled as the page's htmx does (every second).

Measures the wall time from the upload's first byte to the import's end, every request's time (the
upload, each progress poll, the pages), and the worker's peak resident memory (VmHWM of its processes).
Run alone with ``python bench/run.py --case web-import``; ``make bench`` runs it with the rest.
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import subprocess
import time
import uuid
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROWS = 1_200_000
POLL_SECONDS = 1.0
GIVE_UP_SECONDS = 600


class Browser:
    """Just enough of a browser for the import page: cookies, CSRF tokens, timed requests."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}
        self.timings: list[tuple[str, float]] = []

    def request(self, method: str, path: str, *, body: bytes = b"", headers: dict | None = None, what=""):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        headers = {**(headers or {}), "Host": "127.0.0.1"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        if method == "POST":
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        started = time.perf_counter()
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read()
        self.timings.append((what or f"{method} {path}", time.perf_counter() - started))
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        connection.close()
        return response, content.decode("utf-8", errors="replace")

    def csrf_token(self, page: str) -> str:
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if match is None:
            raise RuntimeError("no CSRF token on the page")
        return match.group(1)

    def log_in(self, username: str, password: str) -> None:
        _, page = self.request("GET", "/accounts/login/", what="login page")
        body = urlencode(
            {"csrfmiddlewaretoken": self.csrf_token(page), "username": username, "password": password}
        ).encode()
        response, _ = self.request(
            "POST",
            "/accounts/login/",
            body=body,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            what="log in",
        )
        if response.status != 302:
            raise RuntimeError(f"logging in as {username} gave {response.status}")

    def upload(self, path: str, field: str, file: Path) -> http.client.HTTPResponse:
        _, page = self.request("GET", path, what="import page")
        boundary = uuid.uuid4().hex
        body = b"".join(
            [
                f"--{boundary}\r\nContent-Disposition: form-data; "
                'name="csrfmiddlewaretoken"\r\n\r\n'.encode(),
                self.csrf_token(page).encode(),
                f"\r\n--{boundary}\r\nContent-Disposition: form-data; "
                f'name="{field}"; filename="{file.name}"\r\nContent-Type: text/csv\r\n\r\n'.encode(),
                file.read_bytes(),
                f"\r\n--{boundary}--\r\n".encode(),
            ]
        )
        response, _ = self.request(
            "POST",
            path,
            body=body,
            headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
            what="upload (POST)",
        )
        return response


def _peak_rss_mb(pid: int) -> float:
    """The largest peak resident set (VmHWM) of the process and its descendants."""
    peaks, pending = [], [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        peaks += [int(line.split()[1]) / 1024 for line in status.splitlines() if line.startswith("VmHWM:")]
        pending += [int(child) for child in children]
    return max(peaks, default=0.0)


def _cpu_seconds(pid: int) -> float:
    """User and system CPU seconds of the process's children (gunicorn's workers) so far."""
    total = 0.0
    for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
        fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def _wait_for_port(port: int, seconds: float = 30) -> None:
    import socket

    deadline = time.monotonic() + seconds
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not start") from None
            time.sleep(0.2)


def web_import(
    *, env: dict, inspection_id: str, crime_list: Path, port: int, root: Path, python: str
) -> dict:
    """Upload ``crime_list`` through the page of an empty inspection; see the module's docstring."""
    binaries = Path(python).parent
    worker = subprocess.Popen(
        [str(binaries / "celery"), "-A", "peel", "worker", "--concurrency=1", "--loglevel=WARNING",
         "--without-gossip", "--without-mingle"],
        cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    # gunicorn's default 30 s worker timeout: the limit the synchronous import used to be killed by.
    server = subprocess.Popen(
        [str(binaries / "gunicorn"), "peel.wsgi:application", "--workers", "2", "--timeout", "30",
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        _wait_for_port(port)
        time.sleep(3)  # the worker connects to the broker
        for _ in range(4):  # both gunicorn workers load their templates and connect: not what is measured
            Browser(port).request("GET", "/accounts/login/")
        browser = Browser(port)
        browser.log_in("lead", "peel-demo-2016")
        page = f"/inspections/{inspection_id}/files/import/"
        load_before, cpu_before = os.getloadavg()[0], _cpu_seconds(server.pid)
        started = time.perf_counter()
        response = browser.upload(page, "crime_list", crime_list)
        upload_cpu = _cpu_seconds(server.pid) - cpu_before
        if response.status != 302:
            raise RuntimeError(f"the upload gave {response.status}, not a redirect")
        _, shown = browser.request("GET", page, what="import page, import queued")
        progress = re.search(r'hx-get="([^"]+/progress/)"', shown)
        if progress is None:
            raise RuntimeError("the import page shows no progress to poll")
        stages = []
        while True:
            reply, fragment = browser.request(
                "GET", progress.group(1), headers={"HX-Request": "true"}, what="progress poll"
            )
            stage = re.search(r'role="status"[^>]*>([^<]*)<', fragment)
            stages.append(stage.group(1).strip() if stage else "")
            if reply.headers.get("HX-Refresh") == "true":
                break
            if time.perf_counter() - started > GIVE_UP_SECONDS:
                raise RuntimeError(f"the import had not finished after {GIVE_UP_SECONDS} s")
            time.sleep(POLL_SECONDS)
        elapsed = time.perf_counter() - started
        _, result = browser.request("GET", page, what="import page, import finished")
        summary = re.search(r"Finished [\w ]+ [\d:]+: ([^<]+)\.</p>", result)
        if summary is None:
            raise RuntimeError(f"the import did not succeed: {result[result.find('alert') :][:500]}")
        peak = _peak_rss_mb(worker.pid)
    finally:
        server.send_signal(signal.SIGTERM)
        worker.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        worker.wait(timeout=60)
    polls = [seconds for what, seconds in browser.timings if what == "progress poll"]
    return {
        "rows": ROWS,
        "file_mb": round(crime_list.stat().st_size / 1_000_000, 1),
        "total_s": round(elapsed, 1),
        "upload_request_s": round(dict(browser.timings)["upload (POST)"], 2),
        "upload_request_cpu_s": round(upload_cpu, 2),
        "load_average": round(load_before, 1),
        "slowest_request_s": round(max(seconds for _, seconds in browser.timings), 2),
        "slowest_request": max(browser.timings, key=lambda timing: timing[1])[0],
        "polls": len(polls),
        "poll_p95_ms": round(sorted(polls)[int(0.95 * (len(polls) - 1))] * 1000, 1),
        "worker_peak_mb": round(peak, 1),
        "stages_seen": [stage for index, stage in enumerate(stages) if index % 10 == 0][:12],
        "summary": summary.group(1),
    }
