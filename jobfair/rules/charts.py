"""Server-rendered SVG charts: pure functions from (label, value) pairs to SVG text.

The output holds only numbers and escaped labels (no script, no links, no user markup), so a route can serve it as
image/svg+xml and a page embeds it with <img>. Charts are accessible (role="img", <title>, <desc>), scale to their
container (viewBox, width 100%), stay readable on a 360-px phone and print in black and grey. Same input, same bytes.
"""

import re
from xml.sax.saxutils import escape

from jobfair.rules.numbers import with_unit

WIDTH = 360
FONT = 13
LABEL_MAX = 44
TITLE_LINE = 38  # characters of a title line at 15 px bold across the 360 units
EMPTY_TEXT = "Belum ada data"
INK, BAR, GRID = "#000", "#555", "#999"
# Characters XML 1.0 does not allow, even escaped (control characters, surrogates, U+FFFE/U+FFFF).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(text) -> str:
    """A label safe to put in XML once escaped: no forbidden characters, one line, not too long."""
    text = _NOT_XML.sub("", str(text))
    text = " ".join(text.split())
    return text if len(text) <= LABEL_MAX else text[: LABEL_MAX - 1] + "…"


def fmt_value(value: int, unit: str = "") -> str:
    """1234 -> "1.234", with unit "Rp" -> "Rp1.234", otherwise "1.234 orang"."""
    return with_unit(value, unit)


def _num(x: float) -> str:
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _text(x: float, y: float, content: str, *, anchor: str = "start", size: int = FONT, weight: str = "") -> str:
    extra = f' font-weight="{weight}"' if weight else ""
    return (f'<text x="{_num(x)}" y="{_num(y)}" font-size="{size}" text-anchor="{anchor}" fill="{INK}"{extra}>'
            f"{escape(clean(content))}</text>")


def _heading(title: str, left: int) -> tuple[list[str], int]:
    """The title in bold, wrapped on words into at most two lines; returns (elements, extra height)."""
    words, lines = _NOT_XML.sub("", str(title)).split(), [""]
    for word in words:
        if lines[-1] and len(lines[-1]) + 1 + len(word) > TITLE_LINE:
            lines.append("")
        lines[-1] = f"{lines[-1]} {word}".strip()
    lines = lines[:1] + [" ".join(lines[1:])] if len(lines) > 1 else lines
    elements = [_text(left, 20 + 19 * i, line, size=15, weight="bold") for i, line in enumerate(lines)]
    return elements, 19 * (len(lines) - 1)


def _check(items) -> list[tuple[str, int]]:
    checked = []
    for label, value in items:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError("chart values must be whole numbers of zero or more")
        checked.append((clean(label), value))
    return checked


def _describe(items: list[tuple[str, int]], unit: str) -> str:
    if not items:
        return EMPTY_TEXT
    return "; ".join(f"{label}: {fmt_value(value, unit)}" for label, value in items)


def _svg(height: float, title: str, desc: str, body: list[str]) -> str:
    return "\n".join([
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {_num(height)}" width="100%" '
        f'role="img" aria-labelledby="chart-title chart-desc" font-family="sans-serif">',
        f'<title id="chart-title">{escape(clean(title))}</title>',
        f'<desc id="chart-desc">{escape(_NOT_XML.sub("", desc))}</desc>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{_num(height)}" fill="#fff"/>',
        *body,
        "</svg>",
    ]) + "\n"


