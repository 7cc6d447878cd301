"""Hashed character n-gram and word features, computed with numpy for a whole batch at once.

The same function builds the training matrix (in ``training/``) and scores comments at run time, so the
two can never drift apart. Hashes are polynomial over Unicode code points modulo 2**64, then mixed and
cut to ``bits`` bits: stable across processes and platforms (no use of Python's salted ``hash``).
"""

from __future__ import annotations

import itertools
import re
import zlib

import numpy as np

BITS = 18
CHAR_NGRAMS = (2, 3, 4, 5)
_P = np.uint64(1_000_003)
_MIX = np.uint64(0x9E3779B97F4A7C15)
_URL = re.compile(r"https?://\S+|www\.\S+")
_MENTION = re.compile(r"@\w+")
_REPEAT = re.compile(r"(.)\1{2,}")
_WORD = re.compile(r"\w+|[^\w\s]", re.UNICODE)


def normalise(text: str) -> str:
    """Lower-case, mask links and user names, shorten runs of a repeated character to three."""
    text = _URL.sub(" http ", text)
    text = _MENTION.sub(" @user ", text)
    text = _REPEAT.sub(r"\1\1\1", text.lower())
    return " ".join(text.split())


def _bucket(h: np.ndarray, salt: int, bits: int) -> np.ndarray:
    with np.errstate(over="ignore"):
        mixed = (h ^ np.uint64(salt * 0x51_7CC1_B727_220A_95 % 2**64)) * _MIX
    return (mixed >> np.uint64(64 - bits)).astype(np.int64)


def _char_ngrams(texts: list[str], bits: int) -> tuple[np.ndarray, np.ndarray]:
    """Return (document index, bucket) for every character n-gram of every padded text."""
    padded = "".join(f"\x00 {t} " for t in texts) + "\x00"
    codes = np.frombuffer(padded.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    is_sep = codes == 0
    doc = np.cumsum(is_sep) - 1  # separator i starts document i
    docs: list[np.ndarray] = []
    buckets: list[np.ndarray] = []
    h = np.zeros(len(codes), dtype=np.uint64)
    power = np.uint64(1)
    with np.errstate(over="ignore"):
        for n in range(1, max(CHAR_NGRAMS) + 1):
            m = len(codes) - n + 1
            if m <= 0:
                break
            h = h[:m] + codes[n - 1 : n - 1 + m] * power
            power = power * _P
            if n not in CHAR_NGRAMS:
                continue
            # an n-gram is valid when it holds no separator: the window's doc ids match and it does not
            # start on a separator (separators sit at the start of each document's run)
            valid = (doc[:m] == doc[n - 1 : n - 1 + m]) & ~is_sep[:m]
            docs.append(doc[:m][valid])
            buckets.append(_bucket(h[valid], n, bits))
    return np.concatenate(docs), np.concatenate(buckets)


def _words(texts: list[str], bits: int) -> tuple[np.ndarray, np.ndarray]:
    docs: list[int] = []
    hashes: list[int] = []
    for i, text in enumerate(texts):
        tokens = _WORD.findall(text)
        grams = tokens + [a + " " + b for a, b in itertools.pairwise(tokens)]
        docs.extend([i] * len(grams))
        hashes.extend(zlib.crc32(g.encode("utf-8")) for g in grams)
    h = np.array(hashes, dtype=np.uint64)
    return np.array(docs, dtype=np.int64), _bucket(h, 99, bits)


def hashed_counts(texts: list[str], bits: int = BITS) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return (row, bucket, count) triples, sorted by row then bucket, for normalised ``texts``."""
    norm = [normalise(t) for t in texts]
    d1, b1 = _char_ngrams(norm, bits)
    d2, b2 = _words(norm, bits)
    key = np.concatenate([d1, d2]) * (1 << bits) + np.concatenate([b1, b2])
    uniq, counts = np.unique(key, return_counts=True)
    return uniq >> bits, uniq & ((1 << bits) - 1), counts.astype(np.float32)


def tfidf_rows(texts: list[str], idf: np.ndarray, bits: int = BITS) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return (row, bucket, value): sublinear tf times idf, each row scaled to unit length."""
    rows, cols, counts = hashed_counts(texts, bits)
    values = (1.0 + np.log(counts)) * idf[cols].astype(np.float32)
    norms = np.sqrt(np.bincount(rows, weights=values * values, minlength=len(texts)))
    norms[norms == 0] = 1.0
    return rows, cols, (values / norms[rows]).astype(np.float32)


def linear_scores(
    texts: list[str], idf: np.ndarray, weights: np.ndarray, bias: np.ndarray, bits: int = BITS
) -> np.ndarray:
    """Return ``X @ weights + bias`` for the tf-idf rows of ``texts`` without building ``X``."""
    rows, cols, values = tfidf_rows(texts, idf, bits)
    contrib = weights[cols].astype(np.float32) * values[:, None]
    out = np.empty((len(texts), weights.shape[1]), dtype=np.float64)
    for k in range(weights.shape[1]):
        out[:, k] = np.bincount(rows, weights=contrib[:, k], minlength=len(texts))
    return out + bias
