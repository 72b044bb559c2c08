"""Fast content check, without building: `python -m cchc.check [project folder]`.

Reports the same problems as the build, for editors before they commit and for CI.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .content import Layout, load_site
from .render import portal_pages


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0]) if args else Path.cwd()
    site = load_site(Layout.at(root))
    report = site.report
    if not report.errors:  # the portal's own pages are written from valid content only
        for clash in portal_pages.clashes(site, portal_pages.portal_pages(site, "")):
            report.add(clash)
    print(report.format())
    if not report.errors:
        print(f"Nội dung hợp lệ: {len(site.plans)} văn bản, {len(site.departments)} cơ quan, {len(site.news)} tin, "
              f"{len(site.procedures)} thủ tục.")
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main())
