"""References to other documents inside a text: `Kế hoạch số 116/KH-UBND ngày 16/11/2021 của UBND tỉnh`.

Used by the plan importer to fill `legal_bases` and `cites`, and by the build to link a cited
document that is on the portal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import document_types
from . import procedure_shapes as shapes
from .dates import DocDate
from .text import fold

# Longest first, so `Chương trình hành động` wins over `Chương trình`.
DOC_TYPES = document_types.NAMES_LONGEST_FIRST
_LETTER = r"[A-Za-zĐđ]"
# `489/QĐ-UBND`, `107/2021/NĐ-CP`, `30c/NQ-CP`, and the Party's `18-NQ/TW`, `38-CTr-TU`.
NUMBER = (rf"\d+[a-z]?(?:/\d{{4}})?/[A-ZĐ]{_LETTER}*(?:-[A-ZĐ][A-Za-zĐđ0-9]*(?:&[A-ZĐ][A-Za-zĐđ0-9]*)?)*"
          rf"|\d+-[A-ZĐ]{_LETTER}*(?:[/-][A-ZĐ]{_LETTER}*)+")
DATE = r"\d{1,2}/\d{1,2}/\d{4}|\d{1,2} tháng \d{1,2} năm \d{4}"
_TYPES = "|".join(DOC_TYPES)
_REFERENCE = re.compile(
    rf"(?P<type>{_TYPES})(?:\s+số:?)?\s+(?P<number>{NUMBER})(?![\w/&])(?:,?\s+ngày (?P<date>{DATE}))?"
    rf"|(?<=số )(?P<bare>{NUMBER})(?![\w/&])(?:,? ngày (?P<bare_date>{DATE}))?"
    rf"|(?P<law>Luật(?: [^\W\d][\w]*){{1,12}}?) (?:năm \d{{4}}|ngày (?P<law_date>{DATE}))"
)
# Words that may continue an issuer's name after `của`; any other lower-case word ends it.
_ISSUER_WORDS = {"tỉnh", "thành", "phố", "nhân", "dân", "huyện", "xã", "trưởng", "tướng", "chấp", "hành", "thường",
                 "vụ", "ban", "khoá", "khóa", "ủy", "uỷ", "chính", "phủ", "trung", "ương", "quốc", "hội", "đảng", "tổ",
                 "nhà", "nước"}


# The lower-case words of the departments' names (`Sở Tư pháp`, `Bộ Nội vụ`, `Sở Tài nguyên và Môi trường`), after
# the capitalised word that heads them.
_UNIT_HEADS = {"so", "bo", "cuc", "tong"}
_UNIT_WORDS = {"pháp", "vụ", "chính", "dựng", "dục", "tạo", "tế", "thương", "nghiệp", "thôn", "triển", "hoạch", "tư",
               "hóa", "hoá", "thao", "lịch", "động", "binh", "học", "nghệ", "tin", "thông", "vận", "tải", "nguyên",
               "trường", "và", "cục", "nội", "ngoại", "xã", "hội", "môi", "đầu", "tài", "phát", "nông"}


@dataclass(frozen=True)
class Citation:
    text: str
    doc_type: str
    number: str
    date: DocDate | None
    issuer: str
    start: int
    end: int

    def values(self) -> dict:
        """As a `legal_bases`/`cites` item of a plan's front matter."""
        values = {"text": self.text, "doc_type": self.doc_type}
        if self.number:
            values["number"] = self.number
        if self.date:
            values["date"] = self.date.iso
        if self.issuer:
            values["issuer"] = self.issuer
        return values


def parse_date(text: str) -> DocDate:
    numbers = [int(n) for n in re.findall(r"\d+", text)]
    day, month, year = numbers
    return DocDate(year, month, day)


def _issuer(text: str, position: int) -> tuple[str, int]:
    """The issuer named after `của` / `do` at `position`, and where it ends."""
    match = re.match(r",? (?:của|do) ", text[position:])
    if not match:
        return "", position
    words: list[str] = []
    ends: list[int] = []
    start = position + match.end()
    for word in re.finditer(r"\S+", text[start:]):
        token = word[0].rstrip(",;.:)")
        previous = fold(words[-1]) if words else ""
        if not token or text[start + word.start():].startswith(DOC_TYPES):
            break  # `… ban hành Kế hoạch …`: the issuer ended before
        continues = token in _ISSUER_WORDS or (token in _UNIT_WORDS and fold(words[0]) in _UNIT_HEADS if words else False)
        if not (token[0].isupper() or continues) or (token == "ban" and previous not in ("uy", "ủy")) \
                or (token == "hành" and previous != "chap"):
            break
        words.append(token)
        ends.append(start + word.start() + len(token))
        if token != word[0] or len(words) == 10:
            break  # punctuation closes the name
    while words and words[-1] == "và":  # `của Sở Nội vụ và các sở`: the conjunction joined no name
        words.pop()
        ends.pop()
    return " ".join(words), ends[-1] if words else position


def find(text: str) -> list[Citation]:
    citations = []
    for match in _REFERENCE.finditer(text):
        if match["law"]:
            law_date = match["law_date"]
            date = parse_date(law_date) if law_date else None
            citations.append(Citation(match[0], "Luật", "", date, "", match.start(), match.end()))
            continue
        number = restored(match["number"] or match["bare"])
        date_text = match["date"] or match["bare_date"]
        doc_type = match["type"] or _named_before(text, match.start()) or _type_of(number)
        issuer, end = _issuer(text, match.end())
        date = parse_date(date_text) if date_text else None
        start = match.start()
        if match["bare"]:
            start -= len("số ")
        citations.append(Citation(text[start:end], doc_type, number, date, issuer, start, end))
    return citations


def restored(number: str) -> str:
    """`30c/NQCP` -> `30c/NQ-CP`: the hyphen a PDF's text layer dropped, put back where the symbol grammar reads the
    glued letters as a type's code and a known issuer's (`NQ` + `CP`). Anything else is kept as printed."""
    head, slash, symbol = number.rpartition("/")
    if not slash or "-" in symbol or symbol in document_types.CODES or shapes.issuer(symbol):
        return number  # `12/TTCP` is Thanh tra Chính phủ's, not a Thông tư of the Government
    for cut in range(len(symbol) - 1, 0, -1):
        code, issuer = symbol[:cut], symbol[cut:]
        if code in document_types.CODES and shapes.issuer(issuer):
            return f"{head}/{code}-{issuer}"
    return number


def _named_before(text: str, position: int) -> str | None:
    """`Báo cáo thẩm định số 18/BCTĐ-STP`: the type named a few words before `số`, whatever follows its name."""
    before = text[max(0, position - 40):position]
    if not before.endswith("số "):
        return None
    found = _NAMED.search(before[:-len("số ")])
    return found[1] if found else None


_NAMED = re.compile(r"(?:^|[\s,;(])(%s)(?: [^\W\d]+){0,3} $" % _TYPES)


def _type_of(number: str) -> str:
    """`38-CTr-TU` -> Chương trình; `345/SNV-CCHC` (a letter) -> Công văn."""
    return document_types.from_symbol(number) or "Công văn"


def key(number: str) -> str:
    """How a number is compared: case, `Đ`, spaces and the Party's `-`/`/` variants do not matter."""
    return fold(re.sub(r"\s+", "", number)).replace("-", "/")
