"""Read the shared labelled datasets used to train and evaluate the comment models.

The datasets are not shipped with gonogo; training scripts and the benchmark pass their folder
(``shared/datasets`` beside the repository). Labels are returned as 0 negative, 1 neutral, 2 positive
for sentiment and 0/1 for the offensive and hate tasks.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

XLMT_LANGUAGES = {
    "english": "en",
    "french": "fr",
    "german": "de",
    "italian": "it",
    "portuguese": "pt",
    "spanish": "es",
}
NOREC_LABELS = {"Negative": 0, "Neutral": 1, "Positive": 2}

_ESCAPES = re.compile(r"(?:\\u[0-9a-fA-F]{4})+")


@dataclass(frozen=True)
class Labelled:
    """Texts with integer labels from one split of one dataset."""

    name: str
    lang: str
    texts: list[str]
    labels: list[int]


def default_root(repo_root: Path) -> Path:
    """Return where the shared datasets live relative to a repository checkout."""
    return (repo_root / ".." / "shared" / "datasets").resolve()


def unescape(text: str) -> str:
    r"""Turn literal ``\uXXXX`` sequences (the XLM-T files keep them) into characters."""

    def repl(match: re.Match[str]) -> str:
        units = bytes.fromhex("".join(u[1:] for u in match.group(0).split("\\") if u))
        return units.decode("utf-16-be", errors="replace")

    return _ESCAPES.sub(repl, text)


def _lines(path: Path) -> list[str]:
    # split on newlines only: some texts hold other line-break characters that splitlines() would cut at
    lines = path.read_text(encoding="utf-8").split("\n")
    return lines[:-1] if lines and lines[-1] == "" else lines


def _paired(name: str, lang: str, folder: Path, split: str) -> Labelled:
    texts = [unescape(t).strip() for t in _lines(folder / f"{split}_text.txt")]
    labels = [int(x) for x in _lines(folder / f"{split}_labels.txt")]
    if len(texts) != len(labels):
        raise ValueError(f"{folder}: {len(texts)} texts but {len(labels)} labels in {split}")
    return Labelled(name, lang, texts, labels)


def xlmt(root: Path, language: str, split: str) -> Labelled:
    """One XLM-T language, ``split`` being ``train`` or ``val``."""
    return _paired(f"xlmt-{XLMT_LANGUAGES[language]}", XLMT_LANGUAGES[language], root / "xlm-t" / language, split)


def norec(root: Path, split: str) -> Labelled:
    """NoReC_sentence 3-class, ``split`` being ``train`` or ``dev``."""
    rows = json.loads((root / "norec_sentence" / f"{split}.json").read_text(encoding="utf-8"))
    return Labelled("norec", "no", [r["text"] for r in rows], [NOREC_LABELS[r["label"]] for r in rows])


def tweeteval(root: Path, task: str, split: str) -> Labelled:
    """TweetEval ``sentiment``, ``offensive`` or ``hate``."""
    return _paired(f"tweeteval-{task}", "en", root / "tweeteval" / task, split)


def germeval(root: Path) -> Labelled:
    """GermEval 2018 training file, coarse labels (1 offensive, 0 other)."""
    texts: list[str] = []
    labels: list[int] = []
    for line in _lines(root / "germeval2018" / "germeval2018.training.txt"):
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        texts.append(parts[0].replace("|LBR|", " "))
        labels.append(1 if parts[1] == "OFFENSE" else 0)
    return Labelled("germeval2018", "de", texts, labels)
