"""What the hooks add to the home page."""

from __future__ import annotations

from ..content import Site
from . import progress
from .markdown import link
from .plans import INDEX_PAGES, plan_list

LATEST = 10


def progress_summary(site: Site, here: str = "index.md") -> str:
    """Where the assigned tasks stand as of the build clock, in one bar, with the way to the detail."""
    tasks = list(site.tasks.values())
    if not tasks:
        return ""
    return "\n".join(["## Tiến độ thực hiện", "", *progress.bar(tasks, site), "",
                      link("Xem tiến độ theo văn bản và cơ quan", here, progress.INDEX_URI), "", ""])


def latest_plans(site: Site, here: str = "index.md") -> str:
    parts = ["## Văn bản mới ban hành", ""]
    parts += plan_list(site.plans[:LATEST], here, site)
    parts += ["", link(f"Xem tất cả {len(site.plans)} văn bản", here, INDEX_PAGES["year"][0]), ""]
    return "\n".join(parts)
