"""The Analysis tab's four figures, drawn as inline SVG.

Each figure is a small template written out here: black, white and grays only (they
must read on a grayscale printer), text as SVG text (so a PDF reader and a screen reader
find the labels), and a ``<title>`` and ``<desc>`` as text alternative. Sizes are in CSS
points; every figure fits a portrait text column 6.5 in (468 pt) wide.

* :func:`score_support_chart`: each option's weighted score beside its support index;
* :func:`tornado_chart`: how far each criterion's weight may move before the leader changes;
* :func:`power_interest_grid`: stakeholders placed on Mendelow's grid, numbered;
* :func:`risk_heat_map`: the 5 x 5 likelihood x impact matrix, each risk numbered in its cell.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from xml.sax.saxutils import escape

from markupsafe import Markup

from briefgen.analysis import Analysis, Sensitivity
from briefgen.schema.option_set import OptionSet
from briefgen.schema.vocabulary import RISK_BANDS

WIDTH = 468.0
FONT = "font-family: 'DejaVu Serif', serif"
#: Fill of each risk band, light to dark; text turns white on the darkest.
BAND_FILLS = ("#ffffff", "#d9d9d9", "#a6a6a6", "#595959")


def _text(
    x: float, y: float, content: str, *, size: float = 8, anchor: str = "start", **attrs: str
) -> str:
    extra = "".join(f' {name.replace("_", "-")}="{value}"' for name, value in attrs.items())
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size:g}" text-anchor="{anchor}"{extra}>'
        f"{escape(content)}</text>"
    )


def _svg(height: float, title: str, description: str, body: Iterable[str]) -> Markup:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="figure" '
        f'width="{WIDTH:g}pt" height="{height:g}pt" viewBox="0 0 {WIDTH:g} {height:g}" '
        f'style="{FONT}" aria-label="{escape(title, {chr(34): "&quot;"})}">'
        f"<title>{escape(title)}</title><desc>{escape(description)}</desc>"
    )
    return Markup(head + "".join(body) + "</svg>")


def _clip(text: str, limit: int) -> str:
    """Shorten a label at a word boundary, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut.rstrip(" ,;:") + "\u2026"


#: The colour of grid lines inside a matrix.
FAINT = "#bfbfbf"


def _line(
    x1: float, y1: float, x2: float, y2: float, *, width: float = 0.6, colour: str = "#000000"
) -> str:
    return (
        f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
        f'stroke="{colour}" stroke-width="{width:g}"/>'
    )


def _rect(x: float, y: float, w: float, h: float, fill: str, *, width: float = 0.5) -> str:
    return (
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" fill="{fill}" '
        f'stroke="#000000" stroke-width="{width:g}"/>'
    )


def score_support_chart(analysis: Analysis) -> Markup:
    """Two bar panels, one row per option: weighted score (0-5) and support index
    (-100 to +100, bars from the centre line)."""
    rows = analysis.options
    top, row_h, label_w = 24.0, 18.0, 150.0
    panel = (WIDTH - label_w - 20) / 2
    score_x, support_x = label_w, label_w + panel + 20
    height = top + row_h * len(rows) + 14
    body = [
        _text(score_x, 10, "Weighted score (0-5)", size=8, font_weight="bold"),
        _text(support_x, 10, "Support index (-100 to +100)", size=8, font_weight="bold"),
        _line(support_x + panel / 2, top - 4, support_x + panel / 2, height - 12),
    ]
    for index, option in enumerate(rows):
        y = top + index * row_h
        body.append(
            _text(label_w - 6, y + 11, f"{index + 1}. {_clip(option.title, 30)}", anchor="end")
        )
        if option.weighted_score is not None:
            width = panel * option.weighted_score / 5
            body.append(_bar(score_x, y + 3, width, row_h - 6, lead=option.rank == 1))
            body.append(_text(score_x + width + 3, y + 11, f"{option.weighted_score:.2f}"))
        else:
            body.append(_text(score_x, y + 11, "not scored", font_style="italic"))
        middle = support_x + panel / 2
        if option.support_index is not None:
            width = panel / 2 * abs(option.support_index) / 100
            start = middle if option.support_index >= 0 else middle - width
            body.append(_bar(start, y + 3, width, row_h - 6, lead=option.support_index >= 0))
            label = f"{option.support_index:+.1f}"
            at, anchor = (
                (middle + width + 3, "start")
                if option.support_index >= 0
                else (
                    middle - width - 3,
                    "end",
                )
            )
            body.append(_text(at, y + 11, label, anchor=anchor))
        else:
            body.append(_text(middle + 3, y + 11, "no stance known", font_style="italic"))
    body.append(
        _text(
            score_x,
            height - 2,
            "Score: the dark bar is the leader. Support: dark bars net support, "
            "white net opposition.",
            size=7,
        )
    )
    description = "; ".join(
        f"{o.title}: weighted score {_num(o.weighted_score)}, "
        f"support index {_num(o.support_index, 0)}"
        for o in rows
    )
    return _svg(height, "Weighted score and support index of each option", description, body)


