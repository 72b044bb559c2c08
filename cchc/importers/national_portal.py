"""Records of the national public-service portal (dichvucong.gov.vn) as procedure values.

The crawl flattened the portal's tables into text without separators
(`Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếp5 Ngày làm việcMiễn phí`). Each parser here
rebuilds the rows where the columns can be recognised and keeps every character of what it cannot
place, so `covered()` can prove that no text was lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

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
_TIME = re.compile(r"%s|\d+(?:[.,]\d+)?(?: (?:Ngày làm việc|Ngày|Giờ làm việc|Giờ|Tuần|Tháng|Năm|Phút))?" % NO_INFO)
_FEE = re.compile(r"Miễn phí|%s|\d{1,3}(?:,\d{3})* (?:Việt Nam Đồng|VNĐ|Đồng)" % NO_INFO)
_QUANTITY = re.compile(r"(?<!\d)\d+ bản (?:chính|sao)(?:,\d+ bản (?:chính|sao))?")
_FORM_END = re.compile(r"\.(?:docx?|pdf|xlsx?|odt|rar|zip)(?![\w])", re.I)
# A legal document's code cell (`85/2019/TT-BTC`, sometimes `Thông tư số 03/2023/TT-BTP`), glued to the
# end of its name cell and to the start of the next name (whose capital the code must not take).
_DOC_TYPES = "Luật|Bộ luật|Pháp lệnh|Nghị quyết|Nghị định|Quyết định|Thông tư liên tịch|Thông tư|Chỉ thị|Văn bản hợp nhất"
_SYMBOL = r"(?:[A-ZĐ]*QH\d{1,2}|(?:[A-ZĐ](?![^\W\dA-ZĐ_]))+)"  # digits only in the National Assembly's QH13
_LEGAL_CODE = re.compile(r"(?P<type>(?:%s)(?: số)? )?\d+(?:\.\d+)?/(?:\d{4}/)?%s(?:-%s)*" % (_DOC_TYPES, _SYMBOL, _SYMBOL))
_RESULT_CODE = re.compile(r"Mã: (\S+?)Từ khóa(.*?)Mô tả", re.S)


def clean(value: str) -> str:
    """NFC, no-break spaces and tabs as spaces, no trailing or doubled spaces, no blank lines."""
    value = nfc(value).replace("\xa0", " ").replace("\t", " ").replace("\r", "")
    lines = (" ".join(line.split()) for line in value.split("\n"))
    return "\n".join(line for line in lines if line)


def _given(value: str) -> str:
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
    """`Công dân Việt Nam, Tổ chức (không bao gồm doanh nghiệp, HTX)`: commas outside parentheses."""
    items, depth, current = [], 0, ""
    for char in value:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            items.append(current)
            current = ""
        else:
            current += char
    items.append(current)
    return [i.strip().rstrip(".") for i in items if i.strip()]


@dataclass
class Parsed:
    """One part of a record: its rows, and what of it could not be put in rows."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)


def parse_channels(value: str) -> Parsed:
    value = clean(value)
    result = Parsed()
    if not value.startswith(CHANNEL_HEADER):
        if _given(value):
            result.rows.append({"note": value})
            result.unplaced.append(value)
        return result
    pieces = _ROW.split(value[len(CHANNEL_HEADER):])
    if pieces[0].strip():
        result.rows.append({"note": pieces[0].strip()})
        result.unplaced.append(pieces[0].strip())
    for label, cell in zip(pieces[1::2], pieces[2::2]):
        row: dict[str, Any] = {"method": _METHODS[label]}
        time = _TIME.match(cell)
        cell = cell[time.end():]
        if time[0] != NO_INFO:
            row["time"] = time[0]
        fee = _FEE.match(cell)
        if fee:
            cell = cell[fee.end():]
            if fee[0] != NO_INFO:
                row["fee"] = fee[0]
        note = _parenthesised(cell)
        if note:
            row["fee_note"] = _strip_parens(cell[:note])
            cell = cell[note:]
        if _given(cell):
            row["note"] = cell.strip()
        result.rows.append(row)
    return result


