"""Links between pages, checked in the sources: a broken link or anchor is a content error with file:line and
the nearest existing page, found by `make check` and the pre-commit hook, not only by MkDocs' strict build."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import TYPE_CHECKING, Iterable
from urllib.parse import unquote

from .problems import ERROR, Problem
from .safety import link_targets, without_code
from .schema import nearest
from .text import heading_slug

if TYPE_CHECKING:  # content.py finds each body's links with its check (`relative_links`)
    from .content import Entry, Site

_HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)(?:[ \t]+\{[^}\n]*\})?[ \t]*#*[ \t]*$", re.M)
_EXPLICIT_ID = re.compile(r"\{[^}\n]*#([\w-]+)[^}\n]*\}")


def anchors(body: str) -> set[str]:
    """The ids a page's headings get (the toc extension with the portal's slugs), and those written `{#id}`."""
    text = without_code(body)
    ids = set(_EXPLICIT_ID.findall(text))
    seen: dict[str, int] = {}
    for heading in _HEADING.findall(text):
        plain = re.sub(r"[*_`]|\[([^\]]*)\]\([^)]*\)", r"\1", heading)
        slug = heading_slug(plain, "-")
        # Repeated headings get _1, _2… as Python-Markdown numbers them.
        ids.add(slug if slug not in seen else f"{slug}_{seen[slug]}")
        seen[slug] = seen.get(slug, 0) + 1
    return ids


def broken(site: Site, generated: set[str], docs_dir: Path, unpublished: set[str] = frozenset(),
           entries: Iterable[Entry] | None = None) -> list[Problem]:
    """Every relative link of every page body (or of `entries`' only) that leads nowhere: no page, no file, no heading
    of that name, or a page not published yet (a draft, a scheduled item)."""
    targets = (set(site.pages) | generated) - set(unpublished)
    found = []
    ids: dict[str, set[str]] = {}  # a page's anchors, parsed once however many links point at it
    for entry in site.pages.values() if entries is None else entries:
        if entry.src_uri in unpublished:
            continue
        for line, written in entry.links:
            path, _, anchor = unquote(written).partition("#")
            problem = _check(entry, path, anchor, targets, generated, ids, site, docs_dir, unpublished)
            if problem:
                line += entry.body_line
                found.append(Problem(entry.source, line, "", f"liên kết “{written}”: {problem[0]}", problem[1], ERROR))
    return found


_ELSEWHERE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//")  # another site, mailto:, tel:


def relative_links(body: str) -> tuple[tuple[int, str], ...]:
    """A body's links to pages and files of the site, each with its line in the body: found as the body is checked,
    and kept with it (`content.Checked`)."""
    text = without_code(body)
    return tuple((text.count("\n", 0, position), written) for position, written in link_targets(text)
                 if not _ELSEWHERE.match(written))


def _check(entry: Entry, path: str, anchor: str, targets: set[str], generated: set[str], ids: dict[str, set[str]],
           site: Site, docs_dir: Path, unpublished: set[str]) -> tuple[str, str] | None:
    here = entry.src_uri
    if not path:
        target = here
    else:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(here), path))
        if path.endswith("/") or not posixpath.splitext(path)[1]:
            target = posixpath.join(target, "index.md") if path.endswith("/") else target + ".md"
    if target.endswith(".md"):
        if target in unpublished:
            return ("trang này chưa đăng (bản nháp hoặc tin hẹn giờ)", "bỏ liên kết, hoặc đăng trang đó trước")
        if target not in targets:
            close = nearest(target, sorted(targets))
            return ("không có trang này", "viết đường dẫn tới tệp .md tính từ tệp này"
                    + (f"; có phải: {', '.join(posixpath.relpath(c, posixpath.dirname(here) or '.') for c in close)}?"
                       if close else ""))
        if anchor and target not in generated:
            if target not in ids:
                ids[target] = anchors(site.pages[target].body)
            if anchor in ids[target]:
                return None
            return (f"trang không có mục #{anchor}", "mở trang đích, chép đúng địa chỉ mục (biểu tượng ¶ cạnh tiêu đề)")
        return None
    if target not in generated and (target.startswith("..") or not (docs_dir / target).is_file()):
        return ("không có tệp này trong docs/", "chép tệp vào docs/ hoặc sửa đường dẫn")
    return None
