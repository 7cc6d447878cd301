"""Load benchmark of the web app on PostgreSQL: 200 organisations, 10,000 assessments, 20 clients for 30 s.

Each client logs in as a member of one organisation and loops over its dashboard, a result page and the
API's account list, through gunicorn on 127.0.0.1. Prints
``BENCH web p50_ms=.. p95_ms=.. errors=..``; the target is p95 under 250 ms with no errors.

Latencies depend on whatever else the machine runs, so the line also gives the CPU time spent per request
while the clients ran: by the server's processes (``server_cpu_ms``), by the PostgreSQL backends serving the
benchmark's database (``db_cpu_ms``) and by the load client itself (``client_cpu_ms``), read from ``/proc``.
Environment: ``GONOGO_BENCH_DATABASE_URL`` (default postgres://postgres@127.0.0.1:5432/gonogo_bench, created
when missing), ``GONOGO_BENCH_SECONDS`` (30), ``GONOGO_BENCH_CLIENTS`` (20), ``GONOGO_BENCH_WORKERS`` (CPUs + 1),
``GONOGO_BENCH_THREADS`` (``gonogo serve``'s default), ``GONOGO_BENCH_CACHE_URL`` (``locmem://``; e.g.
``redis://127.0.0.1:6379/1``).
"""

from __future__ import annotations

import http.client
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
ORGANISATIONS = 200
ACCOUNTS_PER_ORG = 25
VERSIONS_PER_ACCOUNT = 2  # 200 x 25 x 2 = 10,000 assessments
PASSWORD = "bench-" + "p" * 20


def _database_url() -> str:
    return os.environ.get("GONOGO_BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/gonogo_bench")


def _ensure_database(url: str) -> None:
    import psycopg

    name = urlparse(url).path.lstrip("/")
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is None:
            conn.execute(f'CREATE DATABASE "{name}"')


def _cache_url() -> str:
    return os.environ.get("GONOGO_BENCH_CACHE_URL", "locmem://")


