"""The portal's colours, set once in `mkdocs.yml` (`extra.colours`), checked for WCAG 2.1 AA contrast before
any page is built, and written as the CSS variables Material reads (`assets/mau-sac.css`)."""

from __future__ import annotations

import re

DEFAULTS = {
    "primary": "#0b4a8b",  # header, tabs and links: a deep blue, 9:1 on white
    "accent": "#a4161a",  # buttons: the red of state documents, 7:1 with white text
}
WHITE, BODY_TEXT = "#ffffff", "#1f1f1f"
AA = 4.5  # normal text; link colour against body text needs 3:1 unless underlined, and links here are underlined
_HEX = re.compile(r"#[0-9a-fA-F]{6}")


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def resolve(configured: dict | None) -> tuple[dict[str, str], list[str]]:
    """The colours to use, and what is wrong with those configured (in Vietnamese, with what to write)."""
    colours = dict(DEFAULTS)
    problems = []
    for name, value in (configured or {}).items():
        if name not in DEFAULTS:
            problems.append(f"extra.colours.{name}: không có màu này; các màu: {', '.join(DEFAULTS)}")
        elif not isinstance(value, str) or not _HEX.fullmatch(value):
            problems.append(f"extra.colours.{name}: {value!r} không phải mã màu; viết dạng #RRGGBB, ví dụ {DEFAULTS[name]}")
        else:
            colours[name] = value.lower()
    if problems:
        return colours, problems
    for name, against, what in [("primary", WHITE, "chữ trắng trên thanh đầu trang, và liên kết trên nền trắng"),
                                ("accent", WHITE, "chữ trắng trên nút bấm")]:
        ratio = contrast(colours[name], against)
        if ratio < AA:
            problems.append(f"extra.colours.{name}: {colours[name]} cho {what} chỉ đạt {ratio:.2f}:1, cần từ {AA}:1 "
                            f"(WCAG 2.1 AA); chọn màu đậm hơn, ví dụ {DEFAULTS[name]}")
    return colours, problems


def _shade(colour: str, factor: float) -> str:
    return "#" + "".join(f"{min(255, max(0, round(int(colour[i:i + 2], 16) * factor))):02x}" for i in (1, 3, 5))


def css(colours: dict[str, str]) -> str:
    primary, accent = colours["primary"], colours["accent"]
    return f"""/* Written by the build from extra.colours in mkdocs.yml: edit the colours there. */
:root, [data-md-color-primary] {{
  --md-primary-fg-color: {primary};
  --md-primary-fg-color--light: {_shade(primary, 1.25)};
  --md-primary-fg-color--dark: {_shade(primary, 0.8)};
  --md-primary-bg-color: {WHITE};
  --md-primary-bg-color--light: {WHITE}b3;
  --md-accent-fg-color: {accent};
  --md-accent-bg-color: {WHITE};
  --md-typeset-a-color: {primary};
}}
"""
