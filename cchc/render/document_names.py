"""How a document is named to readers: by its type and symbol (`Quyết định số 489/QĐ-UBND`), and by its type and
subject line (`Kế hoạch tuyên truyền …`), the name its page and lists give it."""

from __future__ import annotations

from ..content import Entry
from ..text import lcfirst


def designation(plan: Entry) -> str:
    """`Quyết định số 489/QĐ-UBND`, or the type alone for a document not yet numbered."""
    number = plan.get("number", "")
    if number and number[:1].isdigit():
        return f"{plan['doc_type']} số {number}"
    return f"{plan['doc_type']} (chưa có số{', ' + number if number else ''})"


def heading(plan: Entry) -> str:
    return f"{plan['doc_type']} {lcfirst(plan['title'])}"
