"""The reports' translation catalogue: which texts need a translation, and keeping the .po file up to date.

``python -m gonogo.reports.catalogue`` adds every new message (from ``_("...")`` and ``N_("...")`` in this
package) and knowledge-base label to ``locale/nb/LC_MESSAGES/gonogo.po`` with an empty translation, drops the
ones no longer used, keeps the others' translations, and compiles the ``.mo`` with ``msgfmt``. Translate the
empty entries, then run it again to compile.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

from gonogo.reports.i18n import DOMAIN, LOCALE_DIR

PACKAGE_DIR = Path(__file__).resolve().parent
MARKERS = ("_", "N_")
# The knowledge base's texts shown to people; a dotted name reaches into a mapping (``exemption.text``).
# A restriction's title, summary and exemption are the project's own English summaries of sources in many
# languages, so they are translated like any other label. Its sources' titles are citations of published
# pages and stay as published (with their URLs); ids are codes, platforms are names, and notes are not shown.
KB_FIELDS = {
    "threats": ("title", "description"),
    "safeguards": ("title", "description", "verify"),
    "criteria": ("title", "description"),
    "roles": ("title", "description"),
    "kinds": ("title",),
    "restrictions": ("title", "summary", "exemption.text"),
}


@dataclass
class Entry:
    msgid: str
    msgstr: str = ""
    where: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)


def source_messages() -> dict[str, list[str]]:
    """Return each message marked in this package's modules, with the places that use it."""
    found: dict[str, list[str]] = {}
    for path in sorted(PACKAGE_DIR.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in MARKERS
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.setdefault(node.args[0].value, []).append(f"{path.name}:{node.lineno}")
    return found


def kb_labels() -> dict[str, list[str]]:
    """Return each knowledge-base label that needs a translation, with the entries that carry it."""
    found: dict[str, list[str]] = {}
    for kind, fields in KB_FIELDS.items():
        text = (resources.files("gonogo") / "data" / f"{kind}.yaml").read_text(encoding="utf-8")
        for entry in (yaml.safe_load(text) or {}).get("entries", []):
            for name in fields:
                value: object = entry
                for part in name.split("."):
                    value = value.get(part) if isinstance(value, dict) else None
                if isinstance(value, str) and value.strip():
                    found.setdefault(value.strip(), []).append(f"kb:{kind}.{entry['id']}.{name}")
    return found


def wanted() -> dict[str, list[str]]:
    """Every text the reports may show, message or label, with where it comes from."""
    out = source_messages()
    for msgid, where in kb_labels().items():
        out.setdefault(msgid, []).extend(where)
    return out


def _unquote(text: str) -> str:
    value = ast.literal_eval(text)
    if not isinstance(value, str):
        raise ValueError(f"not a string: {text}")
    return value


def read_po(path: Path) -> list[Entry]:
    """Read the entries of a .po file (the header, with an empty msgid, included)."""
    entries: list[Entry] = []
    current: Entry | None = None
    part = ""
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    for line in [*lines, ""]:
        if not line.strip():
            if current is not None:
                entries.append(current)
            current, part = None, ""
            continue
        if current is None:
            current = Entry(msgid="")
        if line.startswith("#,"):
            current.flags.update(f.strip() for f in line[2:].split(","))
        elif line.startswith("#:"):
            current.where.extend(line[2:].split())
        elif line.startswith("msgid "):
            part, current.msgid = "msgid", _unquote(line[6:])
        elif line.startswith("msgstr "):
            part, current.msgstr = "msgstr", _unquote(line[7:])
        elif line.startswith('"') and part == "msgid":
            current.msgid += _unquote(line)
        elif line.startswith('"') and part == "msgstr":
            current.msgstr += _unquote(line)
    return entries


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{escaped}"'


HEADER = (
    "Project-Id-Version: gonogo\n"
    "Language: nb\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=UTF-8\n"
    "Content-Transfer-Encoding: 8bit\n"
    "Plural-Forms: nplurals=2; plural=(n != 1);\n"
)


def write_po(path: Path, entries: list[Entry]) -> None:
    out = [
        "# Norwegian bokmål wording of gonogo's reports and knowledge-base labels.",
        "# Update with: python -m gonogo.reports.catalogue",
        'msgid ""',
        f"msgstr {_quote(HEADER)}",
        "",
    ]
    for e in entries:
        out.append("#: " + " ".join(e.where))
        flags = sorted(e.flags | ({"python-brace-format"} if "{" in e.msgid else set()))
        if flags:
            out.append("#, " + ", ".join(flags))
        out.append(f"msgid {_quote(e.msgid)}")
        out.append(f"msgstr {_quote(e.msgstr)}")
        out.append("")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(out), encoding="utf-8")


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def update(lang: str = "nb") -> list[str]:
    """Bring the catalogue in line with the code and the knowledge base; return the untranslated ids."""
    path = po_path(lang)
    known = {e.msgid: e for e in read_po(path) if e.msgid}
    entries = []
    for msgid, where in wanted().items():
        old = known.get(msgid)
        entries.append(Entry(msgid=msgid, msgstr=old.msgstr if old else "", where=where))
    write_po(path, entries)
    subprocess.run(
        ["msgfmt", "--check-format", "-o", str(path.with_suffix(".mo")), str(path)],
        check=True,
    )
    return [e.msgid for e in entries if not e.msgstr]


def main() -> int:
    missing = update()
    for msgid in missing:
        print(f"untranslated: {msgid}", file=sys.stderr)
    print(f"{po_path('nb')}: {len(missing)} untranslated", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
