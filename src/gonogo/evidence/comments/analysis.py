"""Analyse comments: sentiment per comment, triage flags, and the summary an assessment takes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from gonogo.evidence.comments import embedding
from gonogo.evidence.comments.models import LABELS, AccurateSentiment, load_sentiment
from gonogo.evidence.comments.readers import Comment, CommentFileError, read_comments
from gonogo.evidence.comments.triage import NOTICE, Flag, flags_from_scores, triage_scores

CHUNK = 2048
REVIEW_TOP = 10


@dataclass(frozen=True)
class CommentResult:
    """The analysis of one comment, in input order."""

    index: int
    comment: Comment
    sentiment: str
    scores: tuple[float, float, float]
    flags: tuple[Flag, ...]
    priority: float  # the highest triage score over all categories, flagged or not; orders review

    def as_dict(self) -> dict[str, Any]:
        c = self.comment
        out: dict[str, Any] = {"index": self.index, "where": c.where}
        for key in ("comment_id", "video_id", "likes", "date"):
            value = getattr(c, key)
            if value is not None:
                out[key] = value
        out["text"] = c.text
        out["sentiment"] = self.sentiment
        out["scores"] = dict(zip(LABELS, self.scores, strict=True))
        out["flags"] = [{"category": f.category, "score": f.score} for f in self.flags]
        return out


def _rounded(p: np.ndarray) -> tuple[float, float, float]:
    """Round to 4 decimals keeping the sum exactly 1."""
    neg, neu = round(float(p[0]), 4), round(float(p[1]), 4)
    return neg, neu, round(1.0 - neg - neu, 4)


def analyse_comments(comments: list[Comment], model: str = "auto") -> list[CommentResult]:
    """Score every comment; the result keeps the input order and is deterministic."""
    sentiment_model = load_sentiment(model)
    results: list[CommentResult] = []
    for start in range(0, len(comments), CHUNK):
        chunk = comments[start : start + CHUNK]
        texts = [c.text for c in chunk]
        if isinstance(sentiment_model, AccurateSentiment):
            # the triage's similarity signal needs every comment embedded, so the sentiment uses every
            # embedding too instead of the cascade (same or better scores, no extra time)
            emb = embedding.embed_texts(texts)
            probs = sentiment_model.stacked(texts, emb)
            triage = triage_scores(texts, emb)
        else:
            probs = sentiment_model.predict_proba(texts)
            triage = triage_scores(texts)
        for offset, comment in enumerate(chunk):
            p = probs[offset]
            results.append(
                CommentResult(
                    index=start + offset,
                    comment=comment,
                    sentiment=LABELS[int(np.argmax(p))],
                    scores=_rounded(p),
                    flags=tuple(flags_from_scores(triage[offset])),
                    priority=round(float(triage[offset].max()), 4),
                )
            )
    return results


def review_queue(results: list[CommentResult], top: int = REVIEW_TOP) -> list[CommentResult]:
    """Flagged comments, highest score first (ties keep input order)."""
    flagged = [r for r in results if r.flags]
    return sorted(flagged, key=lambda r: (-r.priority, r.index))[:top]


def summary(results: list[CommentResult], model_name: str, top: int = REVIEW_TOP) -> dict[str, Any]:
    """Counts and shares by sentiment, the balance, and the comments to review first."""
    n = len(results)
    counts = {label: sum(r.sentiment == label for r in results) for label in LABELS}
    shares = {label: round(counts[label] / n, 4) if n else 0.0 for label in LABELS}
    flagged = {}
    for r in results:
        for f in r.flags:
            flagged[f.category] = flagged.get(f.category, 0) + 1
    return {
        "model": model_name,
        "n": n,
        "counts": counts,
        "shares": shares,
        "balance": round(shares["positive"] - shares["negative"], 4),
        "comment_sentiment": {
            "positive": shares["positive"],
            "neutral": shares["neutral"],
            "negative": shares["negative"],
            "n": n,
        },
        "flagged": dict(sorted(flagged.items())),
        "review_first": [r.as_dict() for r in review_queue(results, top)],
        "notice": NOTICE,
    }


def _records_to_comments(records: Iterable[Any]) -> list[Comment]:
    out = []
    for i, record in enumerate(records):
        if isinstance(record, Comment):
            out.append(record)
        elif isinstance(record, str):
            out.append(Comment(text=record, where=f"[{i}]"))
        elif isinstance(record, Mapping) and isinstance(record.get("text"), str):
            cid = record.get("comment_id")
            out.append(Comment(text=record["text"], where=f"[{i}]", comment_id=None if cid is None else str(cid)))
        else:
            raise CommentFileError(f"record [{i}]: expected a string or a mapping with a 'text' string")
    if not out:
        raise CommentFileError("no comments given; expected at least one")
    return out


def summarise_comments(
    path_or_records: str | Path | Iterable[Any], text_column: str = "text", model: str = "auto"
) -> dict[str, Any]:
    """Summarise a comment file or records (strings, ``{"text": ...}`` mappings or ``Comment``).

    >>> summarise_comments(["Great video!"])["comment_sentiment"]["n"]
    1
    """
    if isinstance(path_or_records, (str, Path)):
        comments = read_comments(path_or_records, text_column)
    else:
        comments = _records_to_comments(path_or_records)
    chosen = load_sentiment(model)
    return summary(analyse_comments(comments, model), chosen.name)
