"""The distribution of sentiment as a server-rendered SVG bar chart, with its figures as a table."""

from __future__ import annotations

from dataclasses import dataclass

WIDTH, HEIGHT = 640, 170
LEFT, RIGHT, TOP = 120, 540, 20
BAR, GAP = 30, 16


@dataclass(frozen=True)
class Bar:
    key: str
    label: str
    value: str  # as shown: count and share
    y: float
    width: float
    text_x: float


@dataclass(frozen=True)
class Distribution:
    title: str
    description: str
    bars: list[Bar]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = RIGHT
    top: int = TOP
    bar_height: int = BAR

    @property
    def bottom(self) -> int:
        return self.top + len(self.bars) * (BAR + GAP) - GAP + 4


def distribution(title: str, description: str, rows: list[tuple[str, str, float, str]]) -> Distribution:
    """Horizontal bars, one per (key, label, share 0..1, value as shown); the longest bar is a share of 1."""
    bars = []
    for i, (key, label, share, shown) in enumerate(rows):
        width = round(max(0.0, min(share, 1.0)) * (RIGHT - LEFT), 1)
        bars.append(Bar(key, label, shown, TOP + i * (BAR + GAP), width, round(LEFT + width + 6, 1)))
    return Distribution(title, description, bars)