def _split_forms(name: str) -> tuple[str, list[str]]:
    """`…theo mẫuTK 1.002847.docx` -> (`…theo mẫu`, [`TK 1.002847.docx`]): the form file names a cell ends with."""
    ends = [m.end() for m in _FORM_END.finditer(name)]
    if not ends or ends[-1] != len(name.rstrip()):
        return name, []
    first_end = ends[0]
    # Cells were glued without a space: the form's name starts where a word runs into a capital
    # letter, or right after a full stop.
    start = -1
    for index in range(first_end - 5, 0, -1):
        before, char = name[index - 1], name[index]
        if before.isspace() or char.isspace():
            continue
        if (before.islower() and (char.isupper() or char.isdigit())) or (before in ".);:" and char.isalpha()):
            start = index
            break
    if start <= 0:
        return name, []
    forms, position = [], start
    for end in ends:
        if end > start:
            forms.append(name[position:end].strip())
            position = end
    return name[:start].strip(), [f for f in forms if f]


def _group_title(value: str) -> str:
    title = value.strip().strip("-").strip()
    return re.sub(r"^\*\s*", "", title).rstrip(":").strip()


def parse_documents(value: str) -> Parsed:
    value = clean(value)
    result = Parsed()
    if DOCUMENT_HEADER not in value:
        if _given(value):
            result.rows.append({"name": value})
            result.unplaced.append(value)
        return result
    segments = value.split(DOCUMENT_HEADER)
    group = _group_title(segments[0])
    for number, segment in enumerate(segments[1:], start=1):
        last = number == len(segments) - 1
        position = 0
        for quantity in _QUANTITY.finditer(segment):
            cell = segment[position:quantity.start()]
            position = quantity.end()
            name, forms = _split_forms(cell.strip())
            row: dict[str, Any] = {}
            if group:
                row["group"] = group
            row["name"] = re.sub(r"^[-+•]\s*", "", name) or "(không ghi tên)"
            if forms:
                row["forms"] = forms
            row["quantity"] = quantity[0].replace(",", ", ")
            result.rows.append(row)
        tail = segment[position:]
        if last:
            if _given(tail):
                result.rows.append({**({"group": group} if group else {}), "name": tail.strip()})
                result.unplaced.append(tail.strip())
        else:
            group = _group_title(tail)
    return result


def parse_legal_bases(value: str) -> Parsed:
    value = clean(value)
    result = Parsed()
    body = value[len(LEGAL_HEADER):] if value.startswith(LEGAL_HEADER) else None
    if body is None:
        if _given(value):
            result.rows.append({"name": value})
            result.unplaced.append(value)
        return result
    position = search_from = 0
    while code := _LEGAL_CODE.search(body, search_from):
        search_from = code.start() + 1
        name = body[position:code.start()].strip()
        if name and _is_code_cell(body, code, name):
            result.rows.append({"name": name, "code": code[0]})
            position = search_from = code.end()
    tail = body[position:].strip()
    if tail:
        result.rows.append({"name": tail})
        result.unplaced.append(tail)
    return result


def _is_code_cell(body: str, code: re.Match, name: str) -> bool:
    before, after = body[code.start() - 1:code.start()], body[code.end():code.end() + 1]
    if name.endswith("QH"):
        return False  # the digits belong to the name's `QH13`
    if before == "/" or (before.isdigit() and not (re.search(r"năm \d{4}$", name) or name.endswith(code[0]))):
        return False  # inside a number, unless after `… năm 2012` or repeating the name `Luật 60/2014/QH13`
    if before.isspace():  # `… hoà giải thương mại 22/2017/NĐ-CP` only as the last cell or glued to the next name
        return not after or after.isupper()
    if before == "." and body[code.start() - 2:code.start() - 1].isdigit():
        return False  # `Nghị quyết số 66.7/2025/NQ-CP`
    return not after or after.isalpha() or after.isspace() or bool(re.match(r"\d+(?:\.\d+)?/", body[code.end():]))


