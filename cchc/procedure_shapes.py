"""What a procedure's values must look like: a time is a duration, a fee is money, a legal code follows
the national symbol grammar, a form is a file name.

The validator (through the field types of `kinds.PROCEDURE`) and the importer both use these functions,
so a value the importer could not read right is never written as if it were, and an editor's typing
mistake is a content error.
"""

from __future__ import annotations

import re

from .national_agencies import ALIASES, MINISTRIES
from .vocab import DOCUMENT_TYPES

FREE = "Miễn phí"
_UNITS = {"ngày làm việc": "ngày làm việc", "ngày": "ngày", "giờ làm việc": "giờ làm việc", "giờ": "giờ",
          "tuần": "tuần", "tháng": "tháng", "năm": "năm", "phút": "phút"}
_NUMBER = r"\d+(?:[.,]\d+)?"
DURATION = re.compile(r"(?:(?P<prefix>không quá|tối đa|trong vòng|trong) )?(?P<low>%s)(?: ?(?:-|–|đến) ?(?P<high>%s))? "
                      r"(?P<unit>%s)" % (_NUMBER, _NUMBER, "|".join(sorted(_UNITS, key=len, reverse=True))), re.I)
DURATION_HINT = "một con số và đơn vị, ví dụ \"5 ngày làm việc\", \"24 giờ\", \"3 tháng\""
_MONEY = re.compile(r"(\d{1,3}(?:([.,])\d{3})(?:\2\d{3})*|\d+) ?(?:đồng|VNĐ|VND|Việt Nam Đồng|đ)", re.I)
FEE_HINT = "\"Miễn phí\" hoặc số tiền bằng đồng, ví dụ \"120.000 đồng\"; điều kiện, cách tính ghi ở fee_note"
FORM_EXTENSIONS = ("doc", "docx", "pdf", "xls", "xlsx", "odt", "ods", "rtf", "rar", "zip", "jpg", "png")
FORM_IN_TEXT = re.compile(r"\.(?:%s)(?!\w)" % "|".join(FORM_EXTENSIONS), re.I)
FORM_HINT = "tên tệp mẫu kèm đuôi, ví dụ \"Mẫu số 03.docx\""

# The national symbol grammar (Nghị định 30/2020/NĐ-CP, Luật Ban hành văn bản quy phạm pháp luật):
# number[/year]/TYPE-ISSUER[-ISSUER…], or number/year/QH13 for laws of the National Assembly.
TYPES = {code for code in DOCUMENT_TYPES.values() if code} | {
    "NĐ", "TT", "TTLT", "NQLT", "QĐLT", "VBHN", "L", "PL", "SL", "CTN", "HĐ", "LCT"}
ISSUERS = set(MINISTRIES) | set(ALIASES) | {
    "CP", "TTg", "CTN", "VPQH", "TANDTC", "VKSNDTC", "HĐTP", "HĐTPTANDTC", "KTNN", "TW", "TƯ", "BCT", "UBND",
    "HĐND", "MTTQ", "UBTWMTTQVN", "UBTƯMTTQVN", "ĐCT", "TLĐ", "BCĐ", "BKH", "BTM", "BBCVT", "BVHTT", "BCN", "BTS", "BLĐTBXH",
    "BTCCBCP", "BVGCP", "TCCP", "TCĐC", "TCHQ", "TCT", "TCTK", "BHXH", "NHNN", "BQLLT", "CHQ", "CT", "CQLD",
    "TCĐBVN", "CĐBVN", "CHHVN", "CHK", "BTL", "BTTM", "BCH", "BNNPTNT", "VPCP", "UBDT", "KTNN", "CAND", "QP"}
_LEGISLATURE = r"(?:UBTVQH|QH)(?:1[0-9]|[1-9])"
LEGAL_CODE = re.compile(
    r"(?P<number>\d+[a-zđA-Z]?(?:\.\d+)?)(?:/(?P<year>(?:19|20)\d\d))?/"
    r"(?P<symbol>%s|(?P<type>[A-ZĐ][A-Za-zĐđ]*)(?P<issuers>(?:-(?:%s|[A-ZĐ][A-Za-zĐđƯ]*))+))" % (_LEGISLATURE, _LEGISLATURE))
LEGAL_CODE_HINT = "số/năm/LOẠI-CƠ QUAN như trên văn bản, ví dụ \"123/2015/NĐ-CP\", \"53/2013/QĐ-TTg\", \"28/2009/QH12\""


def issuer(code: str) -> bool:
    """A known signer of legal documents: `CP`, `TTg`, `BTP`, `UBTVQH15`, …"""
    return code in ISSUERS or bool(re.fullmatch(_LEGISLATURE, code))


def duration(value: str) -> str | None:
    """`5 Ngày làm việc` -> `5 ngày làm việc`; None where the value is not a duration."""
    match = DURATION.fullmatch(" ".join(value.split()))
    if not match:
        return None
    high = f" - {match['high']}" if match["high"] else ""
    prefix = f"{match['prefix'].capitalize()} " if match["prefix"] else ""
    text = f"{prefix}{match['low']}{high} {_UNITS[match['unit'].lower()]}"
    return text[0].upper() + text[1:] if prefix else text


def fee(value: str) -> str | None:
    """`120,000 VNĐ` -> `120.000 đồng`, `Miễn phí` as it is; None where the value is not money."""
    value = " ".join(value.split())
    if value.lower() == FREE.lower():
        return FREE
    match = _MONEY.fullmatch(value)
    if not match:
        return None
    amount = int(re.sub(r"\D", "", match[1]))
    return f"{amount:,} đồng".replace(",", ".")


def legal_code(value: str) -> bool:
    """Whether a text is a legal document's code and nothing more: `53/2013/QĐ-TTg`, not `53/2013/QĐ-T`."""
    match = LEGAL_CODE.fullmatch(value.strip())
    if not match:
        return False
    if match["type"]:
        issuers = match["issuers"][1:].split("-")
        if match["type"] not in TYPES or not all(issuer(i) for i in issuers):
            return False
    # `201213/2012/QH13`, `20223510/QĐ-BHXH`: the year of the name glued to the number
    number = match["number"]
    glued = (match["year"] and len(number) > 4 and number.startswith(match["year"])) or \
        (len(number) >= 6 and re.match(r"(?:19|20)\d\d", number))
    return not glued


def form_file(value: str) -> bool:
    """A form's file name: some name, one extension at the end (`Mẫu số 03.docx`, not `….docx.docx`)."""
    match = re.fullmatch(r"(.*\S) ?\.(%s)" % "|".join(FORM_EXTENSIONS), value.strip(), re.I)
    return bool(match) and not re.search(r"\.(?:%s)$" % "|".join(FORM_EXTENSIONS), match[1], re.I) \
        and bool(re.search(r"[^\W_]", match[1]))


def result_code(value: str) -> bool:
    """One result code, as the national database gives it (`KQ.G15.000327`): one word, no label."""
    return bool(re.fullmatch(r"[0-9A-Za-z]+(?:[.\-_][0-9A-Za-z]+)*", value.strip())) and "Mã" not in value
