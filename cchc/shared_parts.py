"""The parts of the theme that every page out of the nav shares (tabs, site nav, footer, settings), and where they
sit in each page's bytes.

The theme renders a shared part once per way of writing its links (hooks/portal.py, `cchc_once`) and leaves a hole
in the page where it goes; the page's bytes are the page with its holes filled, and the build cache keeps where
each part sits in them. A build whose only change is in the shared parts (a department named in every footer, a
page title in the nav) then writes each page again from its previous bytes, with the new parts in place of the
old, instead of rendering it through the theme again.
"""

from __future__ import annotations

import re

from .build_cache import digest

_HOLE = re.compile(b"\x00cchc-part:([0-9a-f]{32})\x00")


def hole(name: str, targets: tuple[str, ...], links: tuple[str, ...]) -> tuple[str, str]:
    """The part's name (its shared part and the way its links are written) and the hole that stands for it."""
    part = digest(name, *targets, "", *links)[:32]
    return part, f"\x00cchc-part:{part}\x00"


Holes = list[tuple[int, int, str]]  # where each part sits in a page's bytes: start, end, part


def fill(rendered: bytes, parts: dict[str, bytes]) -> tuple[bytes, Holes]:
    """A page as the theme rendered it, its holes filled with the parts; and where each part sits."""
    pieces, holes, at, size = [], [], 0, 0
    for match in _HOLE.finditer(rendered):
        part = parts[match[1].decode("ascii")]
        pieces += [rendered[at:match.start()], part]
        size += match.start() - at
        holes.append((size, size + len(part), match[1].decode("ascii")))
        size += len(part)
        at = match.end()
    if not holes:
        return rendered, holes
    pieces.append(rendered[at:])
    return b"".join(pieces), holes


def refill(page: bytes, holes: Holes, parts: dict[str, bytes]) -> tuple[bytes, Holes] | None:
    """The page with each part it holds replaced by this build's; None if this build has not made one of them."""
    if any(part not in parts for _start, _end, part in holes):
        return None
    pieces, moved, at, size = [], [], 0, 0
    for start, end, part in holes:
        new = parts[part]
        pieces += [page[at:start], new]
        size += start - at
        moved.append((size, size + len(new), part))
        size += len(new)
        at = end
    pieces.append(page[at:])
    return b"".join(pieces), moved
