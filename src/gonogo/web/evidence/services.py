"""Importing uploads, deleting them, and turning chosen uploads into an assessment's evidence.

Every change is one transaction that also writes the audit trail. Parsing happens before anything is stored,
so a file that does not parse changes nothing.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from gonogo.core.errors import InputError
from gonogo.evidence.importers import (
    Day,
    EvidenceImport,
    Followers,
    ImportFormatError,
    Period,
    SourceFile,
    Territory,
    Views,
    import_evidence,
)
from gonogo.evidence.importers.generic import Mapping
from gonogo.evidence.resolve import fill_evidence
from gonogo.web.assessments.models import Account
from gonogo.web.audit.trail import record
from gonogo.web.evidence import store
from gonogo.web.evidence.models import SOURCE_LABELS, StoredFile, Upload
from gonogo.web.evidence.uploads import HashedFile, UploadRefused, copied_from_disk, safe_name

# Which of the knowledge base's platforms each importer's exports come from (generic CSV fits any).
PLATFORMS_OF_SOURCE = {
    "tiktok_studio": {"tiktok"},
    "meta": {"facebook", "instagram"},
    "youtube": {"youtube"},
    "x": {"x"},
}


@dataclass(frozen=True)
class Outcome:
    upload: Upload
    created: bool  # False when every file was on the account already


def describe_error(exc: InputError, names: dict[str, str]) -> str:
    """A message for a person: the uploaded file's name (never a temporary path), line, column, expectation."""
    if isinstance(exc, ImportFormatError):
        where = _rename(exc.file, names)
        if exc.line is not None and exc.column is not None:
            where = _("%(file)s, line %(line)s, column %(column)s") % {
                "file": where,
                "line": exc.line,
                "column": exc.column,
            }
        elif exc.line is not None:
            where = _("%(file)s, line %(line)s") % {"file": where, "line": exc.line}
        if exc.found is not None:
            found = exc.found if len(exc.found) <= 60 else exc.found[:57] + "..."
            return _("%(where)s: expected %(expected)s, found %(found)r") % {
                "where": where,
                "expected": exc.expected,
                "found": found,
            }
        return _("%(where)s: expected %(expected)s") % {"where": where, "expected": exc.expected}
    return _rename(str(exc), names)


def _rename(text: str, names: dict[str, str]) -> str:
    for temporary, given in sorted(names.items(), key=lambda kv: -len(kv[0])):
        text = text.replace(temporary, given)
    return text


def _check_platform(account: Account, source: str) -> None:
    platforms = PLATFORMS_OF_SOURCE.get(source)
    if platforms is not None and account.platform not in platforms:
        raise UploadRefused(
            [
                _("These are %(source)s exports, but this account is on %(platform)s: upload them on that account.")
                % {"source": SOURCE_LABELS.get(source, source), "platform": account.platform}
            ]
        )


