"""Evidence import speed and memory.

- ``tiktok_365``: a 365-day TikTok Studio export (four zips) parsed and summarised. Target: under 100 ms.
- ``generic_1m``: a generic CSV of 1,000,000 rows streamed with a column mapping, in a child process so
  that its peak resident memory is its own. Target: under 300 MB peak.
"""

from __future__ import annotations

import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "evidence"))


def bench_tiktok(folder: Path) -> None:
    from evidence_builders import full_tiktok_export

    from gonogo.evidence.importers import import_evidence
    from gonogo.evidence.metrics import account_metrics

    paths = full_tiktok_export(folder, date(2025, 5, 15), date(2026, 5, 14), date(2026, 5, 16), "nb")
    import_evidence(paths)  # warm imports and caches
    timings = []
    for _ in range(15):
        start = time.perf_counter()
        ev = import_evidence(paths)
        account_metrics(ev, 5_400_000, "NO")
        timings.append(time.perf_counter() - start)
    ms = statistics.median(timings) * 1000
    rows = 365 * 3 + 7 * 24 + 3 + 3 + 15  # Overview, FollowerHistory, Viewers, Activity, Gender, Territories, Content
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"BENCH evidence case=tiktok_365 rows={rows} rows_per_s={rows / (ms / 1000):.0f} ms={ms:.1f} "
        f"peak_mb={peak:.0f} target_ms=100"
    )


def write_generic(path: Path, rows: int) -> None:
    rng = random.Random(4)
    first = date(2023, 1, 1)
    days = [(first + timedelta(days=i)).isoformat() for i in range(1096)]
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("Day,Post,Plays,Likes,Comments\n")
        chunk = []
        for i in range(rows):
            chunk.append(f"{days[i % 1096]},{i},{rng.randrange(10_000)},{rng.randrange(500)},{rng.randrange(50)}\n")
            if len(chunk) == 10_000:
                fh.writelines(chunk)
                chunk.clear()
        fh.writelines(chunk)


def child(path: str) -> None:
    from gonogo.evidence.importers import import_evidence
    from gonogo.evidence.importers.generic import Mapping

    mapping = Mapping.parse("date=Day,views=Plays,likes=Likes,comments=Comments")
    start = time.perf_counter()
    ev = import_evidence([path], mapping=mapping)
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{elapsed:.3f} {peak:.1f} {len(ev.daily)}")


def bench_generic(folder: Path, rows: int = 1_000_000) -> None:
    path = folder / "plays.csv"
    write_generic(path, rows)
    done = subprocess.run([sys.executable, __file__, "--child", str(path)], capture_output=True, text=True, check=True)
    seconds, peak, days = done.stdout.split()
    print(
        f"BENCH evidence case=generic_1m rows={rows} rows_per_s={rows / float(seconds):.0f} "
        f"ms={float(seconds) * 1000:.0f} peak_mb={float(peak):.0f} days={days} "
        f"file_mb={path.stat().st_size / 2**20:.0f} target_peak_mb=300"
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bench_tiktok(folder)
        bench_generic(folder)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        child(sys.argv[2])
    else:
        main()
