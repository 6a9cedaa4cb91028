"""Horizontal bar charts drawn on the server as inline SVG, with no JavaScript.

Readable without colour and by screen readers:

- the SVG is ``role="img"`` named by its ``<title>`` and described by its ``<desc>``;
- every bar carries its label and its value as text; a flagged bar (an agency
  that lags) is hatched, outlined and followed by a text mark, never told by
  colour alone; a legend inside the SVG says what the hatching means;
- the template (``reports/_chart_bars.html``) follows the SVG with the same
  figures as a table.

The colours are SVG presentation attributes (``fill``, ``stroke``), not
``style`` attributes: the content security policy (``style-src 'self'``)
blocks inline styles but not attributes; ``static/css/scoreboard.css``
overrides them through the classes for the high-contrast mode.

This module only measures: ``bar_chart`` lays the bars out in a ``BarChart``;
the template draws it; ``render_bar_chart`` renders it to HTML.
"""

import math
import unicodedata
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

# Sizes in SVG user units (the viewBox scales them to the page width).
FONT_SIZE = 14
ROW_HEIGHT = 30
BAR_HEIGHT = 18
LEGEND_HEIGHT = 34
AXIS_HEIGHT = 26
PLOT_WIDTH = 380
VALUE_WIDTH = 190
GAP = 8
MIN_LABEL_WIDTH = 96
MAX_LABEL_WIDTH = 300
GRID_STEPS = 5  # at most this many steps between grid lines
SWATCH = 14
# Marks a flagged bar in text, next to its hatching (not colour alone).
FLAG_MARK = "▲"
NEEDS_ATTENTION = _("Needs attention")


@dataclass(frozen=True)
class Bar:
    """One bar: its label, its value (None: no figure) and the value as printed."""

    label: str
    value: float | None
    text: str
    flagged: bool = False


@dataclass(frozen=True)
class PlacedBar:
    bar: Bar
    y: float  # top of the row
    width: float
    bar_y: float
    text_y: float  # baseline of the row's texts
    value_x: float


@dataclass(frozen=True)
class Tick:
    x: float
    text: str


@dataclass(frozen=True)
class LegendItem:
    x: float  # the swatch
    text_x: float
    text: str
    flagged: bool


@dataclass(frozen=True)
class BarChart:
    id: str
    title: str
    description: str
    label_header: str
    value_header: str
    flag_text: str
    bars: tuple[PlacedBar, ...]
    ticks: tuple[Tick, ...]
    label_width: float
    width: float
    height: float
    plot_x: float
    plot_bottom: float

    @property
    def has_flags(self) -> bool:
        return any(placed.bar.flagged for placed in self.bars)

    @property
    def flag_mark(self) -> str:
        """The text after a flagged bar's value (and in the legend)."""
        return f"{FLAG_MARK} {self.flag_text}"

    @property
    def label_x(self) -> float:
        """Where the labels end (they are right-aligned against the bars)."""
        return self.label_width - GAP

    @property
    def legend(self) -> tuple[LegendItem, ...]:
        """The two swatches of the legend, side by side from the left of the plot."""
        texts = (_("Other agencies"), self.flag_mark)
        items, x = [], self.plot_x
        for flagged, text in zip((False, True), texts, strict=True):
            items.append(LegendItem(x, x + SWATCH + GAP / 2, str(text), flagged))
            x += SWATCH + GAP / 2 + text_width(str(text)) + 3 * GAP
        return tuple(items)

    @property
    def legend_y(self) -> float:
        """The top of the legend's swatches; its texts' baseline is ``legend_text_y``."""
        return (LEGEND_HEIGHT - SWATCH) / 2

    @property
    def legend_text_y(self) -> float:
        return LEGEND_HEIGHT / 2 + FONT_SIZE / 3

    @property
    def plot_top(self) -> float:
        return LEGEND_HEIGHT

    @property
    def swatch(self) -> int:
        return SWATCH

    @property
    def bar_height(self) -> int:
        return BAR_HEIGHT

    @property
    def axis_text_y(self) -> float:
        return self.plot_bottom + AXIS_HEIGHT - GAP


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """An estimate of the drawn width: a full-width (CJK) character is one em, others 0.6."""
    return sum(size if unicodedata.east_asian_width(c) in "WF" else size * 0.6 for c in text)


def nice_axis(
    largest: float, maximum: float | None = None, whole: bool = False
) -> tuple[float, float]:
    """The axis end and the step between grid lines: a step of 1, 2 or 5 times a power of
    ten, giving at most ``GRID_STEPS`` steps up to ``largest`` (or to ``maximum``); a
    step of at least 1 for ``whole`` numbers (counts)."""
    end = maximum or largest
    if end <= 0:
        return 1, 1
    power = 10 ** math.floor(math.log10(end / GRID_STEPS))
    step = next(m * power for m in (1, 2, 5, 10) if end <= m * power * GRID_STEPS)
    if whole:
        step = max(step, 1)
    if maximum:
        return maximum, step
    return step * math.ceil(largest / step), step


def _tick_text(value: float) -> str:
    return f"{value:g}"


def bar_chart(
    chart_id: str,
    *,
    title: str,
    description: str,
    bars: list[Bar],
    label_header: str,
    value_header: str,
    flag_text=NEEDS_ATTENTION,
    maximum: float | None = None,
) -> BarChart:
    """Lay out ``bars`` top to bottom; ``maximum`` fixes the axis end (e.g. 100 for %)."""
    largest = max((bar.value for bar in bars if bar.value is not None), default=0)
    whole = all(isinstance(bar.value, int) for bar in bars if bar.value is not None)
    axis_end, step = nice_axis(largest, maximum, whole)
    label_width = min(
        MAX_LABEL_WIDTH,
        max([MIN_LABEL_WIDTH, *(text_width(bar.label) + 2 * GAP for bar in bars)]),
    )
    plot_x = label_width
    placed = []
    for index, bar in enumerate(bars):
        y = LEGEND_HEIGHT + index * ROW_HEIGHT
        share = max(0.0, min(1.0, (bar.value or 0) / axis_end))
        width = round(share * PLOT_WIDTH, 1)
        placed.append(
            PlacedBar(
                bar=bar,
                y=y,
                width=width,
                bar_y=y + (ROW_HEIGHT - BAR_HEIGHT) / 2,
                text_y=y + ROW_HEIGHT / 2 + FONT_SIZE / 3,
                value_x=plot_x + width + GAP,
            )
        )
    plot_bottom = LEGEND_HEIGHT + len(bars) * ROW_HEIGHT
    ticks = tuple(
        Tick(x=round(plot_x + PLOT_WIDTH * value / axis_end, 1), text=_tick_text(value))
        for value in (step * i for i in range(math.floor(axis_end / step) + 1))
    )
    return BarChart(
        id=chart_id,
        title=title,
        description=description,
        label_header=label_header,
        value_header=value_header,
        flag_text=flag_text,
        bars=tuple(placed),
        ticks=ticks,
        label_width=label_width,
        width=label_width + PLOT_WIDTH + VALUE_WIDTH,
        height=plot_bottom + AXIS_HEIGHT,
        plot_x=plot_x,
        plot_bottom=plot_bottom,
    )


def render_bar_chart(chart: BarChart) -> str:
    """The chart as HTML: the SVG followed by its figures as a table."""
    return render_to_string("reports/_chart_bars.html", {"chart": chart})
