"""Writing Markdown safely from content values."""

from __future__ import annotations

import html
import posixpath
import re

from ..content import relative_path

_SPECIAL = re.compile(r"([\\`*_\[\]#|{}])")


def text(value: str) -> str:
    """Editor text as literal Markdown inline text: no markup, no HTML."""
    escaped = _SPECIAL.sub(r"\\\1", html.escape(" ".join(str(value).split()), quote=False))
    # A leading `1. ` or `- ` would start a list.
    return re.sub(r"^(?:(\d+)([.)])|([+\-]))(?=\s)", lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", escaped)


def link_target(from_uri: str, to_uri: str) -> str:
    """A link between two source files, as MkDocs resolves it."""
    return relative_path(to_uri, posixpath.dirname(from_uri))


def link(label: str, from_uri: str, to_uri: str, anchor: str = "") -> str:
    return f"[{text(label)}](<{link_target(from_uri, to_uri)}{'#' + anchor if anchor else ''}>)"


def attr(value: str) -> str:
    return html.escape(value, quote=True)


def meta_panel(rows: list[tuple[str, str]]) -> list[str]:
    """The metadata panel of the pages still written as Markdown (plans, departments, questions): a definition list
    in a styled block, as `html.meta_panel` writes it for pages written as HTML."""
    lines = ['<div class="cchc-meta" markdown>', ""]
    for term, value in rows:
        lines += [term, f":   {value}", ""]
    return lines + ["</div>", ""]
