import pytest

from gonogo.evidence.comments import analyse_comments
from gonogo.evidence.comments.analysis import review_queue
from gonogo.evidence.comments.readers import Comment
from gonogo.evidence.comments.triage import CATEGORIES, lexicon_scores

ORDINARY = [
    "Så fin video, takk for at dere deler!",
    "Great job, love this account 😂",
    "Wo war das?",
    "Trop drôle 😂😂",
    "Me encanta la música de fondo",
    "Bellissimo video",
    "Adorei, vocês são demais",
    "Hvor er dette filmet?",
    "Leuke video!",
    "Snyggt!",
]

DISCLOSURES = [
    ("Jeg er 13 og en voksen mann på snap ber meg sende nakenbilder", "child_safety"),
    ("A grown man at my club keeps asking me for photos and says it's our secret", "child_safety"),
    ("Ich bin 13 und ein erwachsener Mann will Nacktbilder von mir", "child_safety"),
    ("Jag vill inte leva längre, jag tänker på självmord", "self_harm"),
    ("J'ai envie de mourir, je n'en peux plus", "self_harm"),
    ("Ik weet waar je woont, ik maak je af", "threat_harassment"),
]


@pytest.mark.parametrize(("text", "category"), DISCLOSURES)
def test_an_obvious_disclosure_is_ranked_above_ordinary_comments(model_name, text, category):
    texts = [*ORDINARY[:5], text, *ORDINARY[5:]]
    results = analyse_comments([Comment(t, f"[{i}]") for i, t in enumerate(texts)], model_name)
    queue = review_queue(results)
    assert queue, "the disclosure should be flagged"
    assert queue[0].comment.text == text
    assert category in {f.category for f in queue[0].flags}
    assert not any(r.flags for r in results if r.comment.text in ORDINARY)


def test_phrases_match_at_word_starts_only():
    scores = lexicon_scores(["I will kill yourself", "skillet recipe", "suicidal thoughts"])
    self_harm = CATEGORIES.index("self_harm")
    assert scores[1].max() == 0.0
    assert scores[2, self_harm] > 0.5


def test_flags_are_sorted_and_scored_between_zero_and_one(model_name):
    text = "Hjelp meg, jeg er redd, en voksen mann ba om nakenbilder og sa det var vår hemmelighet"
    flags = analyse_comments([Comment(text, "[0]")], model_name)[0].flags
    assert [f.score for f in flags] == sorted((f.score for f in flags), reverse=True)
    assert all(0 < f.score <= 1 for f in flags)
    assert {"child_safety", "help_request"} <= {f.category for f in flags}


def test_the_seed_phrases_match_the_same_words_as_with_a_look_behind_before_each_phrase():
    import json
    import re
    from pathlib import Path

    from gonogo.evidence.comments.triage import SEEDS, alternation

    seeds = json.loads(SEEDS.read_text(encoding="utf-8"))
    evaluation = Path(__file__).resolve().parents[3] / "training" / "eval" / "triage_eval.jsonl"
    texts = [json.loads(line)["text"].lower() for line in evaluation.read_text(encoding="utf-8").splitlines() if line]
    for category in seeds["categories"].values():
        texts += [e.lower() for e in category["examples"]]
        for phrases in category["phrases"].values():
            texts += [f"før {p.rstrip('*')}s og {p.rstrip('*')} etter" for p in phrases]
    found = 0
    for category in seeds["categories"].values():
        for phrases in category["phrases"].values():
            one_each = re.compile(
                "|".join(
                    r"(?<!\w)" + re.escape(p.rstrip("*").lower()) + (r"\w*" if p.endswith("*") else r"(?!\w)")
                    for p in sorted(set(phrases), key=len, reverse=True)
                )
            )
            together = re.compile(alternation(phrases))
            for text in texts:
                expected = set(one_each.findall(text))
                assert set(together.findall(text)) == expected, text
                found += len(expected)
    assert found > 100  # the texts do contain the phrases
