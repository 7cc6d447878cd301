"""Run the benchmarks: every bench/bench_<name>.py, or only the one named on the command line.

Each module exposes ``main() -> None`` and prints lines of the form ``BENCH <name> key=value ...``.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

# Targets are stated for one core: keep numerical libraries from spreading work over threads.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

HERE = Path(__file__).resolve().parent


def discover() -> dict[str, Path]:
    return {p.stem.removeprefix("bench_"): p for p in sorted(HERE.glob("bench_*.py"))}


def main(argv: list[str]) -> int:
    benches = discover()
    wanted = [a for a in argv if a]
    unknown = [w for w in wanted if w not in benches]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(benches)}", file=sys.stderr)
        return 2
    for name in wanted or list(benches):
        spec = importlib.util.spec_from_file_location(f"bench_{name}", benches[name])
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.main()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
