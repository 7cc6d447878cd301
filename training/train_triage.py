"""Embed the triage seed examples (``data/triage_seeds.json``) for the similarity signal.

Usage: python training/train_triage.py

Writes ``models/triage_examples.npz``. Nothing is fitted: the seed examples are embedded as they are.
The evaluation set in ``training/eval/triage_eval.jsonl`` is never read here.
"""

from __future__ import annotations

import json

import numpy as np
from common import MODELS

from gonogo.evidence.comments.embedding import embed_texts
from gonogo.evidence.comments.triage import CATEGORIES, SEEDS


def main() -> None:
    seeds = json.loads(SEEDS.read_text(encoding="utf-8"))
    texts: list[str] = []
    category: list[int] = []
    for index, name in enumerate(CATEGORIES):
        examples = seeds["categories"][name]["examples"]
        texts += examples
        category += [index] * len(examples)
    texts += seeds["ordinary_examples"]
    category += [-1] * len(seeds["ordinary_examples"])
    np.savez_compressed(
        MODELS / "triage_examples.npz",
        embeddings=embed_texts(texts).astype(np.float16),
        category=np.array(category, dtype=np.int16),
        categories=np.array(CATEGORIES),
    )
    print(f"embedded {len(texts)} seed examples")


if __name__ == "__main__":
    main()
