"""Server-drawn bar charts: well-formed SVG, named and described, readable without colour."""

import re

import pytest
from defusedxml import ElementTree
from django.utils import translation

from reports.charts import FLAG_MARK, Bar, bar_chart, nice_axis, render_bar_chart, text_width

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def chart(bars=None, **kwargs):
    bars = bars or [
        Bar("省局", 40, "40"),
        Bar("甲市局", 10, "10", flagged=True),
        Bar("乙县局", 0, "0", flagged=True),
    ]
    return bar_chart(
        "test-chart",
        title="Entries published in the last 365 days",
        description="Entries of each agency.",
        bars=bars,
        label_header="Agency",
        value_header="Entries",
        **kwargs,
    )


def svg_of(html: str):
    """The <svg> element of the rendered chart, parsed as XML (it must be well-formed)."""
    match = re.search(r"<svg\b.*?</svg>", html, re.S)
    assert match, "no <svg> element"
    return ElementTree.fromstring(match.group(0))


def texts(element) -> list[str]:
    return ["".join(text.itertext()).strip() for text in element.iter(f"{SVG}text")]


def test_the_chart_is_well_formed_svg_named_by_its_title_and_described():
    svg = svg_of(render_bar_chart(chart()))
    assert svg.get("role") == "img"
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert title.text == "Entries published in the last 365 days"
    assert desc.text == "Entries of each agency."
    assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert svg.get("viewBox").startswith("0 0 ")


def test_every_bar_has_its_label_and_its_value_as_text():
    svg = svg_of(render_bar_chart(chart()))
    rows = svg.findall(f"{SVG}g[@class]")
    bar_rows = [g for g in rows if g.get("class").startswith("chart-row")]
    assert [texts(g) for g in bar_rows] == [
        ["省局", "40"],
        ["甲市局", f"10 {FLAG_MARK} Needs attention"],
        ["乙县局", f"0 {FLAG_MARK} Needs attention"],
    ]


def test_bar_lengths_are_proportional_to_the_values():
    laid_out = chart()
    assert [placed.width for placed in laid_out.bars] == [380.0, 95.0, 0.0]
    assert [tick.text for tick in laid_out.ticks] == ["0", "10", "20", "30", "40"]


def test_flagged_bars_are_hatched_outlined_and_marked_in_words_not_by_colour_alone():
    svg = svg_of(render_bar_chart(chart()))
    pattern = svg.find(f"{SVG}defs/{SVG}pattern")
    assert pattern.get("id") == "test-chart-hatch"
    bars = [rect for rect in svg.iter(f"{SVG}rect") if "chart-bar" in rect.get("class", "")]
    flagged = [rect for rect in bars if "chart-bar-flagged" in rect.get("class")]
    plain = [rect for rect in bars if "chart-bar-flagged" not in rect.get("class")]
    assert {rect.get("fill") for rect in flagged} == {"url(#test-chart-hatch)"}
    assert all(rect.get("stroke") for rect in flagged)
    assert all(rect.get("fill").startswith("#") for rect in plain)
    legend = svg.find(f"{SVG}g[@class='chart-legend']")
    assert texts(legend) == ["Other agencies", f"{FLAG_MARK} Needs attention"]


def test_without_flagged_bars_there_is_no_legend():
    svg = svg_of(render_bar_chart(chart([Bar("省局", 3, "3"), Bar("市局", 1, "1")])))
    assert svg.find(f"{SVG}g[@class='chart-legend']") is None
    assert "Needs attention" not in " ".join(texts(svg))


def test_the_chart_uses_attributes_never_style_attributes():
    html = render_bar_chart(chart())
    assert not re.search(r"\sstyle\s*=", html)
    assert "<style" not in html


def test_the_figures_follow_as_a_table():
    html = render_bar_chart(chart())
    table = re.search(r"<table.*?</table>", html, re.S).group(0)
    assert "<caption>Entries published in the last 365 days</caption>" in table
    rows = re.findall(r'<th scope="row">(.*?)</th>\s*<td[^>]*>(.*?)</td>', table, re.S)
    assert rows == [("省局", "40"), ("甲市局", "10"), ("乙县局", "0")]
    assert table.count("Needs attention") == 3  # the header and the two flagged rows


def test_a_bar_without_a_value_is_drawn_empty_with_its_text():
    laid_out = chart([Bar("省局", 90, "90%"), Bar("市局", None, "—")], maximum=100)
    assert [placed.width for placed in laid_out.bars] == [342.0, 0.0]
    assert texts(svg_of(render_bar_chart(laid_out)))[-1] == "—"


def test_the_label_column_fits_the_longest_label():
    short = chart([Bar("局", 1, "1")])
    long = chart([Bar("沈阳市和平区市场监督管理局", 1, "1")])
    assert long.label_width > short.label_width
    assert long.label_width >= text_width("沈阳市和平区市场监督管理局")


@pytest.mark.parametrize(
    ("largest", "maximum", "whole", "axis"),
    [
        (40, None, True, (40, 10)),
        (87, None, True, (100, 20)),
        (11, None, True, (15, 5)),
        (1, None, True, (1, 1)),
        (0, None, True, (1, 1)),
        (87, 100, False, (100, 20)),
        (0.3, None, False, (0.3, 0.1)),
    ],
)
def test_the_axis_ends_on_a_round_step(largest, maximum, whole, axis):
    end, step = nice_axis(largest, maximum, whole)
    assert (end, step) == pytest.approx(axis)
