"""Records of the national public-service portal (dichvucong.gov.vn) as procedure values.

The crawl flattened the portal's tables into text without separators
(`Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếp5 Ngày làm việcMiễn phí`). Each parser here
rebuilds the rows where the columns can be recognised and keeps every character of what it cannot
place, so `lost_words()` can prove that no text was lost. Every value is checked for its shape
(`procedure_shapes`) before it is kept; a part that fails is kept verbatim and reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .. import procedure_shapes as shapes
from .. import vocab
from ..text import fold, nfc
from .coverage import missing_in_order

NO_INFO = "Không có thông tin"
CHANNEL_HEADER = "Hình thức nộpThời gianPhí, lệ phíMô tả"
DOCUMENT_HEADER = "Tên giấy tờMẫu đơn, tờ khaiSố lượng"
LEGAL_HEADER = "Tên văn bản pháp lýMã văn bản"
# The portal's agency picker and submit button, picked up after the result by the crawl.
CHROME = re.compile(r"Chọn cơ quan thực hiện.*$", re.S)

_METHODS = {label: code for code, label in vocab.CHANNELS.items()}
_ROW = re.compile(r"(%s)(?=\d|%s)" % ("|".join(map(re.escape, _METHODS)), NO_INFO))
# Cells open with their values; the shapes (`procedure_shapes`) say where each value ends.
_TIME = re.compile(rf"({shapes.NUMBER})(?: ?(?:{shapes.UNIT}))?")
_FEE = re.compile(rf"{shapes.FEE_FORM}|{NO_INFO}")
_LIST_MARK = re.compile(r"\((?:\d{1,2}|[a-zđ]|[ivx]{1,4})\)")  # `(1)` opens a list item, not a fee note
_QUANTITY = re.compile(r"(?<![\d(])\d+ bản (?:chính|sao)(?:,\d+ bản (?:chính|sao))?")
# A legal document's code cell (`85/2019/TT-BTC`), glued to the end of its name cell and to the start of
# the next name, whose first letters the code must not take (`…/NĐ-CPLuật`, `…/QĐ-TTgQuy định`).
_LEGAL_START = re.compile(rf"(?<!\d)(?P<number>{shapes.LEGAL_NUMBER})(?:/(?P<year>{shapes.LEGAL_YEAR}))?/"
                          r"(?P<symbol>[A-ZĐ][\wĐđ]*(?:-[\wĐđ]+)*)")
_LEGAL_GLUED = re.compile(_LEGAL_START.pattern.replace("(?<!\\d)", "", 1))
CHROME_LINES = ("Trang chủ",)  # the portal's breadcrumb, caught in some legal-basis cells


def clean(value: str) -> str:
    """NFC, no-break spaces and tabs as spaces, no trailing or doubled spaces, no blank lines."""
    value = nfc(value).replace("\xa0", " ").replace("\t", " ").replace("\r", "")
    lines = (" ".join(line.split()) for line in value.split("\n"))
    return "\n".join(line for line in lines if line)


def given(value: str) -> str:
    value = clean(value)
    return "" if value == NO_INFO or not re.search(r"[^\W_]", value) else value  # `--` is an empty cell


def _strip_parens(value: str) -> str:
    value = value.strip()
    while value.startswith("(") and value.endswith(")") and _balanced(value[1:-1]):
        value = value[1:-1].strip()
    return value


def _balanced(value: str) -> bool:
    depth = 0
    for char in value:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def _parenthesised(value: str) -> int:
    """Length of the balanced `( … )` that opens `value`, or 0."""
    depth = 0
    for index, char in enumerate(value):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0:
            return index + 1 if index else 0
    return 0


def split_list(value: str) -> list[str]:
    """`Công dân Việt Nam, Cán bộ, công chức, viên chức, Tổ chức (không bao gồm doanh nghiệp, HTX)`:
    commas outside parentheses and before a capital letter (`Cán bộ, công chức` is one item)."""
    items, depth, current = [], 0, ""
    for index, char in enumerate(value):
        depth += {"(": 1, ")": -1}.get(char, 0)
        following = value[index + 1:].lstrip()[:1]
        if char == "," and depth == 0 and (following.isupper() or following.isdigit()):
            items.append(current)
            current = ""
        else:
            current += char
    items.append(current)
    return [i.strip().rstrip(".") for i in items if i.strip()]


@dataclass
class Parsed:
    """One part of a record: its rows, and what of it could not be put in rows (kept verbatim)."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (class, detail) for the import report

    def verbatim(self, text: str, key: str = "name", **row: Any) -> None:
        """A part whose columns cannot be told apart: one row holding the text as the portal shows it."""
        ordered = {k: row.pop(k) for k in ("group", "method") if k in row}
        self.rows.append({**ordered, key: text, **row, "verbatim": True})
        self.unplaced.append(text)


