"""What a procedure's values must look like: a time is a duration, a fee is money, a legal code follows
the national symbol grammar, a form is a file name.

The validator (through the field types of `kinds.PROCEDURE`) and the importer both use these functions,
so a value the importer could not read right is never written as if it were, and an editor's typing
mistake is a content error.
"""

from __future__ import annotations

import re

from .national_agencies import ALIASES, MINISTRIES
from . import document_types


def any_case(word: str) -> str:
    """`ngày` -> `[nN][gG][àÀ][yY]`: a case-blind pattern that reads the same in Python and in the browser."""
    return "".join(f"[{c.lower()}{c.upper()}]" if c.lower() != c.upper() else re.escape(c) for c in word)


# Each shape is written once as a pattern that Python, JSON Schema and the web editor all read (no named
# groups, no flags); the functions below add what a pattern cannot say.
FREE = "Miễn phí"
_UNITS = ("ngày làm việc", "giờ làm việc", "ngày", "giờ", "tuần", "tháng", "năm", "phút")  # longest first
UNIT = "|".join(map(any_case, _UNITS))
NUMBER = r"\d+(?:[.,]\d+)?"
_PREFIX = "|".join(map(any_case, ("không quá", "tối đa", "trong vòng", "trong")))
DURATION_FORM = rf"(?:({_PREFIX}) )?({NUMBER})(?: ?(?:-|–|đến) ?({NUMBER}))? ({UNIT})"
DURATION_HINT = "một con số và đơn vị, ví dụ \"5 ngày làm việc\", \"24 giờ\", \"3 tháng\""
MONEY = r"\d{1,3}(?:[.,]\d{3})+(?!\d)|\d+"
CURRENCY = "|".join(map(any_case, ("Việt Nam Đồng", "đồng", "VNĐ", "VND"))) + r"|đ(?![^\W\d_])"  # not `đối`
AMOUNT = rf"(?:{MONEY}) ?(?:{CURRENCY})"
FEE_FORM = rf"{any_case(FREE)}|{AMOUNT}"
FEE_HINT = "\"Miễn phí\" hoặc số tiền bằng đồng, ví dụ \"120.000 đồng\"; điều kiện, cách tính ghi ở fee_note"
FORM_EXTENSIONS = ("docx", "doc", "pdf", "xlsx", "xls", "odt", "ods", "rtf", "rar", "zip", "jpg", "png")
_EXTENSION = "|".join(map(any_case, FORM_EXTENSIONS))
FORM_FILE_FORM = rf"(.*[^\s.]) ?\.(?:{_EXTENSION})"  # group: the name before the extension
# `….docxMẫu 02.docx`, `….docx1.004480.docx`: the next form may follow with no space.
FORM_IN_TEXT = re.compile(rf"\.(?:{_EXTENSION})(?![a-z])")
FORM_HINT = "tên tệp mẫu kèm đuôi, ví dụ \"Mẫu số 03.docx\""
RESULT_CODE_FORM = r"[0-9A-Za-z]+(?:[.\-_][0-9A-Za-z]+)*"
RESULT_CODE_HINT = "một mã, ví dụ KQ.G15.000097"
NO_UNIT = "không ghi đơn vị"  # said of a time the national portal gives as a bare number

# The national symbol grammar (Nghị định 30/2020/NĐ-CP, Luật Ban hành văn bản quy phạm pháp luật):
# number[/year]/TYPE-ISSUER[-ISSUER…], or number/year/QH13 for laws of the National Assembly.
# Besides the declared types, the President's `CTN` and `LCT` as older symbols print them.
TYPES = set(document_types.CODES) | {"CTN", "LCT"}
ISSUERS = set(MINISTRIES) | set(ALIASES) | {
    "CP", "TTg", "CTN", "VPQH", "TANDTC", "VKSNDTC", "HĐTP", "HĐTPTANDTC", "KTNN", "TW", "TƯ", "UBND", "HĐND",
    "MTTQ", "UBTWMTTQVN", "UBTƯMTTQVN", "ĐCT", "TLĐ", "BCĐ", "BKH", "BTM", "BBCVT", "BVHTT", "BCN", "BTS",
    "BTCCBCP", "BVGCP", "TCCP", "TCĐC", "BQLLT", "CHQ", "CT", "CQLD", "TCĐBVN", "CĐBVN", "CHHVN", "CHK", "BTL",
    "BTTM", "BCH", "CAND", "QP"}
