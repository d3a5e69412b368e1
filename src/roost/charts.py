"""Chart geometry for the report: plain frozen dataclasses of positions and labels, drawn as inline SVG by
the templates. Simple arithmetic only; no chart library, nothing fetched, the same input gives the same output.

Every mark carries a `title` (the SVG tooltip, read by screen readers), and every chart is shown beside a
table of its numbers, so nothing depends on the drawing.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

Format = Callable[[float], str]
MAX_BAR = 56.0  # a chart of three months keeps bars, not slabs


@dataclass(frozen=True)
class Bar:
    """One rectangle: a column, a stacked segment or a heatmap cell; `cls` picks its colour in the CSS."""

    x: float
    y: float
    w: float
    h: float
    title: str
    cls: str = "bar"


@dataclass(frozen=True)
class Label:
    """A text on an axis."""

    x: float
    y: float
    text: str
    anchor: str = "middle"


@dataclass(frozen=True)
class Gridline:
    """A horizontal line of the value axis, with its value written at the left."""

    y: float
    label: str


@dataclass(frozen=True)
class Marker:
    """A small mark above a column (a month holding a buzz day)."""

    x: float
    y: float
    title: str


@dataclass(frozen=True)
class LegendItem:
    """One series' name and colour class."""

    label: str
    cls: str


@dataclass(frozen=True)
class Chart:
    """A column chart (plain or stacked) ready to draw in a `0 0 width height` view box."""

    width: float
    height: float
    left: float
    right: float
    top: float
    bottom: float
    bars: tuple[Bar, ...]
    x_labels: tuple[Label, ...]
    gridlines: tuple[Gridline, ...]
    markers: tuple[Marker, ...] = ()
    legend: tuple[LegendItem, ...] = ()
    title: str = ""


@dataclass(frozen=True)
class Heatmap:
    """A grid of cells (rows: weekdays, columns: hours) with a colour level per cell."""

    width: float
    height: float
    cells: tuple[Bar, ...]
    row_labels: tuple[Label, ...]
    col_labels: tuple[Label, ...]
    title: str = ""


def nice_ceiling(x: float) -> float:
    """The smallest 1, 2, 2.5 or 5 times a power of ten that is at least `x` (1 for nothing)."""
    if not math.isfinite(x) or x <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(x))
    for step in (1.0, 2.0, 2.5, 5.0, 10.0):
        if x <= step * power * (1 + 1e-9):
            return step * power
    return 10.0 * power


def _gridlines(top_value: float, top: float, bottom: float, fmt: Format, count: int = 0) -> tuple[Gridline, ...]:
    if not count:
        # 4 steps under a top of 2 x 10^k (0.5 each), 5 steps otherwise (0.2, 1, 2, 5 or 0.5 x 10^k each).
        leading = top_value / 10.0 ** math.floor(math.log10(top_value)) if top_value > 0 else 1.0
        count = 4 if abs(leading - 2.0) < 1e-9 else 5
    lines = []
    for i in range(count + 1):
        value = top_value * i / count
        lines.append(Gridline(y=round(bottom - (bottom - top) * i / count, 2), label=fmt(value)))
    return tuple(lines)


def column_chart(
    values: Sequence[float],
    titles: Sequence[str],
    x_labels: Sequence[tuple[int, str]],
    fmt_axis: Format,
    *,
    marked: Mapping[int, str] | None = None,
    width: float = 960,
    height: float = 220,
    left: float = 52,
    title: str = "",
    integers: bool = False,
) -> Chart:
    """Columns for `values` in order, one `titles` tooltip each; `x_labels` are (column index, text);
    `marked` maps a column index to the tooltip of a marker drawn above it; `integers` keeps the axis on whole
    numbers (counts)."""
    right, top, bottom = width - 8, 14.0, height - 22
    n = len(values)
    top_value = nice_ceiling(max((v for v in values if v is not None), default=0))
    if integers:
        top_value = max(top_value, 5.0)
    slot = (right - left) / max(n, 1)
    gap = min(slot * 0.2, 6.0) if slot >= 3 else 0.0
    width_bar = min(max(slot - gap, 0.6), MAX_BAR)
    bars = []
    for i, v in enumerate(values):
        v = v or 0
        h = (bottom - top) * v / top_value
        if v > 0:
            h = max(h, 1.0)  # a month with one tweet stays visible
        bars.append(
            Bar(
                x=round(left + i * slot + (slot - width_bar) / 2, 2),
                y=round(bottom - h, 2),
                w=round(width_bar, 2),
                h=round(h, 2),
                title=titles[i],
            )
        )
    markers = tuple(
        Marker(x=round(bars[i].x + bars[i].w / 2, 2), y=round(max(bars[i].y - 7, top - 6), 2), title=t)
        for i, t in sorted((marked or {}).items())
        if 0 <= i < n
    )
    labels = tuple(
        Label(x=round(left + i * slot + slot / 2, 2), y=height - 6, text=text) for i, text in x_labels if 0 <= i < n
    )
    return Chart(
        width=width,
        height=height,
        left=left,
        right=right,
        top=top,
        bottom=bottom,
        bars=tuple(bars),
        x_labels=labels,
        gridlines=_gridlines(top_value, top, bottom, fmt_axis),
        markers=markers,
        title=title,
    )


