"""Comment files for the web tests: a few comments in several languages, some a person should read first."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

COMMENTS = [
    ("Great video, thank you police!", "2026-03-01", "v1", 12),
    ("Takk for at dere er her, dette var nyttig", "2026-03-01", "v1", 4),
    ("Ich finde das super", "2026-03-02", "v1", 0),
    ("Merci beaucoup pour ce conseil", "2026-03-02", "v2", 3),
    ("Que buen trabajo", "2026-03-03", "v2", 1),
    ("This is boring and stupid", "2026-03-03", "v2", 0),
    ("I want to kill myself", "2026-03-04", "v3", 0),
    ("Jeg vil ikke leve lenger", "2026-03-04", "v3", 0),
    ("Hvor kan jeg anmelde et innbrudd?", "2026-03-05", "v3", 2),
    ("Someone stole my bike yesterday, how do I report it?", "2026-03-05", "v3", 1),
    ("Can you help me, my friend is being bullied", "2026-03-06", "v4", 5),
    ("When is the next live?", "2026-03-06", "v4", 0),
]
SELF_HARM = ("I want to kill myself", "Jeg vil ikke leve lenger")


def comments_csv(
    folder: Path,
    name: str = "kommentarer.csv",
    rows: list[tuple[str, str, str, int]] | None = None,
    delimiter: str = ",",
) -> Path:
    """A CSV with the columns named in Norwegian, as a person's own export might have them."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(["Kommentar", "Dato", "Video", "Liker"])
    writer.writerows(rows if rows is not None else COMMENTS)
    path = folder / name
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def comments_json(folder: Path, name: str = "comments.json") -> Path:
    """A TikTok Business API comment file."""
    items = [
        {"comment_id": str(i), "video_id": video, "text": text, "likes": likes, "create_time": 1772323200 + i}
        for i, (text, _date, video, likes) in enumerate(COMMENTS)
    ]
    path = folder / name
    path.write_text(json.dumps({"data": {"comments": items}}), encoding="utf-8")
    return path


def comments_txt(folder: Path, name: str = "comments.txt") -> Path:
    path = folder / name
    path.write_text("\n".join(text for text, *_rest in COMMENTS) + "\n", encoding="utf-8")
    return path
