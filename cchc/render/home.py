"""What the hooks add to the home page."""

from __future__ import annotations

from ..content import Site
from .markdown import link
from .plans import INDEX_PAGES, plan_list

LATEST = 10


def latest_plans(site: Site, here: str = "index.md") -> str:
    parts = ["## Văn bản mới ban hành", ""]
    parts += plan_list(site.plans[:LATEST], here, site)
    parts += ["", link(f"Xem tất cả {len(site.plans)} văn bản", here, INDEX_PAGES["year"][0]), ""]
    return "\n".join(parts)