LEGISLATURE = r"(?:UBTVQH|QH)(?:1[0-9]|[1-9])"
LEGAL_NUMBER = r"\d{1,3}\.\d+|\d+[a-zđA-Z]?"  # `66.7/2025/NQ-CP`, `30c/NQ-CP`
LEGAL_YEAR = r"(?:19|20)\d\d"
# Groups: number, year, type, issuers (with their leading dash).
LEGAL_CODE_FORM = (rf"({LEGAL_NUMBER})(?:/({LEGAL_YEAR}))?/"
                   rf"(?:{LEGISLATURE}|([A-ZĐ][A-Za-zĐđ]*)((?:-(?:{LEGISLATURE}|[A-ZĐ][A-Za-zĐđƯ]*))+))")
LEGAL_CODE_HINT = "số/năm/LOẠI-CƠ QUAN như trên văn bản, ví dụ \"123/2015/NĐ-CP\", \"53/2013/QĐ-TTg\", \"28/2009/QH12\""


def issuer(code: str) -> bool:
    """A known signer of legal documents: `CP`, `TTg`, `BTP`, `UBTVQH15`, …"""
    return code in ISSUERS or bool(re.fullmatch(LEGISLATURE, code))


def duration(value: str) -> str | None:
    """`5 Ngày làm việc` -> `5 ngày làm việc`; None where the value is not a duration."""
    match = re.fullmatch(DURATION_FORM, " ".join(value.split()))
    if not match:
        return None
    prefix, low, high, unit = match.groups()
    text = f"{prefix.lower() + ' ' if prefix else ''}{low}{f' - {high}' if high else ''} {unit.lower()}"
    return text[0].upper() + text[1:] if prefix else text


def fee(value: str) -> str | None:
    """`120,000 VNĐ` -> `120.000 đồng`, `Miễn phí` as it is; None where the value is not money."""
    value = " ".join(value.split())
    if not re.fullmatch(FEE_FORM, value):
        return None
    if value.lower() == FREE.lower():
        return FREE
    amount = int(re.sub(r"\D", "", re.match(MONEY, value)[0]))
    return f"{amount:,} đồng".replace(",", ".")


def legal_code(value: str) -> bool:
    """Whether a text is a legal document's code and nothing more: `53/2013/QĐ-TTg`, not `53/2013/QĐ-T`."""
    match = re.fullmatch(LEGAL_CODE_FORM, value.strip())
    if not match:
        return False
    number, year, doc_type, issuers = match.groups()
    if doc_type and (doc_type not in TYPES or not all(map(issuer, issuers[1:].split("-")))):
        return False
    return not year_glued(number, year)


def year_glued(number: str, year: str | None, after_nam: bool = False) -> bool:
    """`201213/2012/QH13`, `20223510/QĐ-BHXH`: the year closing a name, glued to the number that follows it."""
    return len(number) > 4 and bool(re.match(LEGAL_YEAR, number)) and (
        len(number) >= 6 or bool(year and number.startswith(year)) or after_nam)


def form_file(value: str) -> bool:
    """A form's file name: some name, one extension at the end (`Mẫu số 03.docx`, not `….docx.docx`)."""
    match = re.fullmatch(FORM_FILE_FORM, value.strip())
    return bool(match) and not FORM_IN_TEXT.search(match[1]) and bool(re.search(r"[^\W_]", match[1]))


def result_code(value: str) -> bool:
    """One result code, as the national database gives it (`KQ.G15.000327`): one word, no label."""
    return bool(re.fullmatch(RESULT_CODE_FORM, value.strip()))