# Channels ---------------------------------------------------------------------------------------

def _split_time_and_fee(digits: str) -> tuple[str, str] | None:
    """`1200,000` before `VNĐ`: an empty-unit time `1` glued to the fee `200,000`."""
    for cut in range(1, len(digits)):
        money = digits[cut:]
        if money[0] != "0" and re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", money):
            return digits[:cut], money
    return None


def parse_channels(value: str) -> Parsed:
    value = clean(value)
    result = Parsed()
    if not value.startswith(CHANNEL_HEADER):
        if given(value):
            result.verbatim(value, "note")
        return result
    pieces = _ROW.split(value[len(CHANNEL_HEADER):])
    if pieces[0].strip():
        result.verbatim(pieces[0].strip(), "note")
    for label, cell in zip(pieces[1::2], pieces[2::2]):
        row = _channel(_METHODS[label], cell, result)
        result.rows.append(row)
    return result


def _channel(method: str, cell: str, result: Parsed) -> dict[str, Any]:
    row: dict[str, Any] = {"method": method}
    if cell.startswith(NO_INFO):
        cell = cell[len(NO_INFO):]
    elif not _FEE.match(cell):  # a cell that opens with money has no time
        time = _TIME.match(cell)
        if time:
            cell = cell[time.end():]
            written = time[0]
            glued = re.match(rf" ?(?:{shapes.CURRENCY})", cell)
            if glued and time[0] == time[1]:
                split = _split_time_and_fee(time[1])
                if split:
                    written, cell = split[0], split[1] + cell
            if shapes.duration(written):
                row["time"] = shapes.duration(written)
            else:
                row["time_raw"] = written
                result.notes.append(("thời hạn không ghi đơn vị", written))
    fee = _FEE.match(cell)
    if fee:
        cell = cell[fee.end():]
        if fee[0] != NO_INFO:
            row["fee"] = shapes.fee(fee[0])
    note = 0 if _LIST_MARK.match(cell) else _parenthesised(cell)
    if note:
        row["fee_note"] = _strip_parens(cell[:note])
        cell = cell[note:]
    if given(cell):
        row["note"] = cell.strip()
    return row


# Documents --------------------------------------------------------------------------------------

def _split_forms(name: str) -> tuple[str, list[str]]:
    """`…theo mẫuTK 1.002847.docx` -> (`…theo mẫu`, [`TK 1.002847.docx`]): the form file names a cell ends with."""
    ends = [m.end() for m in shapes.FORM_IN_TEXT.finditer(name)]
    if not ends or ends[-1] != len(name.rstrip()):
        return name, []
    start = _form_start(name, ends[0])
    if start is None:
        return name, []
    forms, position = [], start
    for end in ends:
        if end > start:
            forms.append(name[position:end].strip())
            position = end
    return name[:start].strip(), [f for f in forms if f]