def import_upload(
    account: Account,
    files: Sequence[HashedFile],
    export_date: dt.date | None,
    user: AbstractBaseUser,
    mapping: Mapping | None = None,
) -> Outcome:
    """Parse the uploaded files as one import; store them and their summary only if all of them parse.

    With a ``mapping`` every file is read as a generic CSV with those columns; the mapping is kept in the
    summary so that the files can be read again the same way.
    """
    unique: dict[str, HashedFile] = {}
    for f in files:
        unique.setdefault(f.sha256, f)
    if not unique:
        raise UploadRefused([_("Choose at least one export file or zip.")])
    already = {s.sha256: s for s in StoredFile.objects.filter(account=account, sha256__in=list(unique))}
    if already and len(already) == len(unique):
        uploads = {s.upload_id for s in already.values()}
        if len(uploads) == 1:
            return Outcome(Upload.objects.get(pk=uploads.pop()), created=False)
    if already:
        raise UploadRefused(
            [
                _("%(name)s is already on this account (uploaded as %(stored)s on %(date)s): leave it out.")
                % {
                    "name": unique[sha].name,
                    "stored": row.name,
                    "date": row.upload.uploaded_at.date().isoformat(),
                }
                for sha, row in already.items()
            ]
        )
    names = {str(f.path): str(f.name) for f in unique.values()}
    try:
        imported = import_evidence([f.path for f in unique.values()], export_date=export_date, mapping=mapping)
    except InputError as exc:
        problems = [describe_error(exc, names)]
        if mapping is None and isinstance(exc, ImportFormatError) and exc.expected.startswith("a known export"):
            problems.append(
                _(
                    "A CSV file from another tool can be imported too: write which columns hold the date and the "
                    "figures under “Columns of another CSV file”."
                )
            )
        raise UploadRefused(problems) from None
    _check_platform(account, imported.source)
    summary = summarise(imported, names)
    if mapping is not None:
        summary["mapping"] = mapping.as_text()
    placed: list[str] = []
    try:
        with transaction.atomic():
            Account.objects.select_for_update().filter(pk=account.pk).first()
            if StoredFile.objects.filter(account=account, sha256__in=list(unique)).exists():
                raise UploadRefused([_("Someone uploaded the same file a moment ago; reload the page.")])
            upload = Upload.objects.create(
                account=account,
                source=imported.source,
                period_start=imported.period.start,
                period_end=imported.period.end,
                export_date_given=export_date,
                summary=summary,
                uploaded_by=user,
                uploaded_by_name=user.get_username(),
            )
            recognised = {f["name"]: f["recognised"] for f in summary["files"]}
            for sha, f in unique.items():
                StoredFile.objects.create(
                    upload=upload,
                    account=account,
                    name=str(f.name),
                    sha256=sha,
                    size=f.size or 0,
                    recognised=recognised.get(str(f.name), []),
                )
                if store.put(f.path, account.pk, sha):
                    placed.append(sha)
            record(
                "evidence.upload",
                actor=user,
                organisation=account.organisation,
                obj=upload,
                summary=f"{account}: {', '.join(str(f.name) for f in unique.values())}"[:300],
                after=upload_record(upload),
            )
    except BaseException:
        for sha in placed:
            store.remove(account.pk, sha)
        raise
    return Outcome(upload, created=True)


def import_paths(
    account: Account, paths: Sequence[Path], export_date: dt.date | None, user: AbstractBaseUser
) -> Outcome:
    """Import export files from disk as one upload would (for the demo and scripts); the files are not moved."""
    with copied_from_disk(paths, store.incoming()) as sent:
        return import_upload(account, sent, export_date, user)


def upload_record(upload: Upload) -> dict[str, Any]:
    """What the audit trail and the API keep of an upload: source, period and each file with its hash."""
    return {
        "account": upload.account_id,
        "source": upload.source,
        "period": {"start": upload.period_start.isoformat(), "end": upload.period_end.isoformat()},
        "export_date": upload.export_date_given.isoformat() if upload.export_date_given else None,
        "columns": upload.summary.get("mapping"),
        "files": [{"name": f.name, "sha256": f.sha256, "size": f.size} for f in upload.files.all()],
    }


def delete_upload(upload: Upload, user: AbstractBaseUser) -> None:
    """Delete an upload's rows and, once that is committed, its stored files."""
    account = upload.account
    with transaction.atomic():
        Account.objects.select_for_update().filter(pk=account.pk).first()
        before = upload_record(upload)
        hashes = [f.sha256 for f in upload.files.all()]
        record(
            "evidence.delete",
            actor=user,
            organisation=account.organisation,
            obj=upload,
            summary=f"{account}: {', '.join(f['name'] for f in before['files'])}"[:300],
            before=before,
        )
        upload.delete()
        for sha in hashes:
            transaction.on_commit(lambda sha=sha: store.remove(account.pk, sha))


