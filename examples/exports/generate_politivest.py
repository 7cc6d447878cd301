"""Write the demo's TikTok Studio export for the Politivest example (examples/exports/politivest-2023-04/).

The figures are invented but shaped like a large police account's in spring 2023: about 4 million views a
month, 823,000 followers at the end, engagement near 8 %, an audience mostly in Norway. The files follow TikTok
Studio's "Download data" CSVs as docs/evidence.md describes them: UTF-8 with BOM, every field quoted, CRLF,
dates without a year in the interface language (here Norwegian: "14. apr."). Run it again to get the same
bytes: ``python examples/exports/generate_politivest.py``.
"""

from __future__ import annotations

import codecs
import random
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

OUT = Path(__file__).resolve().parent / "politivest-2023-04"
FIRST, LAST = date(2023, 1, 14), date(2023, 4, 14)  # downloaded on 2023-04-15, the assessment's date
MONTHS = ("jan.", "feb.", "mar.", "apr.", "mai", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "des.")
TITLES = (
    "Slik sjekker du om nettbutikken er ekte", "Hva gjør du hvis noen deler bilder av deg?",
    "En natt med patruljen i Bergen sentrum", "Svindel på SMS: tre tegn", "Hvordan anmelde et sykkeltyveri",
    "Spør politiet: dine spørsmål om russetiden", "Nettpatruljen svarer", "Trygg på vei hjem",
    "Hunden Tara på jobb", "Ikke del passordet ditt", "Hva skjer når du ringer 112?", "Bak kulissene på sentralen",
)  # fmt: skip


def day(d: date) -> str:
    return f"{d.day}. {MONTHS[d.month - 1]}"


def write(name: str, rows: Sequence[Sequence[object]]) -> None:
    lines = [",".join('"' + str(v).replace('"', '""') + '"' for v in row) for row in rows]
    (OUT / name).write_bytes(codecs.BOM_UTF8 + ("\r\n".join(lines) + "\r\n").encode("utf-8"))


def main() -> None:
    rng = random.Random(2023)
    OUT.mkdir(exist_ok=True)
    days = [FIRST + timedelta(days=i) for i in range((LAST - FIRST).days + 1)]
    posts = sorted(rng.sample(days, 38))
    overview: list[list[object]] = [["Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares"]]
    viewers: list[list[object]] = [["Date", "Total Viewers", "New Viewers", "Returning Viewers"]]
    for d in days:
        boost = 2.2 if d in posts else 1.0
        weekend = 1.15 if d.weekday() >= 5 else 1.0
        views = int(rng.gauss(84_000, 10_500) * boost * weekend)
        likes = int(views * rng.uniform(0.062, 0.074))
        comments = int(views * rng.uniform(0.003, 0.005))
        shares = int(views * rng.uniform(0.004, 0.007))
        overview.append([day(d), views, int(views * 0.031), likes, comments, shares])
        total = int(views * 0.62)
        new = int(total * rng.uniform(0.55, 0.65))
        viewers.append([day(d), total, new, total - new])
    write("Overview.csv", overview)
    write("Viewers.csv", viewers)

    followers = 823_000 - 460 * (len(days) - 1)
    history: list[list[object]] = [["Date", "Followers", "Difference in followers from previous day"]]
    counts = []
    for _d in days:
        counts.append(followers)
        followers += 460 + rng.randint(-120, 120)
    counts[-1] = 823_000
    for i, d in enumerate(days):
        # TikTok's "difference" column compares with the next day, and the last day says 0
        diff = counts[i + 1] - counts[i] if i + 1 < len(days) else 0
        history.append([day(d), counts[i], diff])
    write("FollowerHistory.csv", history)

    territories = [("NO", 0.912), ("SE", 0.027), ("DK", 0.011), ("GB", 0.006), ("Others", 0.044)]
    write("FollowerTopTerritories.csv", [["Top territories", "Distribution"], *territories])
    write("FollowerGender.csv", [["Gender", "Distribution"], ["Female", 0.55], ["Male", 0.43], ["Other", 0.02]])
    activity: list[list[object]] = [["Date", "Hour", "Active followers"]]
    for d in days[-7:]:
        for hour in range(24):
            evening = 1.8 if 18 <= hour <= 22 else (0.3 if hour < 7 else 1.0)
            activity.append([day(d), hour, int(41_000 * evening * rng.uniform(0.9, 1.1))])
    write("FollowerActivity.csv", activity)

    header = "Time,Video title,Video link,Post time,Total likes,Total comments,Total shares,Total views"
    content: list[list[object]] = [header.split(",")]
    for i, d in enumerate(posts):
        views = int(rng.lognormvariate(11.8, 0.7))
        content.append([
            day(LAST), TITLES[i % len(TITLES)], f"https://www.tiktok.com/@politivest/video/72{i:017d}", day(d),
            int(views * 0.07), int(views * 0.004) - (3 if i == 5 else 0), int(views * 0.006), views,
        ])  # fmt: skip
    write("Content.csv", content)


if __name__ == "__main__":
    main()
