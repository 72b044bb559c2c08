"""The parts of an official document, found by the layout rules of Nghị định 30/2020/NĐ-CP.

A document is read top to bottom: the header (issuing body, national motto, number, place and
date), the type heading and title (trích yếu), the body, then recipients (Nơi nhận) and the
signature, in either order. A decision may be followed by the document it issues ("Ban hành kèm
theo Quyết định số …"), with its own heading, title and signature.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..dates import DocDate
from ..text import fold, nfc

TYPE_HEADINGS = {"KẾ HOẠCH": "Kế hoạch", "QUYẾT ĐỊNH": "Quyết định", "NGHỊ QUYẾT": "Nghị quyết", "CHỈ THỊ": "Chỉ thị",
                 "THÔNG BÁO": "Thông báo", "HƯỚNG DẪN": "Hướng dẫn", "CHƯƠNG TRÌNH": "Chương trình",
                 "PHƯƠNG ÁN": "Phương án", "ĐỀ ÁN": "Đề án", "BÁO CÁO": "Báo cáo", "TỜ TRÌNH": "Tờ trình",
                 "QUY CHẾ": "Quy chế", "QUY ĐỊNH": "Quy định", "CÔNG ĐIỆN": "Công điện"}
_HEADING = re.compile(r"^\**(%s)\**(?:\s+(.*))?$" % "|".join(TYPE_HEADINGS))
_NUMBER = re.compile(r"^Số\s*:?\s*(.*)$")
# `Kiên Giang, ngày   tháng 02 năm 2024`: the day or month may be left blank for the signer to fill.
_PLACE_DATE = re.compile(r"^(?P<place>[^,\d]+?)\s*,\s*ngày\s*(?P<day>\d{1,2})?\s*tháng\s*(?P<month>\d{1,2})?\s*năm\s*(?P<year>\d{4})")
_ATTACHED = re.compile(r"^\(?\s*(?:Ban hành )?kèm theo", re.I)
_AUTHORITY = re.compile(r"^(TM|KT|TL|TUQ|Q|PHỤ TRÁCH)\.?\s+(.+)$")
_POSITIONS = ("CHỦ TỊCH", "GIÁM ĐỐC", "TRƯỞNG", "CHÁNH", "BỘ TRƯỞNG", "THỦ TRƯỞNG", "BÍ THƯ", "CỤC TRƯỞNG",
              "TỔNG GIÁM ĐỐC", "HIỆU TRƯỞNG", "PHÓ")
SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"  # footnote markers as a copy from Word or a PDF prints them


def is_upper(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def sentence_case(text: str) -> str:
    """`ỦY BAN NHÂN DÂN` -> `Ủy ban nhân dân`, keeping the authority prefix `TM.` as written."""
    prefix = _AUTHORITY.match(text)
    if prefix:
        return f"{prefix[1]}. {sentence_case(prefix[2])}"
    lower = text.lower()
    return lower[:1].upper() + lower[1:]


def is_motto(line: str) -> bool:
    folded = fold(line)
    return "cong hoa xa hoi chu nghia viet nam" in folded or ("doc lap" in folded and "hanh phuc" in folded)


def is_footnote(line: str) -> bool:
    return bool(line) and line[0] in SUPERSCRIPT_DIGITS


@dataclass
class Signature:
    position: str = ""
    authority: str = ""
    name: str = ""
    lines: list[str] = field(default_factory=list)  # as written


@dataclass
class Part:
    """One document: a decision, or the plan it issues."""

    doc_type: str = ""
    title: str = ""
    attached_note: str = ""  # `(Ban hành kèm theo Quyết định số …)`
    body: list[str] = field(default_factory=list)  # lines, blank ones included
    recipients: list[str] = field(default_factory=list)
    signature: Signature | None = None


@dataclass
class Layout:
    issuer_lines: list[str] = field(default_factory=list)
    number: str | None = None  # None: no `Số:` line
    place: str = ""
    date: DocDate | None = None
    date_line: str = ""
    header_unplaced: list[str] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    trailing: list[str] = field(default_factory=list)  # after the last signature, not recognised


def _lines(text: str) -> list[str]:
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ").replace("\t", " ")
    lines = []
    for line in text.split("\n"):
        # A two-column header flattened with `|`: each column is a line of its own.
        cells = [c.strip() for c in line.split(" | ")] if " | " in line else [line.strip()]
        lines += [" ".join(c.split()) for c in cells]
    return lines


def _heading(line: str) -> tuple[str, str] | None:
    match = _HEADING.match(line.strip())
    if not match or line.rstrip().endswith(":"):
        return None
    rest = (match[2] or "").strip().strip("*").strip()
    return TYPE_HEADINGS[match[1]], rest


def _signature_start(lines: list[str], index: int) -> bool:
    line = lines[index]
    if not line or not is_upper(line) or len(line) > 60:
        return False
    return bool(_AUTHORITY.match(line)) or any(line.startswith(p) or line == p for p in _POSITIONS)


def _is_name(line: str) -> bool:
    words = line.split()
    return 2 <= len(words) <= 5 and all(w[:1].isupper() and w[1:].islower() for w in words) and not re.search(r"[\d.,;:]", line)


def _read_signature(lines: list[str], index: int) -> tuple[Signature, int]:
    signature = Signature()
    upper = []
    while index < len(lines) and (not lines[index] or (is_upper(lines[index]) and len(lines[index]) <= 60)):
        if lines[index]:
            upper.append(lines[index])
        index += 1
        if upper and index < len(lines) and _is_name(lines[index]):
            break
    signature.lines = list(upper)
    authority = [u for u in upper if _AUTHORITY.match(u)]
    positions = [u for u in upper if not _AUTHORITY.match(u)]
    if authority:
        signature.authority = sentence_case(authority[0])
    if positions:
        signature.position = sentence_case(positions[-1])
    elif authority:
        # `KT. GIÁM ĐỐC` alone: the authority names the position.
        signature.position = sentence_case(_AUTHORITY.match(authority[0])[2])
    while index < len(lines) and not lines[index]:
        index += 1
    if index < len(lines) and _is_name(lines[index]):
        signature.name = lines[index]
        signature.lines.append(lines[index])
        index += 1
    return signature, index


def _is_recipients(line: str) -> bool:
    return bool(re.match(r"^n[oơ]i nh[aậ]n\s*:?", fold(line)))


def _read_recipients(lines: list[str], index: int) -> tuple[list[str], int]:
    recipients, index = [], index + 1
    while index < len(lines):
        line = lines[index]
        if line.startswith(("-", "+", "•")):
            recipients.append(line.lstrip("-+• ").strip())
        elif line and not _signature_start(lines, index) and recipients and not _heading(line):
            recipients[-1] += " " + line  # a recipient wrapped onto the next line
        elif line:
            break
        index += 1
    return recipients, index


def split(text: str) -> Layout:
    lines = _lines(text)
    layout = Layout()
    index = 0
    first = next((i for i, line in enumerate(lines) if _heading(line)), len(lines))
    _read_header(layout, lines[:first])
    index = first
    while index < len(lines):
        heading = _heading(lines[index])
        if not heading:
            layout.trailing += lines[index:]
            break
        part = Part(doc_type=heading[0])
        index = _read_title(part, lines, index + 1, heading[1])
        index = _read_body(part, lines, index)
        layout.parts.append(part)
        while index < len(lines) and not lines[index]:
            index += 1
    return layout


def _read_header(layout: Layout, header: list[str]) -> None:
    index = 0
    while index < len(header):
        line = header[index]
        index += 1
        if not line or is_motto(line):
            continue
        number = _NUMBER.match(line)
        if number and layout.number is None:
            layout.number = number[1].strip()
            continue
        if re.search(r",\s*ngày", line):
            # The date may run onto the next lines: `…, ngày 11 tháng 3` / `năm 2020`.
            while not re.search(r"năm\s*\d{4}", line) and index < len(header) and header[index]:
                line += " " + header[index]
                index += 1
            match = _PLACE_DATE.match(line)
            if match:
                layout.place = match["place"].strip()
                layout.date = DocDate(int(match["year"]), int(match["month"]) if match["month"] else None,
                                      int(match["day"]) if match["day"] and match["month"] else None)
                layout.date_line = line
                continue
        if is_upper(line) and not re.search(r"\d", line):
            layout.issuer_lines.append(line)
            continue
        layout.header_unplaced.append(line)


# What opens a body: a section number, `Căn cứ …`, an article, the issuing authority in capitals, a list.
_BODY_START = re.compile(r"^(?:[IVXLC]+\.\s|\d+(?:\.\d+)*\.?\s|Căn cứ\b|Thực hiện\b|Xét\b|Điều \d|Nhằm\b|[-+•]|[%s])" % SUPERSCRIPT_DIGITS)


def _read_title(part: Part, lines: list[str], index: int, first: str) -> int:
    """The title runs to a blank line; where paragraphs are not separated by blank lines (a .docx),
    to the line that opens the body."""
    title = [first] if first else []
    while index < len(lines) and not lines[index] and not title:
        index += 1
    while index < len(lines) and lines[index] and not _ATTACHED.match(lines[index]) and len(title) < 4:
        line = lines[index]
        if title and (_BODY_START.match(line) or is_upper(line) or _heading(line)):
            break
        title.append(line.strip("*").strip())
        index += 1
    part.title = " ".join(title).strip()
    while index < len(lines) and not lines[index]:
        index += 1
    if index < len(lines) and _ATTACHED.match(lines[index]):
        note = [lines[index]]
        index += 1
        while not note[-1].endswith(")") and index < len(lines) and lines[index]:
            note.append(lines[index])
            index += 1
        part.attached_note = " ".join(note)
    return index


def _read_body(part: Part, lines: list[str], index: int) -> int:
    while index < len(lines):
        line = lines[index]
        if _is_recipients(line):
            part.recipients, index = _read_recipients(lines, index)
        elif _signature_start(lines, index) and _ends_body(lines, index):
            part.signature, index = _read_signature(lines, index)
        elif part.signature or part.recipients:
            # After the signature or the recipients, only another document may follow.
            if line and _heading(line):
                return index
            if line:
                part.body.append(line)
            index += 1
        else:
            part.body.append(line)
            index += 1
    return index


def _ends_body(lines: list[str], index: int) -> bool:
    """A signature block is followed by a name, the recipients, another document, or the end."""
    rest = [line for line in lines[index + 1:] if line]
    for line in rest[:4]:
        if _is_name(line) or _is_recipients(line) or _heading(line):
            return True
        if not (is_upper(line) and len(line) <= 60):
            return False
    return True