def _bar(x: float, y: float, width: float, height: float, *, lead: bool) -> str:
    return _rect(x, y, max(width, 0.5), height, "#404040" if lead else "#ffffff", width=0.6)


def _num(value: float | None, digits: int = 2) -> str:
    return "none" if value is None else f"{value:.{digits}f}"


def tornado_chart(analysis: Analysis) -> Markup:
    """One row per criterion, most fragile first: a bar from the weight as written to the
    flip weight, a diamond at the weight; a robust criterion gets an arrow and "robust"."""
    items = sorted(analysis.sensitivity, key=_fragility)
    top, row_h, label_w = 20.0, 18.0, 170.0
    axis_w = WIDTH - label_w - 60
    limit = max([s.weight for s in items] + [s.flip_weight or 0 for s in items] + [1.0]) * 1.15
    height = top + row_h * len(items) + 22

    def x_at(value: float) -> float:
        return label_w + axis_w * value / limit

    body = [
        _text(
            label_w,
            10,
            "Weight as written (diamond) and where the leader changes",
            size=8,
            font_weight="bold",
        )
    ]
    for index, item in enumerate(items):
        y = top + index * row_h
        body.append(_text(label_w - 6, y + 11, _clip(item.name, 38), anchor="end"))
        here = x_at(item.weight)
        if item.flip_weight is None:
            body.append(
                f'<line x1="{here:.1f}" y1="{y + 8:.1f}" x2="{x_at(limit):.1f}" y2="{y + 8:.1f}" '
                f'stroke="#000000" stroke-width="0.6" stroke-dasharray="2 2"/>'
            )
            body.append(_text(x_at(limit) + 3, y + 11, "robust"))
        else:
            there = x_at(item.flip_weight)
            body.append(_bar(min(here, there), y + 3, abs(there - here), row_h - 6, lead=True))
            body.append(_flip_label(here, there, y, f"{item.flip_weight:.2f}"))
        body.append(
            f'<path d="M{here:.1f} {y + 3:.1f} l4 5 l-4 5 l-4 -5 z" fill="#ffffff" '
            'stroke="#000000" stroke-width="0.8"/>'
        )
    axis_y = top + row_h * len(items) + 4
    body.append(_line(label_w, axis_y, x_at(limit), axis_y))
    for tick in _ticks(limit):
        body.append(_text(x_at(tick), axis_y + 10, f"{tick:g}", size=7, anchor="middle"))
    description = "; ".join(_sensitivity_words(s) for s in analysis.sensitivity)
    return _svg(
        height,
        "How far each criterion's weight may move before the leader changes",
        description,
        body,
    )


def _flip_label(here: float, there: float, y: float, label: str) -> str:
    """The flip weight, printed at its own end of the bar: beyond it when the flip is the
    larger weight, else inside the bar's left end (white on dark)."""
    if there >= here:
        return _text(there + 4, y + 11, label)
    if here - there > 30:
        return _text(there + 3, y + 11, label, fill="#ffffff")
    return _text(here + 7, y + 11, label)


def _fragility(item: Sensitivity) -> float:
    return abs(item.flip_weight - item.weight) if item.flip_weight is not None else float("inf")


def _sensitivity_words(item: Sensitivity) -> str:
    if item.flip_weight is None:
        return f"{item.name} (weight {item.weight:g}): robust"
    return f"{item.name} (weight {item.weight:g}): leader changes at {item.flip_weight:.2f}"


