"""Server-rendered SVG charts of daily series, each with a title, a description and a data table.

Coordinates are computed here; the template only writes them out, so the charts need no JavaScript.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 80, 620, 20, 220

Series = Sequence[tuple[dt.date, float | None]]


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Chart:
    slug: str
    title: str
    description: str
    kind: str  # "line" or "bars"
    lines: list[str] = field(default_factory=list)  # polyline point lists; a gap in the data starts a new one
    bars: list[Bar] = field(default_factory=list)
    y_labels: list[tuple[float, str]] = field(default_factory=list)
    x_labels: list[tuple[float, str, str]] = field(default_factory=list)  # x, text, text-anchor
    rows: list[tuple[str, str]] = field(default_factory=list)  # the data table: date, value as shown
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = RIGHT
    top: int = TOP
    bottom: int = BOTTOM

    @property
    def points(self) -> int:
        """How many values the chart draws."""
        return len(self.bars) + sum(len(line.split()) for line in self.lines)


def _scale(values: list[float], from_zero: bool) -> tuple[float, float]:
    low = 0.0 if from_zero else min(values)
    high = max(values)
    low = min(low, 0.0) if from_zero else low
    if high <= low:
        pad = abs(high) * 0.05 or 1.0
        return low - (0 if from_zero else pad), high + pad
    return low, high


def chart(
    slug: str,
    title: str,
    description: str,
    series: Series,
    fmt: Callable[[float], str],
    *,
    kind: str = "line",
    from_zero: bool = True,
) -> Chart | None:
    """A chart of the days that have a value; None when there is nothing to draw."""
    known = [(d, v) for d, v in series if v is not None]
    if not known:
        return None
    start, end = series[0][0], series[-1][0]
    span = max((end - start).days, 1)
    low, high = _scale([v for _, v in known], from_zero)
    plot_w, plot_h = RIGHT - LEFT, BOTTOM - TOP

    def x_of(day: dt.date) -> float:
        return round(LEFT + (day - start).days / span * plot_w, 1)

    def y_of(value: float) -> float:
        return round(BOTTOM - (value - low) / (high - low) * plot_h, 1)

    lines: list[str] = []
    bars: list[Bar] = []
    if kind == "bars":
        width = max(round(plot_w / (span + 1) * 0.8, 2), 0.5)
        zero = y_of(max(low, 0.0))
        for day, value in known:
            y = y_of(value)
            bars.append(Bar(round(x_of(day) - width / 2, 2), min(y, zero), width, round(abs(zero - y), 1)))
    else:
        current: list[str] = []
        for day, value in series:
            if value is None:
                if current:
                    lines.append(" ".join(current))
                current = []
                continue
            current.append(f"{x_of(day)},{y_of(value)}")
        if current:
            lines.append(" ".join(current))
    middle = (low + high) / 2
    return Chart(
        slug=slug,
        title=title,
        description=description,
        kind=kind,
        lines=lines,
        bars=bars,
        y_labels=[(y_of(v), fmt(v)) for v in (low, middle, high)],
        x_labels=[(float(LEFT), start.isoformat(), "start"), (float(RIGHT), end.isoformat(), "end")],
        rows=[(d.isoformat(), fmt(v) if v is not None else "–") for d, v in series],
    )
