"""Fast content check, without building: `python -m cchc.check [project folder]`.

Reports the same problems as the build, for editors before they commit and for CI. Where a build left its cache, a
source whose bytes a build checked before is neither read nor checked again: its check is the build's (keyed by the
package's code, not the site's settings: `build_cache.checks_code`), found by its signature or, in a fresh checkout,
by Git's index, as the build finds it. The check writes nothing there. (From scratch at 10,000 documents: 8.7 s.)
"""

from __future__ import annotations

import sys
from pathlib import Path

from . import build_cache, clock, cms, content, links, source_signatures
from .content import Layout, load_site, split_published
from .kinds import INDEX_RESULT, QUESTION, REPORT
from .render import portal_pages


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0]) if args else Path.cwd()
    layout = Layout.at(root)
    # Open to the end: a check read back reads its page part (a body a link's anchor is looked for in) when asked.
    with build_cache.Kept(build_cache.location(layout.root)) as kept:
        with source_signatures.knowing(kept.sources_read(), layout.root) as signatures:
            site = load_site(layout, _checks(kept, build_cache.checks_code(Path(__file__).parent)), signatures)
        report = site.report
        news = len(site.news)
        if not report.errors:  # the portal's own pages are written from valid content only
            generated = portal_pages.portal_pages(site, "")
            for problem in portal_pages.clashes(site, generated):
                report.add(problem)
            targets = (set(generated) | set(portal_pages.static_files("", cms.files({}, "/", [])))
                       | {p.src_uri for p in site.plans})
            unpublished = {n.src_uri for n in split_published(site, clock.now())}
            for problem in links.broken(site, targets, layout.docs_dir, unpublished):
                report.add(problem)
    print(report.format())
    if not report.errors:
        others = [f"{len(site.entries.get(k.name, []))} {k.label.lower()}" for k in (QUESTION, REPORT, INDEX_RESULT)]
        print(f"Nội dung hợp lệ: {len(site.plans)} văn bản, {len(site.departments)} cơ quan, {news} tin, "
              f"{len(site.procedures)} thủ tục; {', '.join(others)}.")
    return 1 if report.errors else 0


def _checks(kept: build_cache.Kept, code: str) -> content.CheckMany:
    """The checks a build kept for these bytes, the others made here (`content.check_text`)."""
    return lambda items: build_cache.kept_checks(kept.entries, code, items,
                                                 lambda _key, kind, text: content.check_text(kind, text),
                                                 content.read_back, lambda key: kept.entries([key]).get(key))


if __name__ == "__main__":
    sys.exit(main())