def _form_start(name: str, first_end: int) -> int | None:
    """Where the first form's file name starts: cells were glued without a space, so in the last word
    before the extension that holds a seam, at its first seam (`tếMauBankhai.docx` -> `MauBankhai.docx`)."""
    # A legal code the name ends with is not cut, and where a word runs on from it a form begins
    # (`Nghị định 58/2017/NĐ-CPmẫu đơn.docx`).
    codes = [span for match in _LEGAL_START.finditer(name) if (span := _legal_code_at(name, match))]
    inside = {i for start, end in codes for i in range(start + 1, end)}
    after = {end for _, end in codes if name[end:end + 1].isalpha()}
    words = list(re.finditer(r"\S+", name[:first_end - 4]))
    for word in reversed(words):
        seams = [i for i in range(word.start() + 1, word.end())
                 if i in after or (i not in inside and _seam(name, i))]
        if seams:
            return seams[0]
        glued = _second_syllable(word[0])
        if glued:
            return word.start() + glued
    return None


def _seam(text: str, index: int) -> bool:
    """Whether a document's name ends and a form's name begins at `index` (the crawl glued them)."""
    before, char, after = text[index - 1], text[index], text[index + 1:index + 2]
    return ((before.islower() and char.isupper())  # `theo mẫuTK 1.docx`
            or (before.isupper() and char.isupper() and after.islower())  # `…/NĐ-CPMẫu số 01.docx`
            or (before.isdigit() and char.isupper() and after.islower())  # `Mẫu TP-QTV-02Mẫu TP-QTV-02.docx`
            or (before in ";:" and char.isalnum())
            or (before.islower() and char.isdigit() and not re.search(r"[^\W\d_]+$", text[:index])[0].isascii())
            or (before in ".)" and char.isalnum() and not text[index - 2:index - 1].isdigit()))


_FINALS = ("ng", "nh", "ch", "c", "m", "n", "p", "t", "")  # how a Vietnamese syllable may end, longest first
_INITIALS = {"", "b", "c", "ch", "d", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh", "p", "ph", "q",
             "r", "s", "t", "th", "tr", "v", "x"}


def _second_syllable(word: str) -> int:
    """In a lower-case word of two Vietnamese syllables glued (`địnhvăn`), where the second begins; else 0.

    A syllable has one vowel group; two groups in one word of Vietnamese letters are two syllables."""
    if not word.isalpha() or not word.islower() or word.isascii():
        return 0
    folded = fold(word)
    groups = [m.span() for m in re.finditer(r"[aeiouy]+", folded)]
    if len(groups) != 2:
        return 0
    between = folded[groups[0][1]:groups[1][0]]
    for final in _FINALS:
        if between.startswith(final) and between[len(final):] in _INITIALS:
            return groups[0][1] + len(final)
    return 0


def _group_title(value: str) -> str:
    title = value.strip().strip("-").strip()
    return re.sub(r"^\*\s*", "", title).rstrip(":").strip()


def _quantities(segment: str):
    """The quantity cells of a table segment, not a quantity written inside a name's parentheses."""
    position = 0
    for quantity in _QUANTITY.finditer(segment):
        cell = segment[position:quantity.start()]
        if cell.count("(") > cell.count(")") and re.match(r"[^()]{0,40}\)", segment[quantity.end():]):
            continue  # `(bản chính hoặc 01 bản sao công chứng)` belongs to the name
        yield cell, quantity
        position = quantity.end()


def parse_documents(value: str) -> Parsed:
    value = clean(value)
    result = Parsed()
    if DOCUMENT_HEADER not in value:
        if given(value):
            result.verbatim(value)
        return result
    segments = value.split(DOCUMENT_HEADER)
    group = _group_title(segments[0])
    for number, segment in enumerate(segments[1:], start=1):
        last = number == len(segments) - 1
        position = 0
        for cell, quantity in _quantities(segment):
            position = quantity.end()
            name, forms = _split_forms(cell.strip())
            grouped = {"group": group} if group else {}
            name = re.sub(r"^[-+•]\s*", "", name) or "(không ghi tên)"
            if shapes.FORM_IN_TEXT.search(name) or not all(shapes.form_file(f) for f in forms):
                result.verbatim(cell.strip(), **grouped, quantity=quantity[0].replace(",", ", "))
                result.notes.append(("tên mẫu đơn không tách được", _excerpt(cell)))
                continue
            row: dict[str, Any] = {**grouped, "name": name}
            if forms:
                row["forms"] = forms
            row["quantity"] = quantity[0].replace(",", ", ")
            result.rows.append(row)
        tail = segment[position:]
        if last:
            if given(tail):
                result.verbatim(tail.strip(), **({"group": group} if group else {}))
        else:
            group = _group_title(tail)
    return result