def summarise(imported: EvidenceImport, names: dict[str, str]) -> dict[str, Any]:
    """The import as stored: ``as_dict()`` with uploaded names, post dates and each figure's file."""
    summary = imported.as_dict()
    for f in summary["files"]:  # type: ignore[union-attr]
        f["name"] = names.get(f["name"], f["name"])
    summary["post_dates"] = [d.isoformat() for d in imported.post_dates]
    summary["metric_files"] = {k: _rename(v, names) for k, v in imported.metric_files}
    summary["daily_metrics"] = list(imported.daily_metrics)
    return summary


def restore(summary: dict[str, Any]) -> EvidenceImport:
    """The import again, from its stored summary (for the metrics; no file is read)."""
    metrics = tuple(summary.get("daily_metrics") or [])
    period = summary["period"]
    return EvidenceImport(
        source=summary["source"],
        period=Period(dt.date.fromisoformat(period["start"]), dt.date.fromisoformat(period["end"])),
        followers=Followers(summary["followers"]["latest"], summary["followers"]["change"]),
        views=Views(summary["views"]["total"], summary["views"]["per_month"]),
        engagement_rate=summary.get("engagement_rate"),
        daily=tuple(
            Day(dt.date.fromisoformat(d["date"]), **{m: d.get(m) for m in metrics}) for d in summary.get("daily", [])
        ),
        daily_metrics=metrics,
        top_territories=tuple(Territory(t["code"], t["share"]) for t in summary.get("top_territories", [])),
        post_dates=tuple(dt.date.fromisoformat(d) for d in summary.get("post_dates", [])),
        files=tuple(SourceFile(f["name"], f["sha256"], tuple(f["recognised"])) for f in summary.get("files", [])),
        export_date=dt.date.fromisoformat(summary["export_date"]) if summary.get("export_date") else None,
        metric_files=tuple((summary.get("metric_files") or {}).items()),
    )


def fill_from_uploads(evidence: dict[str, Any], uploads: Sequence[Upload]) -> None:
    """Fill an assessment's ``evidence`` from stored uploads, as ``resolve_evidence`` does from files.

    The stored files are checked against their hashes and imported again together; ``evidence.imported``
    records each file's name and SHA-256 and the period, so the decision stays verifiable after a deletion.
    Raises ``UploadRefused`` saying what to do when that is not possible.
    """
    if not uploads:
        return
    dates = {u.export_date_given for u in uploads if u.export_date_given is not None}
    if len(dates) > 1:
        raise UploadRefused([_("The chosen uploads were given different export dates: choose them one at a time.")])
    mappings = {u.summary.get("mapping") for u in uploads}
    if len(mappings) > 1:
        raise UploadRefused([_("The chosen uploads were read with different columns: choose them one at a time.")])
    spec = mappings.pop()
    mapping = Mapping.from_text(spec) if spec else None
    files = [f for u in uploads for f in u.files.all()]
    missing = [f.name for f in files if not store.intact(f.account_id, f.sha256)]
    if missing:
        raise UploadRefused(
            [_("The stored copy of %(name)s is missing or altered: upload it again.") % {"name": n} for n in missing]
        )
    folder = Path(tempfile.mkdtemp(prefix="evidence-", dir=_ensure(store.incoming())))
    try:
        names: dict[str, str] = {}
        paths: list[Path] = []
        for n, f in enumerate(files):
            sub = folder / str(n)
            sub.mkdir()
            link = sub / safe_name(f.name)
            try:
                os.symlink(store.path_of(f.account_id, f.sha256), link)
            except OSError:
                shutil.copyfile(store.path_of(f.account_id, f.sha256), link)
            names[str(link)] = f.name
            paths.append(link)
        try:
            imported = import_evidence(paths, export_date=dates.pop() if dates else None, mapping=mapping)
        except InputError as exc:
            raise UploadRefused([describe_error(exc, names)]) from None
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    fill_evidence(evidence, imported, lambda shown: _rename(shown, names))
    evidence["imported"]["uploads"] = [u.pk for u in uploads]


def _ensure(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path