def _ticks(limit: float) -> list[float]:
    step = next(s for s in (0.5, 1, 2, 5, 10, 20, 50, 100, 1e9) if limit / s <= 8)
    return [i * step for i in range(int(limit / step) + 1)]


@dataclass(frozen=True)
class Placed:
    """A numbered mark on a grid figure: its number and what it stands for."""

    number: int
    label: str


def power_interest_grid(memo: OptionSet) -> tuple[Markup, list[Placed]]:
    """Mendelow's grid: salience (interest) across, influence (power) up, the four
    quadrants named, each stakeholder a numbered circle in its cell.

    Returns:
        The figure and its key (number -> stakeholder name), in file order; the
        template prints the key beside it, names in full.
    """
    size, left, top = 300.0, 40.0, 16.0
    cell = size / 5
    height = top + size + 34
    body = [_grid_frame(left, top, size, "Salience (interest) \u2192", "Influence (power) \u2192")]
    for quadrant, (qx, qy) in {
        "Keep satisfied": (0, 0),
        "Manage closely": (1, 0),
        "Monitor": (0, 1),
        "Keep informed": (1, 1),
    }.items():
        # Quadrants split between levels 3 and 4: the right and lower ones start there.
        x, y = left + qx * 3 * cell + 4, top + qy * 2 * cell + 10
        body.append(_text(x, y, quadrant, size=7, font_style="italic"))
    body.append(_quadrant_lines(left, top, cell))
    cells: dict[tuple[int, int], list[int]] = {}
    key: list[Placed] = []
    for number, holder in enumerate(memo.stakeholders, 1):
        cells.setdefault((holder.salience, holder.influence), []).append(number)
        key.append(Placed(number, holder.name))
    for (salience, influence), numbers in cells.items():
        x0, y0 = left + (salience - 1) * cell, top + (5 - influence) * cell
        body.extend(_marks(numbers, x0, y0, cell, first_row=12 if influence in (5, 3) else 0))
    description = "; ".join(
        f"{h.name}: influence {h.influence}, salience {h.salience}" for h in memo.stakeholders
    )
    return _svg(height, "Stakeholders on the power/interest grid", description, body), key