# Legal bases ------------------------------------------------------------------------------------

def _trim_symbol(symbol: str) -> str | None:
    """The part of a glued symbol that is a code: `NĐ-CPLuật` -> `NĐ-CP`, `QH15106` -> `QH15`."""
    legislature = re.match(r"(?:UBTVQH|QH)(?:1\d|[1-9])", symbol)
    if legislature:
        return legislature[0]
    parts = symbol.split("-")
    if parts[0] not in shapes.TYPES:
        return None
    kept = [parts[0]]
    for part in parts[1:]:
        known = next((part[:n] for n in range(len(part), 0, -1) if shapes.issuer(part[:n])), None)
        if not known:
            break
        kept.append(known)
        if known != part:
            break
    return "-".join(kept) if len(kept) > 1 else None


def _legal_code_at(body: str, match: re.Match) -> tuple[int, int] | None:
    """Where the code found by `match` starts and ends, its number freed of a year glued before it."""
    start, number = match.start(), match["number"]
    if shapes.year_glued(number, match["year"], body[:start].rstrip().endswith("năm")):
        start += 4  # `Luật … năm 201213/2012/QH13`
    symbol = _trim_symbol(match["symbol"])
    if symbol is None:
        return None
    end = match.start("symbol") + len(symbol)
    return (start, end) if shapes.legal_code(body[start:end]) else None


def _is_code_cell(body: str, start: int, end: int) -> bool:
    before, after = body[start - 1:start], body[end:end + 1]
    if after.isdigit() or after in ("/", "-"):
        return False  # the name's code, followed by the code cell (`… số 106/2025/QH15106/2025/QH15`)
    if before == "/" or (before == "." and re.search(r"(?<!\d)\d{1,3}\.$", body[:start])) or (before.isspace() or before in ":(“\"") and after not in ("", "\n") and not after.isalpha():
        return False  # `Thông tư số 04/2023/TT-BTP của …`: a code inside a name
    return True


def parse_legal_bases(value: str) -> Parsed:
    value = clean(value)
    result = Parsed()
    body = value[len(LEGAL_HEADER):] if value.startswith(LEGAL_HEADER) else None
    if body is None:
        if given(value):
            result.verbatim(value)
        return result
    name_start = position = 0
    # A code cell may follow the name's own copy of the code with no space (`QH15106/2025/QH15`).
    while match := (_LEGAL_GLUED.match(body, position) if position else None) or _LEGAL_START.search(body, position):
        found = _legal_code_at(body, match)
        if found is None:
            position = match.start() + 1
            continue
        start, end = found
        name = _legal_name(body[name_start:start])
        if name and _is_code_cell(body, start, end):
            result.rows.append({"name": name, "code": body[start:end]})
            name_start = end
        position = end
    tail = _legal_name(body[name_start:])
    if tail and re.search(r"\d/\S*$", tail):
        result.verbatim(tail)  # it ends in a code whose cell could not be told from the name
    elif tail:
        result.rows.append({"name": tail})
    return result


def _legal_name(text: str) -> str:
    return "\n".join(line for line in text.strip().split("\n") if line.strip() not in CHROME_LINES).strip()


# Results ----------------------------------------------------------------------------------------