def _environment(var_dir: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GONOGO_", "DJANGO_"))}
    env.update(
        DATABASE_URL=_database_url(),
        GONOGO_SECRET_KEY="bench-" + secrets.token_urlsafe(40),
        GONOGO_ALLOWED_HOSTS="127.0.0.1",
        GONOGO_HTTPS="0",
        GONOGO_VAR_DIR=var_dir,
        GONOGO_LOG_LEVEL="WARNING",
        GONOGO_LOGIN_FAILURE_LIMIT="1000",
        GONOGO_CACHE_URL=_cache_url(),
    )
    return env


SEED = r"""
import datetime as dt, sys
from pathlib import Path
import django
django.setup()
from django.contrib.auth import get_user_model
from django.db import transaction
from gonogo.web.assessments.documents import read_document
from gonogo.web.assessments.engine import evaluate_document
from gonogo.web.assessments.models import Account, Assessment, Result
from gonogo.web.orgs.models import Membership, Organisation
orgs_n, accounts_n, versions_n, password = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
if Organisation.objects.filter(name__startswith="Bench ").count() < orgs_n:
    document = read_document(Path("examples/politivest-2023-04.yaml").read_bytes(), "example")
    data, kb_version = evaluate_document(document)
    review = dt.date.fromisoformat(data["review_date"])
    with transaction.atomic():
        Organisation.objects.filter(name__startswith="Bench ").delete()
        orgs = Organisation.objects.bulk_create(
            Organisation(name=f"Bench {i:03d}", kind="police", jurisdiction="NO-46", population_served=100000)
            for i in range(orgs_n)
        )
        User = get_user_model()
        User.objects.filter(username__startswith="bench").delete()
        hashed = User(username="x")
        hashed.set_password(password)
        users = User.objects.bulk_create(
            User(username=f"bench{i:03d}", password=hashed.password) for i in range(orgs_n)
        )
        Membership.objects.bulk_create(Membership(user=u, organisation=o, role="editor") for u, o in zip(users, orgs))
        accounts = Account.objects.bulk_create(
            Account(organisation=o, platform="tiktok", handle=f"acct{j}") for o in orgs for j in range(accounts_n)
        )
        items = Assessment.objects.bulk_create(
            Assessment(account=a, version=v + 1, document=document, status="approved" if v == 0 else "draft")
            for a in accounts for v in range(versions_n)
        )
        for start in range(0, len(items), 500):
            Result.objects.bulk_create(
                Result(assessment=item, data=data, document=document, kb_version=kb_version,
                       content_hash=Result.hash_of(document, data, kb_version), outcome=data["outcome"],
                       robustness=data["robustness"], review_date=review)
                for item in items[start:start + 500]
            )
for o in Organisation.objects.filter(name__startswith="Bench ").order_by("name"):
    a = Assessment.objects.filter(account__organisation=o).order_by("pk").first()
    print(o.pk, a.pk)
"""


def _cpu_seconds(pid: int) -> float:
    """Return the user and system CPU time of one process, or 0 when it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _process_tree(root: int) -> list[int]:
    """Return ``root`` and its descendants (gunicorn's master and workers)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            parents.setdefault(ppid, []).append(int(entry.name))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(parents.get(pid, []))
    return tree


def _backends(url: str) -> list[int]:
    """Return the PostgreSQL backends connected to the benchmark's database."""
    import psycopg

    name = urlparse(url).path.lstrip("/")
    with psycopg.connect(url, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", (name,)
        ).fetchall()
    return [int(pid) for (pid,) in rows]


class CpuMeter:
    """CPU seconds used by the server's processes, the database's backends and this client between two reads."""

    def __init__(self, server_pid: int, url: str) -> None:
        self.server_pid, self.url = server_pid, url
        self.start: dict[str, dict[int, float]] = {}

    def _read(self) -> dict[str, dict[int, float]]:
        return {
            "server": {pid: _cpu_seconds(pid) for pid in _process_tree(self.server_pid)},
            "db": {pid: _cpu_seconds(pid) for pid in _backends(self.url)},
        }

    def begin(self) -> None:
        self.start = self._read()
        self.client_start = time.process_time()

    def end(self) -> dict[str, float]:
        """Return CPU seconds per part; a process that started meanwhile counts from zero."""
        client = time.process_time() - self.client_start
        now = self._read()
        used = {part: sum(t - self.start[part].get(pid, 0.0) for pid, t in now[part].items()) for part in now}
        used["client"] = client
        return used


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Session:
    """One client: a kept-alive connection with its session cookie and an API token.

    A request that finds its idle connection closed by the server is sent again once on a new connection,
    as browsers do; the time of both attempts counts, and a second failure is an error.
    """

    def __init__(self, port: int, username: str, token: str) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookies: dict[str, str] = {}
        self.token = token
        self.username = username

    def request(self, method: str, path: str, body: str | None = None, api: bool = False) -> tuple[int, bytes]:
        headers = {"Host": "127.0.0.1"}
        if api:
            headers["Authorization"] = f"Bearer {self.token}"
        elif self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = "http://127.0.0.1/login/"
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
        except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
            # The server closed the kept-alive connection while it was idle (after its keep-alive timeout):
            # like browsers, send the request again once on a new connection.
            self.conn.close()
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
        data = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, data

    def login(self) -> None:
        _status, page = self.request("GET", "/login/")
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert match, "no CSRF token on the login page"
        form = f"csrfmiddlewaretoken={match.group(1).decode()}&username={self.username}&password={PASSWORD}"
        status, _ = self.request("POST", "/login/", form)
        assert status == 302, f"log-in as {self.username} answered {status}"


def main() -> None:
    url = _database_url()
    try:
        _ensure_database(url)
    except Exception as exc:
        print(f"BENCH web skipped=1 reason=postgresql_unreachable ({type(exc).__name__})")
        return
    seconds = float(os.environ.get("GONOGO_BENCH_SECONDS", "30"))
    clients = int(os.environ.get("GONOGO_BENCH_CLIENTS", "20"))
    workers = int(os.environ.get("GONOGO_BENCH_WORKERS", str((os.cpu_count() or 1) + 1)))
    from gonogo.commands.serve import DEFAULT_THREADS

    threads = int(os.environ.get("GONOGO_BENCH_THREADS", str(DEFAULT_THREADS)))
    gonogo = str(Path(sys.executable).with_name("gonogo"))
    with tempfile.TemporaryDirectory() as var_dir:
        env = _environment(var_dir)
        subprocess.run([gonogo, "manage", "migrate", "-v0"], env=env, check=True, cwd=ROOT)
        t0 = time.perf_counter()
        seeded = subprocess.run(
            [
                sys.executable,
                "-c",
                SEED,
                str(ORGANISATIONS),
                str(ACCOUNTS_PER_ORG),
                str(VERSIONS_PER_ACCOUNT),
                PASSWORD,
            ],
            env={**env, "DJANGO_SETTINGS_MODULE": "gonogo.web.settings"},
            check=True,
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        seed_s = time.perf_counter() - t0
        targets = [tuple(int(x) for x in line.split()) for line in seeded.stdout.split("\n") if line.strip()]
        tokens = []
        for i in range(clients):
            done = subprocess.run(
                [gonogo, "manage", "api_token", f"bench{i:03d}", "--name", "bench"],
                env=env,
                check=True,
                cwd=ROOT,
                capture_output=True,
                text=True,
            )
            tokens.append(done.stdout.strip())
        subprocess.run([gonogo, "manage", "collectstatic", "--noinput", "-v0"], env=env, check=True, cwd=ROOT)
        port = _free_port()
        server = subprocess.Popen(
            [
                gonogo,
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--workers",
                str(workers),
                "--threads",
                str(threads),
            ],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            _wait_for(port)
            timed, errors, requests, cpu = _run(port, targets, tokens, clients, seconds, CpuMeter(server.pid, url))
        finally:
            server.terminate()
            server.wait(timeout=30)
    latencies = sorted(ms for _page, ms in timed)
    pages = {
        name: sorted(ms for page, ms in timed if page == i) for i, name in enumerate(("dashboard", "result", "api"))
    }
    per_page = " ".join(f"{name}_p95_ms={_p95(ms):.1f}" for name, ms in pages.items())
    p50 = statistics.median(latencies) if latencies else float("nan")
    p95 = _p95(latencies)

    def per_request(seconds_used: float) -> str:
        return f"{1000 * seconds_used / max(requests, 1):.2f}"

    print(
        f"BENCH web p50_ms={p50:.1f} p95_ms={p95:.1f} errors={errors} requests={requests} "
        f"rps={requests / seconds:.0f} clients={clients} seconds={seconds:.0f} workers={workers} threads={threads} "
        f"organisations={ORGANISATIONS} assessments={ORGANISATIONS * ACCOUNTS_PER_ORG * VERSIONS_PER_ACCOUNT} "
        f"{per_page} cache={_cache_url().split(':', 1)[0]} "
        f"server_cpu_ms={per_request(cpu['server'])} db_cpu_ms={per_request(cpu['db'])} "
        f"client_cpu_ms={per_request(cpu['client'])} seed_s={seed_s:.1f} target_p95_ms=250"
    )


def _p95(ordered: list[float]) -> float:
    return ordered[int(0.95 * (len(ordered) - 1))] if ordered else float("nan")


def _wait_for(port: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the server did not start on port {port}")


def _run(
    port: int, targets: list[tuple[int, ...]], tokens: list[str], clients: int, seconds: float, meter: CpuMeter
) -> tuple[list[tuple[int, float]], int, int, dict[str, float]]:
    latencies: list[tuple[int, float]] = []
    counts = {"errors": 0, "requests": 0}
    failures: dict[str, int] = {}
    lock = threading.Lock()
    sessions = []
    for i in range(clients):
        session = Session(port, f"bench{i:03d}", tokens[i])
        session.login()
        sessions.append(session)
    meter.begin()
    stop = time.monotonic() + seconds

    def client(i: int) -> None:
        org_id, assessment_id = targets[i]
        paths = [
            (f"/orgs/{org_id}/", False),
            (f"/assessments/{assessment_id}/result/", False),
            (f"/api/organisations/{org_id}/accounts/", True),
        ]
        mine: list[tuple[int, float]] = []
        kinds: dict[str, int] = {}
        errors = 0
        n = 0
        while time.monotonic() < stop:
            path, api = paths[n % len(paths)]
            t = time.perf_counter()
            try:
                status, _body = sessions[i].request("GET", path, api=api)
                kind = f"HTTP {status} on {path}"
            except (OSError, http.client.HTTPException) as exc:
                status, kind = 0, f"{type(exc).__name__} on {path}"
                sessions[i].conn.close()
            mine.append((n % len(paths), (time.perf_counter() - t) * 1000))
            if status != 200:
                errors += 1
                kinds[kind] = kinds.get(kind, 0) + 1
            n += 1
        with lock:
            latencies.extend(mine)
            counts["errors"] += errors
            counts["requests"] += n
            for kind, count in kinds.items():
                failures[kind] = failures.get(kind, 0) + count

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    cpu = meter.end()
    for kind, count in sorted(failures.items()):
        print(f"web bench: {count} x {kind}", file=sys.stderr)
    return latencies, counts["errors"], counts["requests"], cpu


if __name__ == "__main__":
    main()
