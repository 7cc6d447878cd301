"""Receiving an uploaded export in the web app: streaming to disk while hashing.

- ``upload_stream``: a 100 MB file in a multipart body parsed by Django with the evidence app's upload handler,
  in a child process so that its peak resident memory is its own; the same body with Django's default
  handlers is the reference. Target: peak memory independent of the file's size (under 100 MB for 100 MB).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

BOUNDARY = "gonogo-bench-boundary"
SIZE_MB = 100

CHILD = r"""
import hashlib, os, resource, sys, tempfile, time
from pathlib import Path
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gonogo.web.settings")
os.environ.setdefault("GONOGO_SECRET_KEY", "bench-only-" + "x" * 40)
os.environ.setdefault("GONOGO_VAR_DIR", tempfile.mkdtemp(prefix="gonogo-bench-"))
import django
django.setup()
from django.core.files.uploadhandler import MemoryFileUploadHandler, TemporaryFileUploadHandler
from django.http.multipartparser import MultiPartParser
from django.test import RequestFactory
from gonogo.web.evidence.uploads import HashingUploadHandler

body, which, boundary = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
size = body.stat().st_size
request = RequestFactory().post("/")
meta = {"CONTENT_TYPE": f"multipart/form-data; boundary={boundary}", "CONTENT_LENGTH": str(size)}
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
with body.open("rb") as stream:
    if which == "evidence":
        handler = HashingUploadHandler(request, Path(os.environ["GONOGO_VAR_DIR"]) / "incoming", 2**40)
        _post, files = MultiPartParser(meta, stream, [handler]).parse()
        digest = files["files"].sha256
    else:
        handlers = [MemoryFileUploadHandler(request), TemporaryFileUploadHandler(request)]
        _post, files = MultiPartParser(meta, stream, handlers).parse()
        hasher = hashlib.sha256()
        with open(files["files"].temporary_file_path(), "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                hasher.update(chunk)
        digest = hasher.hexdigest()
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(seconds, peak / 1024, (peak - before) / 1024, digest)
"""


def _body(folder: Path) -> Path:
    path = folder / "body.bin"
    line = b'"Jan 1","1000","50","100","10","5"\r\n'
    with path.open("wb") as out:
        out.write(f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="Overview.csv"\r\n'.encode())
        out.write(b"Content-Type: text/csv\r\n\r\n")
        block = line * ((1 << 20) // len(line) + 1)
        written = 0
        while written < SIZE_MB * 2**20:
            out.write(block)
            written += len(block)
        out.write(f"\r\n--{BOUNDARY}--\r\n".encode())
    return path


def _run(body: Path, which: str) -> tuple[float, float, float, str]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(body), which, BOUNDARY], capture_output=True, text=True, check=True, env=env
    ).stdout.split()
    return float(out[0]), float(out[1]), float(out[2]), out[3]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        body = _body(Path(tmp))
        ours = min((_run(body, "evidence") for _ in range(3)), key=lambda r: r[0])
        ref = min((_run(body, "django") for _ in range(3)), key=lambda r: r[0])
        assert ours[3] == ref[3], "the streamed hash differs from hashing the file afterwards"
        size = body.stat().st_size / 2**20
        print(
            f"BENCH upload_stream size_mb={size:.0f} seconds={ours[0]:.2f} mb_per_s={size / ours[0]:.0f} "
            f"peak_rss_mb={ours[1]:.0f} grew_mb={ours[2]:.1f} reference_seconds={ref[0]:.2f} "
            f"reference_peak_rss_mb={ref[1]:.0f} speed_ratio={ref[0] / ours[0]:.2f} target_peak_mb=100"
        )


if __name__ == "__main__":
    main()