def parse_results(value: str) -> tuple[Parsed, bool]:
    """The results, and whether the portal offered online submission (its picker and button)."""
    value = clean(value)
    submit = bool(CHROME.search(value))
    value = CHROME.sub("", value).strip()
    result = Parsed()
    # `NameMã: CODENameMã: CODETừ khóa…Mô tả…`: the keywords and description close the last result.
    closing = re.search(r"Từ khóa(.*?)Mô tả(.*)$", value, re.S)
    head = value[:closing.start()] if closing else value
    pieces = head.split("Mã: ")
    name = pieces[0].strip()
    for index, piece in enumerate(pieces[1:], start=1):
        last = index == len(pieces) - 1
        code = piece.strip() if last else _result_code(piece)
        if code is None or not shapes.result_code(code):
            result.verbatim(f"{name}Mã: {piece}" if name else f"Mã: {piece}")
            result.notes.append(("mã kết quả không tách được", _excerpt(piece)))
            name = ""
            continue
        result.rows.append({"name": name or "(không ghi tên)", "code": code})
        name = piece[len(code):].strip()
    if name:
        result.verbatim(name) if len(pieces) > 1 else result.rows.append({"name": name})
    if closing and result.rows:
        keywords, description = given(closing[1]), given(closing[2])
        if keywords:
            result.rows[-1]["keywords"] = keywords
        if description:
            result.rows[-1]["description"] = description
    elif closing and (given(closing[1]) or given(closing[2])):
        result.verbatim(closing[0])
    return result, submit


def _result_code(piece: str) -> str | None:
    """`KQ.G15.000327Thông báo …` -> `KQ.G15.000327`: the code ends at a digit where the next name begins
    (a capital, a Vietnamese word, a list dash)."""
    run = re.match(shapes.RESULT_CODE_FORM, piece)
    if not run:
        return None
    for end in range(1, run.end() + 1):
        rest = piece[end:]
        word = re.match(r"[^\W\d_]*", rest)[0]
        if piece[end - 1].isdigit() and (rest[:1].isupper() or not word.isascii() or re.match(r"\s*(?:[-+•]\s|$)", rest)):
            return piece[:end]
    return None


# The record's full page text ----------------------------------------------------------------------

# The labels of the portal's page, in order; `raw_text` is the page with its labels glued to the values.
PAGE_LABELS = [("Tên thủ tục", "ten_thu_tuc"), ("Mã thủ tục", "ma_thu_tuc"), ("Số quyết định", "so_quyet_dinh"),
               ("Cấp thực hiện", "cap_thuc_hien"), ("Loại thủ tục", "loai_thu_tuc"), ("Lĩnh vực", "linh_vuc"),
               ("Đối tượng thực hiện", "doi_tuong_thuc_hien"), ("Cơ quan có thẩm quyền", "co_quan_co_tham_quyen"),
               ("Địa chỉ tiếp nhận HS", "dia_chi_tiep_nhan"), ("Cơ quan được ủy quyền", "co_quan_duoc_uy_quyen"),
               ("Cơ quan phối hợp", "co_quan_phoi_hop"), ("Thủ tục hành chính liên quan", "thu_tuc_lien_quan"),
               ("Trình Tự Thực Hiện", "trinh_tu_thuc_hien"), ("Cách Thức Thực Hiện", "cach_thuc_thuc_hien"),
               ("Thành phần hồ sơ", "thanh_phan_ho_so"), ("Căn cứ pháp lý", "can_cu_phap_ly"),
               ("Cơ quan thực hiện", "co_quan_thuc_hien"), ("Yêu cầu, điều kiện thực hiện", "yeu_cau_dieu_kien"),
               ("Kết quả xử lý", "ket_qua_xu_ly")]


def page_sections(record: dict[str, Any]) -> dict[str, str]:
    """Each field as `raw_text` shows it, read label by label in page order.

    A label's section ends at the next label found after the structured value, so a label word
    inside a value does not cut it."""
    raw = clean(record.get("raw_text") or "")
    sections: dict[str, str] = {}
    position = raw.find(PAGE_LABELS[0][0])
    if position < 0:
        return sections
    for index, (label, key) in enumerate(PAGE_LABELS):
        start = raw.find(label, position)
        if start < 0:
            continue
        start += len(label)
        known = clean(record.get(key) or "")
        end = len(raw)
        skip = start + len(known) if raw.startswith(known, start) else start
        for next_label, _ in PAGE_LABELS[index + 1:]:
            found = raw.find(next_label, skip)
            if found >= 0:
                end = found
                break
        sections[key] = raw[start:end].strip()
        position = end
    return sections


