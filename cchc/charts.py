"""Bar charts drawn at build time as SVG files: a title and a description inside (`role="img"`), every bar labelled
with its number, and no script. Pages show one as an image whose text alternative says what it shows, beside a
table of the same numbers."""

from __future__ import annotations

from html import escape

WIDTH, BAR_AREA = 400, 160  # drawn small: a phone shows it near its own size, the labels legible
LABEL_LIMIT = 44  # letters a label keeps on one line of the chart
_COLOURS = ("#0b4a8b", "#1b7340", "#8a4f00", "#6a1b9a", "#b3261e")


def decimal(value: str | float) -> str:
    """A number as Vietnamese writes it: `90,49`, no trailing zeros."""
    return f"{float(value):g}".replace(".", ",")


def bars(title: str, description: str, labels: list[str], values: list[float], maximum: float, unit: str = "") -> bytes:
    """Vertical bars, one per label (years, say), on a scale from 0 to `maximum`."""
    count = max(1, len(values))
    slot = (WIDTH - 40) / count
    parts = []
    for n, (label, value) in enumerate(zip(labels, values)):
        height = BAR_AREA * min(value, maximum) / maximum if maximum else 0
        x = 40 + n * slot + slot * 0.2
        y = 30 + BAR_AREA - height
        parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot * 0.6:.1f}" height="{height:.1f}" fill="{_COLOURS[0]}"/>')
        parts.append(f'<text x="{x + slot * 0.3:.1f}" y="{y - 6:.1f}" text-anchor="middle" font-size="16">{decimal(value)}{escape(unit)}</text>')
        parts.append(f'<text x="{x + slot * 0.3:.1f}" y="{30 + BAR_AREA + 20}" text-anchor="middle" font-size="16">{escape(label)}</text>')
    return _svg(title, description, BAR_AREA + 60, parts)


def horizontal(title: str, description: str, labels: list[str], shares: list[float], said: list[str]) -> bytes:
    """Horizontal bars, one per label (components, say), each `shares` of its own maximum (0 to 1), `said` printed."""
    row = 34
    parts = []
    for n, (label, share, text) in enumerate(zip(labels, shares, said)):
        y = 10 + n * row
        shown = label if len(label) <= LABEL_LIMIT else label[:LABEL_LIMIT - 1].rstrip() + "…"  # whole in the table beside
        parts.append(f'<text x="0" y="{y + 12}" font-size="15">{escape(shown)}</text>')
        parts.append(f'<rect x="0" y="{y + 16}" width="{(WIDTH - 90) * max(0.0, min(share, 1.0)):.1f}" height="12" '
                     f'fill="{_COLOURS[n % len(_COLOURS)]}"/>')
        parts.append(f'<text x="{WIDTH - 80}" y="{y + 27}" font-size="15">{escape(text)}</text>')
    return _svg(title, description, 20 + row * max(1, len(labels)), parts)


def _svg(title: str, description: str, height: int, parts: list[str]) -> bytes:
    return ("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"t d\" "
            f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" font-family="sans-serif" fill="#1f1f1f">'
            f'<title id="t">{escape(title)}</title><desc id="d">{escape(description)}</desc>'
            + "".join(parts) + "</svg>\n").encode("utf-8")
