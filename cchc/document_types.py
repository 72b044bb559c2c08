"""Every type of document the portal meets, declared once: its name, the code its symbol carries, and its family.

Read by the validator (a plan's `doc_type`), the importer (the heading of a document, its type from the symbol
when the heading is missing), the citation parser (`Quyết định số 489/QĐ-UBND`) and the national portal's
legal-basis parser (`107/2021/NĐ-CP`).

Sources: Nghị định 30/2020/NĐ-CP, Phụ lục III (administrative documents and their abbreviations); Luật Ban
hành văn bản quy phạm pháp luật (legal documents); Quy định 66-QĐ/TW (documents of the Party).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ADMINISTRATIVE, LEGAL, PARTY = "hành chính", "quy phạm pháp luật", "Đảng"


@dataclass(frozen=True)
class DocumentType:
    name: str
    code: str  # in the symbol: `489/QĐ-UBND`; "" for a Công văn, whose symbol is the issuer's (`345/SNV-CCHC`)
    family: str


TYPES = (
    # Nghị định 30/2020/NĐ-CP, Phụ lục III, in its order.
    DocumentType("Nghị quyết", "NQ", ADMINISTRATIVE),
    DocumentType("Quyết định", "QĐ", ADMINISTRATIVE),
    DocumentType("Chỉ thị", "CT", ADMINISTRATIVE),
    DocumentType("Quy chế", "QC", ADMINISTRATIVE),
    DocumentType("Quy định", "QyĐ", ADMINISTRATIVE),
    DocumentType("Thông cáo", "TC", ADMINISTRATIVE),
    DocumentType("Thông báo", "TB", ADMINISTRATIVE),
    DocumentType("Hướng dẫn", "HD", ADMINISTRATIVE),
    DocumentType("Chương trình", "CTr", ADMINISTRATIVE),
    DocumentType("Kế hoạch", "KH", ADMINISTRATIVE),
    DocumentType("Phương án", "PA", ADMINISTRATIVE),
    DocumentType("Đề án", "ĐA", ADMINISTRATIVE),
    DocumentType("Dự án", "DA", ADMINISTRATIVE),
    DocumentType("Báo cáo", "BC", ADMINISTRATIVE),
    DocumentType("Biên bản", "BB", ADMINISTRATIVE),
    DocumentType("Tờ trình", "TTr", ADMINISTRATIVE),
    DocumentType("Hợp đồng", "HĐ", ADMINISTRATIVE),
    DocumentType("Công văn", "", ADMINISTRATIVE),
    DocumentType("Công điện", "CĐ", ADMINISTRATIVE),
    DocumentType("Bản ghi nhớ", "GN", ADMINISTRATIVE),
    DocumentType("Bản thỏa thuận", "TTh", ADMINISTRATIVE),
    DocumentType("Giấy ủy quyền", "GUQ", ADMINISTRATIVE),
    DocumentType("Giấy mời", "GM", ADMINISTRATIVE),
    DocumentType("Giấy giới thiệu", "GGT", ADMINISTRATIVE),
    DocumentType("Giấy nghỉ phép", "GNP", ADMINISTRATIVE),
    DocumentType("Phiếu gửi", "PG", ADMINISTRATIVE),
    DocumentType("Phiếu chuyển", "PC", ADMINISTRATIVE),
    DocumentType("Phiếu báo", "PB", ADMINISTRATIVE),
    # Luật Ban hành văn bản quy phạm pháp luật: the types an administrative document cites.
    DocumentType("Hiến pháp", "", LEGAL),
    DocumentType("Bộ luật", "", LEGAL),
    DocumentType("Luật", "", LEGAL),  # `Luật số 59/2020/QH14`: the symbol names the legislature only
    DocumentType("Pháp lệnh", "PL", LEGAL),
    DocumentType("Lệnh", "L", LEGAL),
    DocumentType("Nghị định", "NĐ", LEGAL),
    DocumentType("Thông tư", "TT", LEGAL),
    DocumentType("Thông tư liên tịch", "TTLT", LEGAL),
    DocumentType("Nghị quyết liên tịch", "NQLT", LEGAL),
    DocumentType("Quyết định liên tịch", "QĐLT", LEGAL),
    DocumentType("Văn bản hợp nhất", "VBHN", LEGAL),
    DocumentType("Sắc lệnh", "SL", LEGAL),
    # Documents of the Party, cited by plans that carry them out (`Chương trình hành động số 12-CTr/TU`).
    DocumentType("Chương trình hành động", "CTr", PARTY),
    DocumentType("Kết luận", "KL", PARTY),
)

BY_NAME = {t.name: t for t in TYPES}
# The first type declared with a code: `CTr` is a Chương trình; the Party's Chương trình hành động says so in words.
BY_CODE = {t.code: t for t in reversed(TYPES) if t.code}
# Longest first, so that `Chương trình hành động` is found before `Chương trình`, `Thông tư liên tịch` before `Thông tư`.
NAMES_LONGEST_FIRST = tuple(sorted(BY_NAME, key=len, reverse=True))
CODES = frozenset(BY_CODE)


_BY_LOWER = {name.lower(): name for name in BY_NAME}


def heading_type(line: str) -> str | None:
    """The type a heading line names, in any case: `QUYẾT ĐỊNH`, `Quyết định`, `NGHỊ ĐỊNH` -> its name."""
    return _BY_LOWER.get(" ".join(line.split()).strip("*").strip().lower())


def from_symbol(number: str) -> str | None:
    """The type a symbol carries: `116/KH-UBND` -> Kế hoạch, `38-CTr/TU` -> Chương trình, `345/SNV-CCHC` -> Công
    văn (a symbol whose first code is no type's is a letter's), None for no symbol."""
    number = number.strip()
    parts = [p for p in re.split(r"[/-]", number) if p]
    if len(parts) < 2 or not re.match(r"\d", parts[0]):
        return None
    codes = [p for p in parts[1:] if not p.isdigit()]
    if not codes:
        return None
    found = BY_CODE.get(codes[0])
    if found:
        return found.name
    return "Công văn" if "/" in number else None


_ISSUES = re.compile(r"\bban hành (?:kèm theo )?(?P<type>%s)\b" % "|".join(n.lower() for n in NAMES_LONGEST_FIRST), re.I)


def from_text(text: str) -> str | None:
    """The type a document gives itself in words: `Ủy ban nhân dân tỉnh ban hành Kế hoạch …` -> Kế hoạch."""
    found = _ISSUES.search(" ".join(text.split()))
    return heading_type(found["type"]) if found else None
