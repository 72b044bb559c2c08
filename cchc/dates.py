"""Dates as official documents and news carry them, parsed strictly and shown as dd/mm/yyyy."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime

from .clock import TZ

_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_ISO_DATETIME = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:?\d{2})?$"
)
_VN_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


class DateError(ValueError):
    """A date an editor wrote that cannot be used; `hint` says what to write instead."""

    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.hint = hint


@dataclass(frozen=True, order=True)
class DocDate:
    """An issue date. Where the original leaves the day blank (`ngày   tháng 02 năm 2024`) `day`
    is None; where it shows no date at all, only the year its title names is known."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def iso(self) -> str:
        return "-".join(f"{part:02d}" for part in (self.year, self.month, self.day) if part)

    def display(self) -> str:
        if self.month is None:
            return f"năm {self.year}"
        if self.day is None:
            return f"tháng {self.month:02d}/{self.year}"
        return f"{self.day:02d}/{self.month:02d}/{self.year}"

    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def sort_key(self) -> tuple[int, int, int]:
        # A document with no day sorts as the end of its month (or year): it was signed some time in it.
        return (self.year, self.month or 13, self.day or 32)


YEARS = (1945, 2100)  # documents of the state, and news about them


def _check_year(year: int, raw: str) -> None:
    if not YEARS[0] <= year <= YEARS[1]:
        raise DateError(f"năm {year} trong {raw!r} nằm ngoài khoảng {YEARS[0]}–{YEARS[1]}",
                        "kiểm tra lại năm trong văn bản gốc, viết đủ bốn chữ số, ví dụ 2024-03-05")


def _check_day(year: int, month: int, day: int, raw: str) -> None:
    _check_year(year, raw)
    if not 1 <= month <= 12:
        raise DateError(f"tháng {month} không tồn tại trong {raw!r}", "tháng viết từ 01 đến 12, dạng YYYY-MM-DD")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise DateError(
            f"ngày {day} không tồn tại: tháng {month:02d}/{year} có {last} ngày",
            f"kiểm tra lại ngày trong văn bản gốc, ví dụ {year}-{month:02d}-{last:02d}",
        )


def _vn_hint(raw: str) -> str:
    match = _VN_DATE.match(raw)
    if match:
        d, m, y = match.groups()
        return f"viết theo dạng năm-tháng-ngày: {y}-{int(m):02d}-{int(d):02d}"
    return "viết theo dạng năm-tháng-ngày, ví dụ 2024-03-05"


def parse_doc_date(raw: str, *, partial: bool) -> DocDate:
    raw = raw.strip()
    match = _ISO_DATE.match(raw)
    if not match:
        hint = _vn_hint(raw)
        if partial:
            hint += "; nếu văn bản để trống ngày, viết năm-tháng (2024-02) hoặc chỉ năm (2024)"
        raise DateError(f"{raw!r} không phải ngày hợp lệ", hint)
    year, month, day = int(match[1]), match[2] and int(match[2]), match[3]
    _check_year(year, raw)
    if day is None:
        if not partial:
            raise DateError(f"{raw!r} thiếu ngày", "viết đủ năm-tháng-ngày, ví dụ 2024-03-05")
        if month is None:
            return DocDate(year)
        if not 1 <= month <= 12:
            raise DateError(f"tháng {month} không tồn tại trong {raw!r}", "tháng viết từ 01 đến 12, ví dụ 2024-02")
        return DocDate(year, month)
    _check_day(year, month, int(day), raw)
    return DocDate(year, month, int(day))


def parse_datetime(raw: str) -> datetime:
    """A news time: a date, or a date and a time; without an offset it is Vietnam time."""
    raw = raw.strip()
    match = _ISO_DATETIME.match(raw)
    if match:
        year, month, day, hour, minute = (int(match[i]) for i in range(1, 6))
        _check_day(year, month, day, raw)
        if hour > 23 or minute > 59 or int(match[6] or 0) > 59:
            raise DateError(f"giờ không hợp lệ trong {raw!r}", "viết giờ:phút từ 00:00 đến 23:59, ví dụ 2024-03-05 08:30")
        try:
            moment = datetime.fromisoformat(raw.replace(" ", "T").replace("Z", "+00:00"))
        except ValueError:
            raise DateError(f"{raw!r} không phải thời điểm hợp lệ", "ví dụ 2024-03-05 08:30 hoặc 2024-03-05T08:30:00+07:00") from None
        return moment.replace(tzinfo=TZ) if moment.tzinfo is None else moment.astimezone(TZ)
    day = parse_doc_date(raw, partial=False)
    return datetime(day.year, day.month, day.day, tzinfo=TZ)


def display_date(value: date | datetime | DocDate) -> str:
    if isinstance(value, DocDate):
        return value.display()
    return value.strftime("%d/%m/%Y")


def display_datetime(value: datetime) -> str:
    if (value.hour, value.minute) == (0, 0):
        return display_date(value)
    return value.strftime("%H:%M, %d/%m/%Y")
