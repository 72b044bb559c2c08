"""A task's deadline as a plan writes it ("Quý II/2024", "tháng 3/2024", "trước ngày 30/6/2024", "năm 2024",
"thường xuyên", "hằng năm") and the day it falls due: the last day of the quarter, month or year it names. An
ongoing or recurring task has no due day. A deadline that names no year takes the plan's (its period's first).

One pattern (`FORM`) for the validator, the JSON Schema and the web editor; `parse` says what it means."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from .procedure_shapes import any_case
from .text import fold

ONGOING = ("thuong xuyen", "lien tuc")
RECURRING = {"hang nam": "hằng năm", "hang quy": "hằng quý", "hang thang": "hằng tháng", "dinh ky": "định kỳ"}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
def _words(*words: str) -> str:
    return "|".join(any_case(w) for w in words)


_YEAR = r"(?:/|\s*" + any_case("năm") + r"\s*|\s+)((?:19|20)\d\d)"
_QUARTER = r"(?:" + _words("iv", "iii", "ii", "i") + r"|[1-4])"
_PERIOD = (r"(?:" + any_case("ngày") + r"\s+)?\d{1,2}/\d{1,2}/(?:19|20)\d\d"
           r"|" + any_case("ngày") + r"\s+\d{1,2}\s+" + any_case("tháng") + r"\s+\d{1,2}\s+" + any_case("năm")
           + r"\s+(?:19|20)\d\d"
           r"|" + any_case("quý") + r"\s+" + _QUARTER + r"(?:\s*-\s*" + _QUARTER + r")?(?:" + _YEAR + r")?"
           r"|" + any_case("tháng") + r"\s+\d{1,2}(?:" + _YEAR + r")?|" + any_case("năm") + r"\s+(?:19|20)\d\d"
           r"|(?:6|" + any_case("sáu") + r") " + any_case("tháng") + " (?:" + _words("đầu", "cuối") + ") " + any_case("năm")
           + r"(?:\s+(?:19|20)\d\d)?")
# A period, or a span of two (`Quý IV/2026 đến hết Quý II/2027`: due at the end of the second). No flags: JSON
# Schema and the web editor read the same pattern, case-blind by its classes.
FORM = (r"(?:(?:" + _words("hoàn thành trước", "hoàn thành trong", "chậm nhất", "trước", "trong", "từ") + r")\s+)?"
        r"(?:" + _PERIOD + r")(?:\s+(?:" + _words("đến hết", "đến", "tới") + r")\s+(?:" + _PERIOD + r"))?"
        r"|" + _words("thường xuyên", "liên tục", "hằng năm", "hàng năm", "hằng quý", "hàng quý", "hằng tháng",
                      "hàng tháng", "định kỳ"))
HINT = ("như văn bản ghi, ví dụ \"Quý II/2024\", \"Tháng 3/2024\", \"Trước ngày 30/6/2024\", \"Năm 2024\", "
        "\"Thường xuyên\", \"Hằng năm\"")


@dataclass(frozen=True)
class Deadline:
    text: str  # as the plan writes it
    due: date | None  # the last day it allows; None for an ongoing or recurring task
    kind: str  # day, month, quarter, half, year, ongoing, recurring

    @property
    def recurring(self) -> bool:
        return self.kind in ("ongoing", "recurring")


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def parse(text: str, year: int | None = None) -> Deadline | None:
    """What `text` means, its year from the text or else `year`; None where it is no deadline."""
    written = " ".join(text.split())
    plain = fold(written)
    if not re.fullmatch(FORM, written):
        return None
    if any(word in plain for word in ONGOING):
        return Deadline(written, None, "ongoing")
    if any(word in plain for word in RECURRING):
        return Deadline(written, None, "recurring")
    plain = re.split(r"\s(?:den|toi)\s", plain)[-1] if re.search(r"\s(?:den|toi)\s", plain) else plain  # a span ends at its second
    found = (re.search(r"(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)", plain)
             or re.search(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+((?:19|20)\d\d)", plain))
    if found:
        day, month, in_year = map(int, found.groups())
        try:
            return Deadline(written, date(in_year, month, day), "day")
        except ValueError:
            return None
    years = re.findall(r"(?:19|20)\d\d", plain) or re.findall(r"(?:19|20)\d\d", fold(written))
    in_year = int(years[-1]) if years else year
    if in_year is None:
        return None
    quarter = re.search(r"quy\s+(iv|i{1,3}|[1-4])(?:\s*-\s*(iv|i{1,3}|[1-4]))?\b", plain)
    if quarter:
        return Deadline(written, _last_day(in_year, 3 * _ROMAN[quarter[2] or quarter[1]]), "quarter")
    month = re.search(r"thang\s+(\d{1,2})\b", plain)
    if month and not re.search(r"(?:6|sau) thang", plain):
        number = int(month[1])
        return Deadline(written, _last_day(in_year, number), "month") if 1 <= number <= 12 else None
    half = re.search(r"(?:6|sau) thang (dau|cuoi)", plain)
    if half:
        return Deadline(written, _last_day(in_year, 6 if half[1] == "dau" else 12), "half")
    return Deadline(written, date(in_year, 12, 31), "year")


# Where a task's sentence gives its deadline: after a label (`Thời gian hoàn thành: Quý II/2024`), after
# `trước`/`chậm nhất` anywhere, or `trong …` closing a clause; `trong 6 tháng đầu năm 2024 về Sở Nội vụ` is the
# period a report covers, not when it is due.
_PREFIX = _words("hoàn thành trước", "hoàn thành trong", "chậm nhất", "trước", "trong")
_SPAN = r"(?:" + _PERIOD + r")(?:\s+(?:" + _words("đến hết", "đến", "tới") + r")\s+(?:" + _PERIOD + r"))?"
_IN_SENTENCE = re.compile(
    r"(?:" + _words("thời gian", "thời hạn") + r")(?:\s+(?:" + _words("thực hiện", "hoàn thành") + r"))?\s*:\s*"
    r"(" + FORM + r")(?=\s*(?:[.;,)]|$))"
    r"|(?<!\w)((?:" + _words("hoàn thành trước", "chậm nhất", "trước") + r")\s+(?:" + _words("là") + r"\s+)?" + _SPAN + r")"
    r"|(?<!\w)((?:" + _PREFIX + r")\s+" + _SPAN + r")(?=\s*(?:[.;)]|/\.|$))")


def find(sentence: str) -> list[str]:
    """The deadlines a task's sentence gives, as written (first letter raised), each one the validator accepts."""
    found = []
    for match in _IN_SENTENCE.finditer(" ".join(sentence.split())):
        written = next(group for group in match.groups() if group)
        written = re.sub(r"\s+" + any_case("là") + r"\s+", " ", written, count=1)
        written = written[:1].upper() + written[1:]
        if check(written) and written not in found:
            found.append(written)
    return found


def check(text: str) -> str | None:
    """The validator's test: the text as written when it is a deadline (its year may come from the plan)."""
    return " ".join(text.split()) if parse(text, 2000) else None
