"""Profile the three pages of the load benchmark, one request at a time, in this process.

For the dashboard, a result page and the API's account list it prints the SQL queries per request and
the CPU and wall time per request (the app's CPU in this process; PostgreSQL's own time is in the wall
time only), on the load benchmark's database (seeded the same way when it is empty)::

    python bench/profile_web.py                 # queries, CPU ms and wall ms per page
    python bench/profile_web.py --sql           # and the SQL of one request per page
    python bench/profile_web.py --pyinstrument  # and a call tree per page (pip install pyinstrument)

``--cold`` clears the cache before every request, to see what a cache miss costs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_web  # noqa: E402


def _prepare(var_dir: str) -> tuple[dict[str, str], int, int]:
    """Migrate and seed the benchmark's database; return the environment and the first targets."""
    url = bench_web._database_url()
    bench_web._ensure_database(url)
    env = bench_web._environment(var_dir)
    gonogo = str(Path(sys.executable).with_name("gonogo"))
    subprocess.run([gonogo, "manage", "migrate", "-v0"], env=env, check=True, cwd=bench_web.ROOT)
    seeded = subprocess.run(
        [
            sys.executable,
            "-c",
            bench_web.SEED,
            str(bench_web.ORGANISATIONS),
            str(bench_web.ACCOUNTS_PER_ORG),
            str(bench_web.VERSIONS_PER_ACCOUNT),
            bench_web.PASSWORD,
        ],
        env={**env, "DJANGO_SETTINGS_MODULE": "gonogo.web.settings"},
        check=True,
        cwd=bench_web.ROOT,
        capture_output=True,
        text=True,
    )
    subprocess.run([gonogo, "manage", "collectstatic", "--noinput", "-v0"], env=env, check=True, cwd=bench_web.ROOT)
    org_id, assessment_id = (int(x) for x in seeded.stdout.split("\n")[0].split())
    return env, org_id, assessment_id


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=200, help="timed requests per page (default 200)")
    parser.add_argument("--sql", action="store_true", help="print the SQL of one request per page")
    parser.add_argument("--pyinstrument", action="store_true", help="print a call tree per page")
    parser.add_argument("--cold", action="store_true", help="clear the cache before every request")
    args = parser.parse_args()
    if args.requests < 1:
        parser.error("--requests: expected at least 1")
    with tempfile.TemporaryDirectory() as var_dir:
        env, org_id, assessment_id = _prepare(var_dir)
        os.environ.update(env)
        os.environ["DJANGO_SETTINGS_MODULE"] = "gonogo.web.settings"
        import django

        django.setup()
        _profile(args, org_id, assessment_id)


def _profile(args: argparse.Namespace, org_id: int, assessment_id: int) -> None:
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    from gonogo.web.api.models import ApiToken

    user = get_user_model().objects.get(username="bench000")
    _row, token = ApiToken.issue(user, "profile")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    pages = [
        ("dashboard", f"/orgs/{org_id}/", {}),
        ("result", f"/assessments/{assessment_id}/result/", {}),
        ("api_list", f"/api/organisations/{org_id}/accounts/", {"HTTP_AUTHORIZATION": f"Bearer {token}"}),
    ]
    try:
        for name, path, headers in pages:
            for _ in range(3):  # warm the cache and the connection
                assert client.get(path, **headers).status_code == 200, path
            # Django empties connection.queries when a request starts, so count them as they run instead.
            queries = Queries()
            with connection.execute_wrapper(queries):
                if args.cold:
                    cache.clear()
                response = client.get(path, **headers)
            cpu, wall = [], []
            for _ in range(args.requests):
                if args.cold:
                    cache.clear()
                c0, w0 = time.process_time(), time.perf_counter()
                client.get(path, **headers)
                cpu.append((time.process_time() - c0) * 1000)
                wall.append((time.perf_counter() - w0) * 1000)
            print(
                f"PROFILE web page={name} queries={len(queries)} bytes={len(response.content)} "
                f"cpu_ms={statistics.median(cpu):.2f} wall_ms={statistics.median(wall):.2f} "
                f"wall_p95_ms={sorted(wall)[int(0.95 * (len(wall) - 1))]:.2f} cold={int(args.cold)}"
            )
            if args.sql:
                for sql, ms in queries.seen:
                    print(f"    {ms:.2f} ms  {sql[:300]}")
            if args.pyinstrument:
                _call_tree(client, path, headers, args.requests, args.cold)
    finally:
        ApiToken.objects.filter(user=user, name="profile").delete()


class Queries:
    """An execute wrapper that notes each SQL statement and how long it took."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, float]] = []

    def __len__(self) -> int:
        return len(self.seen)

    def __call__(self, execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        t = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seen.append((sql, (time.perf_counter() - t) * 1000))


def _call_tree(client: object, path: str, headers: dict[str, str], n: int, cold: bool) -> None:
    try:
        from pyinstrument import Profiler
    except ImportError:
        sys.exit("--pyinstrument needs pyinstrument: .venv/bin/pip install pyinstrument")
    from django.core.cache import cache

    profiler = Profiler(interval=0.0002)
    profiler.start()
    for _ in range(n):
        if cold:
            cache.clear()
        client.get(path, **headers)  # type: ignore[attr-defined]
    profiler.stop()
    print(profiler.output_text(unicode=False, color=False, show_all=False))


if __name__ == "__main__":
    main()
