"""Checks of a built site before it is published: `python -m cchc.site_check [site]`.

Every internal link and anchor resolves (generated pages, feeds and data files included), every
feed parses, every page has a title and a language. A failure names the source file that produced
the page (from `.cchc-sources.json`, written by the build), and every file the build wrote is there, so a
site whose build was stopped half-way is never published. External links are listed, not fetched.
"""

from __future__ import annotations

import json
import posixpath
import re
import sys
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# What the build wrote: the source file behind each page, and every file, for the completeness check.
RECORD = ".cchc-sources.json"


def record(paths: Iterable[str], sources: dict[str, str], site_url: str) -> bytes:
    """The record of a site whose files are `paths` (what the build wrote), and of the source behind each page."""
    data = {"site_url": site_url, "sources": sources, "files": sorted(paths)}
    # A line a member, as `indent=0` wrote it, by JSON's encoder in C (indenting is done in Python: 0.03 s a rebuild)
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",\n", ": ")).encode("utf-8")


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.lang = ""
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        if tag == "html":
            self.lang = attrs.get("lang", "")
        if tag == "title":
            self._in_title = True
        for name in ("href", "src"):
            if attrs.get(name) and not (tag == "link" and attrs.get("rel") in ("preconnect", "dns-prefetch")):
                self.links.append(attrs[name])

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    external: set[str] = field(default_factory=set)
    pages: int = 0
    links: int = 0


def _target(site: Path, page: str, link: str) -> tuple[Path | None, str]:
    parts = urlsplit(link)
    path = unquote(parts.path)
    if not path:
        return site / page, parts.fragment
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if not path.startswith("/") else path.lstrip("/")
    candidate = site / resolved
    if candidate.is_dir() or path.endswith("/"):
        candidate = candidate / "index.html"
    return candidate, parts.fragment


def differences(first: Path, second: Path) -> list[str]:
    """How two built sites differ, every file both ways, byte for byte: what an incremental build must not have."""
    def files(root: Path) -> dict[str, Path]:
        return {p.relative_to(root).as_posix(): p for p in root.rglob("*") if p.is_file()}

    ours, theirs = files(first), files(second)
    return ([f"chỉ có ở {first}: {name}" for name in sorted(ours.keys() - theirs.keys())]
            + [f"chỉ có ở {second}: {name}" for name in sorted(theirs.keys() - ours.keys())]
            + [f"khác nhau: {name}" for name in sorted(ours.keys() & theirs.keys())
               if ours[name].read_bytes() != theirs[name].read_bytes()])


def check(site: Path) -> Report:
    report = Report()
    if not (site / RECORD).is_file():
        report.problems.append(f"{site}: thiếu {RECORD}: trang chưa dựng xong, hoặc không do `make build` dựng; dựng lại")
        return report
    built = json.loads((site / RECORD).read_text(encoding="utf-8"))
    sources, site_url = built["sources"], built["site_url"]
    missing = [f for f in built["files"] if not (site / f).is_file()]
    for name in missing[:20]:
        report.problems.append(f"{name}: tệp đã dựng bị thiếu: trang không đầy đủ, dựng lại")
    if len(missing) > 20:
        report.problems.append(f"… và {len(missing) - 20} tệp thiếu khác")
    parsed: dict[Path, _Page] = {}

    def page_of(path: Path) -> _Page:
        if path not in parsed:
            parser = _Page()
            parser.feed(path.read_text(encoding="utf-8"))
            parsed[path] = parser
        return parsed[path]

    def where(page: str) -> str:
        return f"{page} (từ {sources[page]})" if page in sources else page

    for path in sorted(site.rglob("*.html")):
        page = path.relative_to(site).as_posix()
        report.pages += 1
        parser = page_of(path)
        if not parser.lang:
            report.problems.append(f"{where(page)}: trang không khai báo ngôn ngữ (<html lang>)")
        if not parser.title.strip():
            report.problems.append(f"{where(page)}: trang không có tiêu đề (<title>)")
        for link in parser.links:
            if site_url and link.startswith(site_url):  # the portal's own address, as feeds and JSON-LD write it
                link = "/" + link[len(site_url):].lstrip("/")
            if re.match(r"^[a-z][a-z0-9+.-]*:", link, re.I) or link.startswith("//"):
                if link.startswith(("http://", "https://", "//")):
                    report.external.add(link)
                continue  # mailto:, tel:, data:
            report.links += 1
            target, anchor = _target(site, page, link)
            if target is None or not target.is_file():
                report.problems.append(f"{where(page)}: liên kết hỏng “{link}”")
            elif anchor and target.suffix == ".html" and unquote(anchor) not in page_of(target).ids:
                report.problems.append(f"{where(page)}: liên kết tới mục không có “{link}”")
    for path in sorted((site / "feeds").rglob("*")) if (site / "feeds").is_dir() else []:
        if path.is_file():
            try:
                if path.suffix == ".json":
                    json.loads(path.read_text(encoding="utf-8"))["items"]
                else:
                    ElementTree.parse(path)
            except (ValueError, KeyError, ElementTree.ParseError) as error:
                report.problems.append(f"{path.relative_to(site)}: bảng tin không đọc được: {error}")
    return report


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    site = Path(args[0] if args else "site")
    report = check(site)
    for problem in report.problems:
        print(problem)
    print(f"{report.pages} trang, {report.links} liên kết nội bộ, {len(report.external)} liên kết ra ngoài (liệt kê, không tải):")
    for link in sorted(report.external):
        print(f"  {link}")
    print(f"{len(report.problems)} lỗi." if report.problems else "Không có lỗi.")
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
