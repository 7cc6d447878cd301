"""The keyboard focus indicator is visible (WCAG 1.4.11: 3:1) on the white page and on the dark header."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

CSS = (Path(__file__).resolve().parents[2] / "src/gonogo/web/static/gonogo/app.css").read_text(encoding="utf-8")


def _rule(selector: str) -> str:
    match = re.search(r"(?:^|[}\n])\s*" + re.escape(selector) + r"\s*\{([^}]*)\}", CSS)
    assert match, f"no rule for {selector}"
    return match.group(1)


def _hex(text: str) -> tuple[int, int, int]:
    value = text.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _luminance(colour: tuple[int, int, int]) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(_hex(a)), _luminance(_hex(b))), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _colour(declarations: str, prop: str) -> str:
    match = re.search(prop + r"\s*:[^;]*?(#[0-9a-fA-F]{3,6})\b", declarations)
    assert match, f"no colour for {prop} in {declarations}"
    return match.group(1)


FOCUS = _rule("a:focus, button:focus, input:focus, select:focus, textarea:focus")
PAGE = re.search(r"--bg:\s*(#[0-9a-fA-F]{3,6})", CSS).group(1)  # type: ignore[union-attr]
HEADER = _colour(_rule(".top"), "background")
OUTLINE = _colour(FOCUS, "outline")
RING = _colour(FOCUS, "box-shadow")


def test_the_contrast_formula_gives_wcags_known_ratios() -> None:
    assert contrast("#000", "#fff") == pytest.approx(21)
    assert contrast("#f9a825", "#fff") == pytest.approx(1.97, abs=0.01)  # the old focus colour failed


@pytest.mark.parametrize(
    ("indicator", "background", "where"),
    [
        (OUTLINE, PAGE, "the outline on the white page"),
        (RING, HEADER, "the ring on the dark header"),
        (OUTLINE, RING, "the outline against the ring inside it"),
    ],
)
def test_each_part_of_the_focus_indicator_stands_out_at_least_3_to_1(
    indicator: str, background: str, where: str
) -> None:
    assert contrast(indicator, background) >= 3, where


def test_the_ring_fills_the_gap_between_the_element_and_its_outline() -> None:
    offset = re.search(r"outline-offset:\s*(\d+)px", FOCUS)
    ring = re.search(r"box-shadow:\s*0 0 0 (\d+)px", FOCUS)
    assert offset
    assert ring
    assert offset.group(1) == ring.group(1)