def crawl_error(record: dict[str, Any], sections: dict[str, str]) -> str | None:
    """Why a record carries another procedure's page, or None: its code against its page text (`page_sections`)."""
    code = clean(record.get("ma_thu_tuc") or "")
    on_page = sections.get("ma_thu_tuc", "")
    if on_page and code and on_page != code:
        return f"trang gốc là của thủ tục {on_page}, không phải {code}"
    return None


def _completed(record: dict[str, Any], sections: dict[str, str]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The record with each empty or cut field filled from its page text, and what was filled."""
    filled, notes = dict(record), []
    for _label, key in PAGE_LABELS:
        written, page = clean(record.get(key) or ""), sections.get(key, "")
        if not given(page) or page == written:
            continue
        if not given(written) or (page.startswith(written) and len(page) > len(written)):
            filled[key] = page
            added = page[len(written):] if given(written) else page
            notes.append(("bổ sung từ raw_text", f"{FIELD_MAP.get(key, key)}: {_excerpt(added)}"))
    return filled, notes


# The record as procedure values ---------------------------------------------------------------------

@dataclass
class Imported:
    code: str
    values: dict[str, Any]
    notes: list[tuple[str, str]]  # (class, detail): what the report lists for this record
    source: dict[str, Any]  # the record as imported, page text filled in


LABELS = {"channels": "Cách thức thực hiện", "documents": "Thành phần hồ sơ", "results": "Kết quả",
          "legal_bases": "Căn cứ pháp lý"}


def record_values(record: dict[str, Any], department: str, sections: dict[str, str] | None = None) -> Imported:
    """A portal record as the values of a procedure file (see `kinds.PROCEDURE`); `sections` are its
    `page_sections`, where the caller has them already."""
    record, notes = _completed(record, page_sections(record) if sections is None else sections)
    get = lambda key: given(record.get(key, "") or "")  # noqa: E731
    values: dict[str, Any] = {"code": get("ma_thu_tuc"), "name": get("ten_thu_tuc"), "department": department,
                              "field": get("linh_vuc")}
    codes = {fold(label): code for code, label in vocab.PROCEDURE_LEVELS.items()}
    values["levels"] = [codes.get(fold(level), level) for level in split_list(get("cap_thuc_hien"))]
    for key, source in [("type", "loai_thu_tuc"), ("decision", "so_quyet_dinh")]:
        if get(source):
            values[key] = get(source)
    if get("doi_tuong_thuc_hien"):
        values["applicants"] = split_list(get("doi_tuong_thuc_hien"))
    for key, source in [("executing_agency", "co_quan_thuc_hien"), ("competent_agency", "co_quan_co_tham_quyen"),
                        ("authorized_agency", "co_quan_duoc_uy_quyen"), ("coordinating_agency", "co_quan_phoi_hop"),
                        ("address", "dia_chi_tiep_nhan")]:
        if get(source):
            values[key] = get(source)

    channels = parse_channels(record.get("cach_thuc_thuc_hien", ""))
    documents = parse_documents(record.get("thanh_phan_ho_so", ""))
    legal = parse_legal_bases(record.get("can_cu_phap_ly", ""))
    results, submit = parse_results(record.get("ket_qua_xu_ly", ""))
    online = any(row.get("method") == "truc-tuyen" for row in channels.rows)
    if online:
        # The records do not say which online level applies; `toàn trình` only where the text says so.
        values["online"] = "toan-trinh" if "toan trinh" in fold(record.get("raw_text", "")) else "mot-phan"
    url = (record.get("detail_url") or "").strip()
    if url:
        values["portal_url"] = url
        if online and submit:
            values["online_url"] = url
    parts = {"channels": channels, "documents": documents, "results": results, "legal_bases": legal}
    for key, parsed in parts.items():
        if parsed.rows:
            values[key] = parsed.rows
        notes += [(f"giữ nguyên văn: {LABELS[key]}", _excerpt(text)) for text in parsed.unplaced]
        notes += [(f"{kind} ({LABELS[key]})", detail) for kind, detail in parsed.notes]
    for key, source in [("steps", "trinh_tu_thuc_hien"), ("conditions", "yeu_cau_dieu_kien"),
                        ("related", "thu_tuc_lien_quan")]:
        if get(source):
            values[key] = get(source)
    return Imported(values["code"], values, notes, record)


def _excerpt(value: str, length: int = 70) -> str:
    value = " ".join(value.split())
    return value if len(value) <= length else value[: length - 1] + "…"


# Where each field of a record goes; the portal's own labels and page chrome are not content.
FIELD_MAP = {"ten_thu_tuc": "name", "ma_thu_tuc": "code", "so_quyet_dinh": "decision", "cap_thuc_hien": "levels",
             "loai_thu_tuc": "type", "linh_vuc": "field", "doi_tuong_thuc_hien": "applicants",
             "co_quan_thuc_hien": "executing_agency", "co_quan_co_tham_quyen": "competent_agency",
             "co_quan_duoc_uy_quyen": "authorized_agency", "co_quan_phoi_hop": "coordinating_agency",
             "dia_chi_tiep_nhan": "address", "thu_tuc_lien_quan": "related", "trinh_tu_thuc_hien": "steps",
             "cach_thuc_thuc_hien": "channels", "thanh_phan_ho_so": "documents", "can_cu_phap_ly": "legal_bases",
             "yeu_cau_dieu_kien": "conditions", "ket_qua_xu_ly": "results"}
_BOILERPLATE = (CHANNEL_HEADER, DOCUMENT_HEADER, LEGAL_HEADER, NO_INFO, "Từ khóa", "Mô tả", "Mã:") + CHROME_LINES
_LABELS = vocab.CHANNELS | vocab.PROCEDURE_LEVELS
_SOURCE_FEE = re.compile(shapes.AMOUNT)


def _words(text: str) -> list[str]:
    """Words as letter-or-digit runs, cut where the crawl glued two cells (`chínhTrường`, `bản sao(2)`)."""
    text = _QUANTITY.sub(lambda m: f" {m[0]} ", text)
    out, previous = [], ""
    for char in text:
        glued = previous and ((previous.islower() and char.isupper()) or (previous.isdigit() != char.isdigit()))
        out.append(" " + char if glued and char.isalnum() and previous.isalnum() else char)
        previous = char
    return re.findall(r"[^\W_]+", "".join(out))


def _letters(value: str) -> str:
    return "".join(re.findall(r"\w", fold(value)))


def _flatten(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [text for item in value.values() for text in _flatten(item)]
    if isinstance(value, list):
        return [text for item in value for text in _flatten(item)]
    if isinstance(value, bool):
        return []
    return [_LABELS.get(value, value)]


def _amounts_as_written(text: str) -> str:
    return _SOURCE_FEE.sub(lambda m: f" {shapes.fee(m[0]) or m[0]} ", text)


def lost_words(record: dict[str, Any], values: dict[str, Any]) -> list[str]:
    """The words of a record missing from its imported values: empty when nothing is lost.

    Field by field, each word must appear after the previous one in what the field became,
    ignoring spaces, punctuation, case and tone marks; an amount counts in the form it is published in
    (`120,000 VNĐ` as `120.000 đồng`).
    """
    missing = []
    for source, key in FIELD_MAP.items():
        text = CHROME.sub("", clean(record.get(source, "") or ""))
        for label in _BOILERPLATE:
            text = text.replace(label, " ")
        output = " ".join(_flatten(values.get(key, "")))
        if key == "channels":  # a fee is written as a reader reads it: amounts compared in that one form
            text, output = _amounts_as_written(text), _amounts_as_written(output)
        output = _letters(output)
        missing += [f"{source}: {word}" for word in missing_in_order(_words(text), output, _letters)]
    return missing