def parse_results(value: str) -> tuple[Parsed, bool]:
    """The results, and whether the portal offered online submission (its picker and button)."""
    value = clean(value)
    submit = bool(CHROME.search(value))
    value = CHROME.sub("", value).strip()
    result = Parsed()
    position, pending = 0, None
    for match in _RESULT_CODE.finditer(value):
        before = value[position:match.start()]
        if pending is not None:
            before = _close_result(result, pending, before)
        keywords = _given(match[2])
        pending = {"name": before.strip() or "(không ghi tên)", "code": match[1]}
        if keywords:
            pending["keywords"] = keywords
        position = match.end()
    tail = value[position:]
    if pending is not None:
        tail = _close_result(result, pending, tail)
    elif _given(tail):
        result.rows.append({"name": tail.strip()})
        tail = ""
    if tail.strip():
        result.rows.append({"name": tail.strip()})
    return result, submit


def _close_result(result: Parsed, pending: dict, description: str) -> str:
    """Finish a result with its description; return the start of the next result's name."""
    if description.startswith(NO_INFO):
        result.rows.append(pending)
        return description[len(NO_INFO):]
    # A real description glued to the next name cannot be cut: keep it whole as the description.
    if description.strip():
        pending["description"] = description.strip()
        result.unplaced.append(description.strip())
    result.rows.append(pending)
    return ""


@dataclass
class Imported:
    code: str
    values: dict[str, Any]
    unstructured: list[str]  # what could not be put in rows, per part, for the report


def record_values(record: dict[str, Any], department: str) -> Imported:
    """A portal record as the values of a procedure file (see `kinds.PROCEDURE`)."""
    get = lambda key: _given(record.get(key, "") or "")  # noqa: E731
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
    for key, parsed in [("channels", channels), ("documents", documents), ("results", results), ("legal_bases", legal)]:
        if parsed.rows:
            values[key] = parsed.rows
    for key, source in [("steps", "trinh_tu_thuc_hien"), ("conditions", "yeu_cau_dieu_kien"),
                        ("related", "thu_tuc_lien_quan")]:
        if get(source):
            values[key] = get(source)

    labels = {"channels": "Cách thức thực hiện", "documents": "Thành phần hồ sơ", "results": "Kết quả",
              "legal_bases": "Căn cứ pháp lý"}
    unstructured = [f"{labels[key]}: giữ nguyên văn, chưa tách được cột: {_excerpt(text)}"
                    for key, parsed in [("channels", channels), ("documents", documents), ("results", results),
                                        ("legal_bases", legal)] for text in parsed.unplaced]
    return Imported(values["code"], values, unstructured)


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
_BOILERPLATE = (CHANNEL_HEADER, DOCUMENT_HEADER, LEGAL_HEADER, NO_INFO, "Từ khóa", "Mô tả", "Mã:")
_LABELS = vocab.CHANNELS | vocab.PROCEDURE_LEVELS


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
    return [_LABELS.get(value, value)]


def lost_words(record: dict[str, Any], values: dict[str, Any]) -> list[str]:
    """The words of a record missing from its imported values: empty when nothing is lost.

    Field by field, each word must appear after the previous one in what the field became,
    ignoring spaces, punctuation, case and tone marks.
    """
    missing = []
    for source, key in FIELD_MAP.items():
        text = CHROME.sub("", clean(record.get(source, "") or ""))
        for label in _BOILERPLATE:
            text = text.replace(label, " ")
        output = _letters(" ".join(_flatten(values.get(key, ""))))
        missing += [f"{source}: {word}" for word in missing_in_order(_words(text), output, _letters)]
    return missing