def stacked_share_chart(
    stacks: Sequence[Sequence[float]],
    titles: Sequence[Sequence[str]],
    x_labels: Sequence[tuple[int, str]],
    legend: Sequence[str],
    fmt_share: Format,
    *,
    width: float = 960,
    height: float = 220,
    left: float = 52,
    title: str = "",
) -> Chart:
    """100% stacked columns: each stack's segments (one per `legend` series, in order) as shares of the stack.

    Series i gets the colour class `s{i}`; an empty stack draws nothing."""
    right, top, bottom = width - 8, 10.0, height - 22
    n = len(stacks)
    slot = (right - left) / max(n, 1)
    gap = min(slot * 0.2, 8.0) if slot >= 3 else 0.0
    width_bar = min(max(slot - gap, 0.6), MAX_BAR)
    bars = []
    for i, segments in enumerate(stacks):
        total = sum(v for v in segments if v)
        if total <= 0:
            continue
        y = bottom
        for j, v in enumerate(segments):
            if not v:
                continue
            h = (bottom - top) * v / total
            y -= h
            bars.append(
                Bar(
                    x=round(left + i * slot + (slot - width_bar) / 2, 2),
                    y=round(y, 2),
                    w=round(width_bar, 2),
                    h=round(h, 2),
                    title=titles[i][j],
                    cls=f"s{j}",
                )
            )
    labels = tuple(
        Label(x=round(left + i * slot + slot / 2, 2), y=height - 6, text=text) for i, text in x_labels if 0 <= i < n
    )
    return Chart(
        width=width,
        height=height,
        left=left,
        right=right,
        top=top,
        bottom=bottom,
        bars=tuple(bars),
        x_labels=labels,
        gridlines=_gridlines(1.0, top, bottom, fmt_share, count=4),
        legend=tuple(LegendItem(label, f"s{j}") for j, label in enumerate(legend)),
        title=title,
    )


def heatmap(
    counts: Mapping[tuple[int, int], float],
    row_names: Sequence[str],
    col_names: Sequence[str],
    cell_title: Callable[[int, int, float], str],
    *,
    cell_w: float = 32,
    cell_h: float = 24,
    left: float = 48,
    top: float = 20,
    levels: int = 5,
    title: str = "",
) -> Heatmap:
    """A rows x columns grid; each cell's class is `h0` (nothing) to `h{levels}` (the busiest), on a square-root
    scale so that quiet hours still show."""
    peak = max((v for v in counts.values() if v), default=0)
    cells = []
    for r in range(len(row_names)):
        for c in range(len(col_names)):
            v = counts.get((r, c), 0) or 0
            level = 0 if v <= 0 or peak <= 0 else max(1, math.ceil(levels * math.sqrt(v / peak) - 1e-9))
            cells.append(
                Bar(
                    x=left + c * cell_w,
                    y=top + r * cell_h,
                    w=cell_w - 2,
                    h=cell_h - 2,
                    title=cell_title(r, c, v),
                    cls=f"h{level}",
                )
            )
    rows = tuple(
        Label(x=left - 8, y=top + r * cell_h + cell_h / 2 + 3, text=name, anchor="end") for r, name in enumerate(row_names)
    )
    cols = tuple(
        Label(x=left + c * cell_w + (cell_w - 2) / 2, y=top - 6, text=name) for c, name in enumerate(col_names) if name
    )
    return Heatmap(
        width=left + len(col_names) * cell_w + 4,
        height=top + len(row_names) * cell_h + 4,
        cells=tuple(cells),
        row_labels=rows,
        col_labels=cols,
        title=title,
    )


def share_width(value: float | None, whole: float | None) -> float:
    """How much of a 0-100 track `value` fills against `whole` (0 when either is unknown)."""
    if not value or not whole or whole <= 0:
        return 0.0
    return round(max(0.0, min(100.0, 100.0 * value / whole)), 2)
