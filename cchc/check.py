"""Fast content check, without building: `python -m cchc.check [project folder]`.

Reports the same problems as the build, for editors before they commit and for CI.
"""

from __future__ import annotations

import sys
from pathlib import Path

from . import clock, cms, links
from .content import Layout, load_site, split_published
from .kinds import INDEX_RESULT, QUESTION, REPORT
from .render import portal_pages


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0]) if args else Path.cwd()
    layout = Layout.at(root)
    site = load_site(layout)
    report = site.report
    news = len(site.news)
    if not report.errors:  # the portal's own pages are written from valid content only
        generated = portal_pages.portal_pages(site, "")
        for problem in portal_pages.clashes(site, generated):
            report.add(problem)
        targets = set(generated) | set(portal_pages.static_files("", cms.files({}, "/", []))) | {p.src_uri for p in site.plans}
        unpublished = {n.src_uri for n in split_published(site, clock.now())}
        for problem in links.broken(site, targets, layout.docs_dir, unpublished):
            report.add(problem)
    print(report.format())
    if not report.errors:
        others = [f"{len(site.entries.get(k.name, []))} {k.label.lower()}" for k in (QUESTION, REPORT, INDEX_RESULT)]
        print(f"Nội dung hợp lệ: {len(site.plans)} văn bản, {len(site.departments)} cơ quan, {news} tin, "
              f"{len(site.procedures)} thủ tục; {', '.join(others)}.")
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main())