def bar_chart(items: list[tuple[str, int]], *, title: str, unit: str = "", desc: str | None = None) -> str:
    """Horizontal bars, one per item in the given order: the label on its own line above the bar (long names stay
    readable on a phone), the value at the end of the bar. Bar length is proportional to the value."""
    items = _check(items)
    row, bar_h, left = 40, 16, 8
    heading, extra = _heading(title, left)
    top = 34 + extra
    widest = max((len(fmt_value(value, unit)) for _label, value in items), default=0)
    value_room = min(170, widest * 7 + 10)  # the value text right of the longest bar
    scale_width = WIDTH - left - value_room
    height = top + max(len(items), 1) * row + 8
    body = heading
    if not items:
        body.append(_text(left, top + 20, EMPTY_TEXT))
    biggest = max((value for _label, value in items), default=0)
    for index, (label, value) in enumerate(items):
        y = top + index * row
        length = value * scale_width / biggest if biggest else 0
        body.append(_text(left, y + 12, label))
        body.append(f'<rect class="bar" x="{left}" y="{y + 17}" width="{_num(length)}" height="{bar_h}" '
                    f'fill="{BAR}" data-value="{value}"><title>{escape(label)}: {fmt_value(value, unit)}</title>'
                    f"</rect>")
        body.append(_text(left + length + 4, y + 30, fmt_value(value, unit), size=12))
    return _svg(height, title, desc if desc is not None else _describe(items, unit), body)


def _tick_every(count: int, label_width: float, room: float) -> int:
    """Label every n-th point so that the x labels never overlap."""
    if count <= 1:
        return 1
    step = room / (count - 1)
    every = 1
    while every * step < label_width and every < count:
        every += 1
    return every


def _labelled(count: int, every: int) -> set[int]:
    """Indexes of the points that get an x label: every n-th, and the last instead of a too-close neighbour."""
    shown = list(range(0, count, every))
    if count - 1 not in shown:
        if len(shown) > 1 and count - 1 - shown[-1] < every:
            shown.pop()
        shown.append(count - 1)
    return set(shown)


def line_chart(points: list[tuple[str, int]], *, title: str, unit: str = "", desc: str | None = None) -> str:
    """A line through the points in the given order (e.g. months), with a zero line, the maximum on the axis,
    a dot per point and as many x labels as fit without overlapping (the first and last always)."""
    points = _check(points)
    left, right, plot_h = 8, 16, 150
    body, extra = _heading(title, left)
    top = 52 + extra
    height = top + plot_h + 40
    if not points:
        body.append(_text(left, top + 20, EMPTY_TEXT))
        return _svg(top + 40, title, desc if desc is not None else EMPTY_TEXT, body)
    biggest = max(value for _label, value in points)
    base = top + plot_h
    room = WIDTH - left - right
    body.append(_text(left, top - 12, f"maks. {fmt_value(biggest, unit)}", size=12))
    body.append(f'<line x1="{left}" y1="{top}" x2="{WIDTH - right}" y2="{top}" stroke="{GRID}" '
                f'stroke-dasharray="4 3"/>')
    body.append(f'<line x1="{left}" y1="{base}" x2="{WIDTH - right}" y2="{base}" stroke="{INK}"/>')
    coords = []
    for index, (_label, value) in enumerate(points):
        x = left + (room * index / (len(points) - 1) if len(points) > 1 else room / 2)
        y = base - (value * plot_h / biggest if biggest else 0)
        coords.append((x, y))
    if len(coords) > 1:
        path = " ".join(f"{_num(x)},{_num(y)}" for x, y in coords)
        body.append(f'<polyline points="{path}" fill="none" stroke="{INK}" stroke-width="2"/>')
    longest = max(len(label) for label, _value in points)
    shown = _labelled(len(points), _tick_every(len(points), min(longest, 12) * 7 + 6, room))
    for index, ((label, value), (x, y)) in enumerate(zip(points, coords, strict=True)):
        body.append(f'<circle class="point" cx="{_num(x)}" cy="{_num(y)}" r="3.5" fill="{INK}" '
                    f'data-value="{value}"><title>{escape(label)}: {fmt_value(value, unit)}</title></circle>')
        if index in shown:
            anchor = "start" if index == 0 else "end" if index == len(points) - 1 else "middle"
            body.append(_text(x, base + 18, label if len(label) <= 12 else label[:11] + "…", anchor=anchor, size=12))
    return _svg(height, title, desc if desc is not None else _describe(points, unit), body)

