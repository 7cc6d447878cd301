"""Reading the files people give gonogo: assessment documents and extra knowledge-base folders."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from gonogo.core.errors import DocumentError, FieldError, InputError


def read_document(path: Path) -> Any:
    """Read a YAML or JSON file; errors name the file, line and column."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder; give the assessment file") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start}); save the file as UTF-8") from None
    if path.suffix.lower() == ".json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise DocumentError(
                str(path),
                [FieldError(f"line {exc.lineno}, column {exc.colno}", f"not valid JSON: {exc.msg}")],
            ) from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "file"
        problem = getattr(exc, "problem", None) or str(exc)
        raise DocumentError(str(path), [FieldError(where, f"not valid YAML: {problem}")]) from None


def read_kb_extra(folders: Sequence[Path]) -> list[tuple[str, str]]:
    """Return ``(name, text)`` for every YAML file in the given folders, sorted by name."""
    out: list[tuple[str, str]] = []
    for folder in folders:
        if not folder.is_dir():
            raise InputError(f"{folder}: --kb-extra expects a folder of YAML files")
        for p in sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]):
            out.append((str(p), p.read_text(encoding="utf-8-sig")))
        if not out:
            raise InputError(f"{folder}: no .yaml files found")
    return out
