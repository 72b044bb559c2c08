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
from .. import document_types
from ..text import fold, nfc

TYPE_HEADINGS = {name.upper(): name for name in document_types.NAMES_LONGEST_FIRST}
_HEADING = re.compile(r"^\**(%s)\**(?:\s+(.*))?$" % "|".join(TYPE_HEADINGS))
# `Số: 489/QĐ-UBND`, `Số 12/KH-STP`; not a website's `Số hiệu: …`.
_NUMBER = re.compile(r"^Số\s*(?::\s*(.*)|\s(\d.*))$")
# What legal-document websites print above the text: used as metadata, never as the document's own header.
SITE_LABELS = ("Số hiệu", "Loại văn bản", "Nơi ban hành", "Cơ quan ban hành", "Người ký", "Ngày ban hành",
               "Ngày hiệu lực", "Ngày có hiệu lực", "Ngày công báo", "Ngày đăng công báo", "Số công báo", "Tình trạng",
               "Tình trạng hiệu lực", "Lĩnh vực")
# A website's own title above the text: `Nghị định 110/2004/NĐ-CP công tác văn thư`.
_SITE_TITLE = re.compile(r"^(?P<type>%s)(?: số)? \d+[^\s]*/[^\s]+ (?P<subject>\w.*)$" % "|".join(document_types.NAMES_LONGEST_FIRST))
_SITE_LABEL = re.compile(r"(?<![\w])(%s)\s*:\s*" % "|".join(sorted(SITE_LABELS, key=len, reverse=True)))
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
    site: dict[str, str] = field(default_factory=dict)  # a website's `Số hiệu:`, `Loại văn bản:` … above the text
    parts: list[Part] = field(default_factory=list)
    trailing: list[str] = field(default_factory=list)  # after the last signature, not recognised


_RULE = re.compile(r"_{3,}|-{5,}|={3,}")


def _lines(text: str) -> list[str]:
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ").replace("\t", " ")
    lines = []
    for line in text.split("\n"):
        # A two-column header flattened with `|`: each column is a line of its own.
        cells = [c.strip() for c in line.split(" | ")] if " | " in line else [line.strip()]
        # A rule under the issuer or the motto (`_____`), glued to the text beside it by a copy from a web page.
        cells = [part for c in cells for part in _RULE.split(c)]
        for cell in (" ".join(c.strip("|").split()) for c in cells):
            # A heading broken over two lines by a narrow column or a PDF: `QUYẾT` / `ĐỊNH`.
            joined = f"{lines[-1]} {cell}" if lines and lines[-1] else ""
            if joined and is_upper(cell) and joined in TYPE_HEADINGS and not _heading(lines[-1]):
                lines[-1] = joined
            elif joined and cell and not is_motto(lines[-1]) and not is_motto(cell) and is_motto(joined):
                lines[-1] = joined  # the motto broken over two lines: `Độc lập - Tự do -` / `Hạnh phúc`
            else:
                lines.append(cell)
    return lines


def _heading(line: str) -> tuple[str, str] | None:
    """`KẾ HOẠCH`, `QUYẾT ĐỊNH Về việc …`, or the type alone in any case (`Quyết định`): (type, rest of the line).
    Not `QUY ĐỊNH CHUNG`, a chapter's title in capitals."""
    alone = document_types.heading_type(line)
    if alone:
        return alone, ""
    match = _HEADING.match(line.strip())
    if not match or line.rstrip().endswith(":"):
        return None
    rest = (match[2] or "").strip().strip("*").strip()
    if rest and is_upper(rest):
        return None
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
    opening = next((i for i, line in enumerate(lines) if _opens_body(line)), len(lines))
    first = next((i for i, line in enumerate(lines[:opening]) if _heading(line)), None)
    if first is None:
        # No type heading (a website dropped it, or a PDF lost it): the header runs to the body's first line,
        # and the one document there is has its type from its symbol or its words (official_documents.py).
        # Before `Căn cứ …` all is header; with no such line, only what looks like one (a note is all body).
        header_end = opening if opening < len(lines) else next(
            (i for i, line in enumerate(lines) if not _header_like(line)), len(lines))
        _read_header(layout, lines[:header_end])
        part = Part()
        _read_body(part, lines, header_end)
        layout.parts.append(part)
        return layout
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
        titled = _SITE_TITLE.match(line)
        if titled and not layout.site and layout.number is None:
            layout.site["Tiêu đề"] = titled["subject"]
            layout.site.setdefault("Loại văn bản", titled["type"])
            continue
        labels = list(_SITE_LABEL.finditer(line))
        if labels and labels[0].start() == 0:
            for label, following in zip(labels, labels[1:] + [None]):
                layout.site[label[1]] = line[label.end():following.start() if following else None].strip()
            continue
        number = _NUMBER.match(line)
        if number and layout.number is None:
            written = (number[1] if number[1] is not None else number[2]).strip()
            if not written and index < len(header) and re.match(r"^\d*/", header[index]):
                written = header[index]  # `Số:` alone, the number on the next line
                index += 1
            layout.number = written
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


def _header_like(line: str) -> bool:
    """A line of a header: blank, in capitals, the motto, `Số:`, `…, ngày …`, or a website's `Số hiệu: …`."""
    return (not line or is_motto(line) or (is_upper(line) and len(line) <= 80) or bool(_NUMBER.match(line))
            or bool(re.search(r",\s*ngày\b", line)) or bool(_SITE_LABEL.match(line)) or bool(re.match(r"^\d*/", line))
            or bool(re.fullmatch(r"[_\-–=*.\s]+|năm\s*\d{4}", line)))


def _opens_body(line: str) -> bool:
    """`Căn cứ …`, `Điều 1.`, `I. MỤC ĐÍCH`: the document has begun, so no type heading comes after."""
    return bool(re.match(r"^(?:Căn cứ|Thực hiện|Xét đề nghị|Điều \d+\.|Chương [IVXLC\d]+\b|[IVXLC]+\.\s)", line))


AUTHORITY_LINE = re.compile(r"^(?:ỦY BAN|UỶ BAN|UBND|HỘI ĐỒNG|CHỦ TỊCH|CHÍNH PHỦ|THỦ TƯỚNG|BỘ TRƯỞNG|GIÁM ĐỐC|BAN CHẤP HÀNH|"
                             r"BAN THƯỜNG VỤ|SỞ |BỘ |TỈNH ỦY|THÀNH ỦY|CỤC TRƯỞNG|VIỆN TRƯỞNG|CHÁNH ÁN)")


def _read_title(part: Part, lines: list[str], index: int, first: str) -> int:
    """The title runs to a blank line; where paragraphs are not separated by blank lines (a .docx),
    to the line that opens the body."""
    title = [first] if first else []
    while index < len(lines) and not lines[index] and not title:
        index += 1
    while index < len(lines) and lines[index] and not _ATTACHED.match(lines[index]) and len(title) < 6:
        line = lines[index]
        # A title in capitals goes on in capitals (`TUYÊN TRUYỀN CẢI` / `CÁCH HÀNH CHÍNH NĂM 2014`) up to the
        # issuing authority's line (`ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG`); a title in lower case ends at capitals.
        capitals_go_on = all(is_upper(t) for t in title) and not AUTHORITY_LINE.match(line)
        if title and (_BODY_START.match(line) or (is_upper(line) and not capitals_go_on) or _heading(line)):
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
