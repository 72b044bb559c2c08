"""Which plans on the portal cite which: a cited document that is here becomes a link, both ways.

A citation matches a plan by its number (`489/QĐ-UBND`, compared without case or tone marks) and,
where the citation gives a date, by the year too: numbers restart every year.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING

from . import citations
from .dates import DocDate

if TYPE_CHECKING:  # content.py calls index(); importing it here would be circular
    from .content import Entry, Site

# A Markdown link or an HTML comment: citations inside them are left as written.
_PROTECTED = re.compile(r"\[[^\]]*\]\([^)]*\)|<!--.*?-->", re.S)


def _target(citation_number: str, year: int | None, by_number: dict[str, list[Entry]]) -> Entry | None:
    candidates = by_number.get(citations.key(citation_number), [])
    if year is not None:
        candidates = [p for p in candidates if p["issued"].year == year]
    return candidates[0] if len(candidates) == 1 else None


def cited_in(body: str) -> tuple[tuple[str, DocDate | None], ...]:
    """The documents a plan's text cites, by number and date: found as the text is checked, and kept with it
    (`content.Checked`)."""
    return tuple((c.number, c.date) for c in citations.find(body))


def index(site: Site) -> None:
    """Fill `site.cited` (per plan: the portal plans it cites, by number key) and `site.cited_by`."""
    by_number: dict[str, list[Entry]] = defaultdict(list)
    for plan in site.plans:
        number = plan.get("number", "")
        if number[:1].isdigit():
            by_number[citations.key(number)].append(plan)
    cited_by: dict[str, list[Entry]] = defaultdict(list)
    for plan in site.plans:
        found: dict[str, Entry] = {}
        listed = [(c.get("number", ""), c.get("date")) for c in plan.get("legal_bases", []) + plan.get("cites", [])]
        listed += plan.cited
        for number, date in listed:
            target = _target(number, date.year if date else None, by_number) if number else None
            if target is not None and target is not plan:
                found[citations.key(number)] = target
        site.cited[plan.src_uri] = found
        for uri in dict.fromkeys(target.src_uri for target in found.values()):
            cited_by[uri].append(plan)
    site.cited_by = dict(cited_by)
    _index_changes(site, by_number)


CHANGES = ("replaces", "amends")  # the fields by which a document replaces or amends others


def _index_changes(site: Site, by_number: dict[str, list[Entry]]) -> None:
    """Fill `site.changes` (per plan and field: each document it names, with the portal plan it is, or None) and
    `site.changed_by` (per plan and field: the portal plans that replace or amend it)."""
    changed_by: dict[str, dict[str, list[Entry]]] = defaultdict(lambda: defaultdict(list))
    site.changes = {}
    for plan in site.plans:
        named: dict[str, list] = {}
        for field in CHANGES:
            for citation in plan.get(field, []):
                number, date = citation.get("number"), citation.get("date")
                if not number:  # written as text only: its number read from it, as in the body
                    found = citations.find(citation["text"])
                    number, date = (found[0].number, found[0].date) if found else ("", None)
                target = _target(number, date.year if date else None, by_number) if number else None
                target = target if target is not plan else None
                named.setdefault(field, []).append((citation["text"], target))
                if target is not None:
                    changed_by[target.src_uri][field].append(plan)
        if named:
            site.changes[plan.src_uri] = named
    site.changed_by = {uri: dict(fields) for uri, fields in changed_by.items()}


def linked(text: str, plan: Entry, site: Site, link) -> str:
    """`text` (Markdown) with each citation of a portal plan made a link by `link(label, target)`."""
    cited = site.cited.get(plan.src_uri, {})
    if not cited:
        return text
    protected = [m.span() for m in _PROTECTED.finditer(text)]
    out, position = [], 0
    for citation in citations.find(text):
        target = cited.get(citations.key(citation.number)) if citation.number else None
        if target is None or (citation.date and citation.date.year != target["issued"].year) \
                or any(a <= citation.start < b for a, b in protected):
            continue
        out += [text[position:citation.start], link(citation.text, target)]
        position = citation.end
    return "".join(out) + text[position:]