def _marks(
    numbers: Sequence[int], x0: float, y0: float, cell: float, first_row: float
) -> list[str]:
    """Numbered circles packed into one cell, smaller when the cell is crowded (below a
    quadrant's name, ``first_row`` points down, when the cell holds one)."""
    columns = max(1, math.ceil(math.sqrt(len(numbers))))
    rows = math.ceil(len(numbers) / columns)
    pitch = min(16.0, (cell - 4) / columns, (cell - 4 - first_row) / rows)
    radius = pitch / 2 - 0.8
    marks = []
    for index, number in enumerate(numbers):
        cx = x0 + 2 + pitch * (index % columns + 0.5)
        cy = y0 + 2 + first_row + pitch * (index // columns + 0.5)
        marks.append(
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{radius:.1f}" fill="#ffffff" stroke="#000000" '
            f'stroke-width="0.7"/>'
        )
        marks.append(
            _text(cx, cy + radius * 0.4, str(number), size=round(radius * 1.1, 1), anchor="middle")
        )
    return marks


def _grid_frame(left: float, top: float, size: float, across: str, up: str) -> str:
    cell = size / 5
    parts = [_rect(left, top, size, size, "none", width=0.8)]
    for i in range(1, 5):
        parts.append(
            _line(left + i * cell, top, left + i * cell, top + size, width=0.4, colour=FAINT)
        )
        parts.append(
            _line(left, top + i * cell, left + size, top + i * cell, width=0.4, colour=FAINT)
        )
    for i in range(5):
        parts.append(
            _text(left + (i + 0.5) * cell, top + size + 10, str(i + 1), size=7, anchor="middle")
        )
        parts.append(_text(left - 5, top + (4.5 - i) * cell + 3, str(i + 1), size=7, anchor="end"))
    parts.append(_text(left + size / 2, top + size + 24, across, size=8, anchor="middle"))
    parts.append(
        _text(
            12,
            top + size / 2,
            up,
            size=8,
            anchor="middle",
            transform=f"rotate(-90 12 {top + size / 2:.1f})",
        )
    )
    return "".join(parts)


def _quadrant_lines(left: float, top: float, cell: float) -> str:
    # Mendelow's split: 4 and 5 are high, so the lines fall between 3 and 4.
    x, y = left + 3 * cell, top + 2 * cell
    return _line(x, top, x, top + 5 * cell, width=1.2) + _line(
        left, y, left + 5 * cell, y, width=1.2
    )


def risk_heat_map(memo: OptionSet) -> tuple[Markup, list[Placed]]:
    """The 5 x 5 matrix, impact across and likelihood up, cells shaded by band, each risk
    numbered (R1, R2, ... across all options, in file order) in its cell.

    Returns:
        The figure and its key (number -> "option: risk title").
    """
    size, left, top = 300.0, 40.0, 16.0
    cell = size / 5
    height = top + size + 34
    body: list[str] = []
    for likelihood in range(1, 6):
        for impact in range(1, 6):
            band = next(
                i for i, (upper, _) in enumerate(RISK_BANDS) if likelihood * impact <= upper
            )
            x, y = left + (impact - 1) * cell, top + (5 - likelihood) * cell
            body.append(_rect(x, y, cell, cell, BAND_FILLS[band]))
    body.append(_grid_frame(left, top, size, "Impact \u2192", "Likelihood \u2192"))
    cells: dict[tuple[int, int], list[int]] = {}
    key: list[Placed] = []
    for option in memo.options:
        for risk in option.risks:
            number = len(key) + 1
            key.append(Placed(number, f"{option.title}: {risk.title}"))
            cells.setdefault((risk.likelihood, risk.impact), []).append(number)
    for (likelihood, impact), numbers in cells.items():
        band = next(i for i, (upper, _) in enumerate(RISK_BANDS) if likelihood * impact <= upper)
        colour = "#ffffff" if band == 3 else "#000000"
        x, y = left + (impact - 1) * cell + 3, top + (5 - likelihood) * cell
        per_line, font = (3, 7.5) if len(numbers) <= 15 else (5, 5.2)
        lines = _chunks([f"R{n}" for n in numbers], per_line)
        step = min(10.0, (cell - 4) / max(len(lines), 1))
        for line, chunk in enumerate(lines):
            body.append(_text(x, y + 9 + line * step, " ".join(chunk), size=font, fill=colour))
    legend_x = left + size + 14
    for index, (upper, name) in enumerate(RISK_BANDS):
        y = top + index * 14
        low = RISK_BANDS[index - 1][0] + 1 if index else 1
        body.append(_rect(legend_x, y, 10, 10, BAND_FILLS[index]))
        body.append(_text(legend_x + 14, y + 8, f"{name} ({low}-{upper})", size=7))
    description = "; ".join(f"R{item.number} {item.label}" for item in key) or "no risks"
    return _svg(height, "Risks on the 5 x 5 likelihood and impact matrix", description, body), key


def _chunks(items: Sequence[str], size: int) -> list[list[str]]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


class Figures:
    """The four figures of one memo's Analysis tab, drawn when a template first asks
    (the Markdown memo never does)."""

    def __init__(self, memo: OptionSet, analysis: Analysis) -> None:
        self.memo, self.analysis = memo, analysis

    @cached_property
    def score_support(self) -> Markup:
        """:func:`score_support_chart` of the memo."""
        return score_support_chart(self.analysis)

    @cached_property
    def tornado(self) -> Markup:
        """:func:`tornado_chart` of the memo."""
        return tornado_chart(self.analysis)

    @cached_property
    def _grid(self) -> tuple[Markup, list[Placed]]:
        return power_interest_grid(self.memo)

    @property
    def grid(self) -> Markup:
        """:func:`power_interest_grid` of the memo."""
        return self._grid[0]

    @property
    def grid_key(self) -> list[Placed]:
        """The grid's numbers: stakeholder names in file order."""
        return self._grid[1]

    @cached_property
    def _heat(self) -> tuple[Markup, list[Placed]]:
        return risk_heat_map(self.memo)

    @property
    def heat(self) -> Markup:
        """:func:`risk_heat_map` of the memo."""
        return self._heat[0]

    @property
    def heat_key(self) -> list[Placed]:
        """The heat map's numbers: "option: risk" in file order."""
        return self._heat[1]
