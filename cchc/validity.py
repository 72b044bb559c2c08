"""Whether a document is in force on the build clock's day (`Site.today`): from its own dates and from the portal
documents that replace it (`replaces:` on the newer one, `related.py` links them both ways)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .content import Entry, Site

IN_FORCE, NOT_YET, REPLACED, ENDED = "con-hieu-luc", "chua-co-hieu-luc", "bi-thay-the", "het-hieu-luc"
STATUSES = {IN_FORCE: "Còn hiệu lực", NOT_YET: "Chưa có hiệu lực", REPLACED: "Hết hiệu lực (bị thay thế)",
            ENDED: "Hết hiệu lực"}
NOT_IN_FORCE = (REPLACED, ENDED)


def _started(plan: Entry, site: Site) -> bool:
    effective = plan.get("effective") or plan["issued"]  # without a date of its own: in force from its signing
    return site.today is None or effective.first_day() <= site.today


def replacing(plan: Entry, site: Site) -> list[Entry]:
    """The portal documents that replace `plan` and are in force already."""
    return [p for p in site.changed_by.get(plan.src_uri, {}).get("replaces", []) if _started(p, site)]


def status(plan: Entry, site: Site) -> str:
    if replacing(plan, site):
        return REPLACED
    if site.today is not None and plan.get("expires") and plan["expires"].first_day() <= site.today:
        return ENDED
    return IN_FORCE if _started(plan, site) else NOT_YET
