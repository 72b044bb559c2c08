"""An official document (text or .docx) as the front matter and Markdown body of a plan file.

`import_document` extracts what Nghị định 30/2020/NĐ-CP puts where (see `document_layout`), turns
the body into Markdown (see `document_body`), and checks its own output: every word of the source
must be in the result, in order, or the report says which are not.
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import citations, deadlines, document_types, frontmatter, vocab
from ..dates import DocDate
from ..registry import Registry, name_key
from ..text import fold, lcfirst, nfc, slugify
from . import document_body, document_layout
from .coverage import missing_in_order
from .pdf_text import read_pdf
from .document_layout import SUPERSCRIPT_DIGITS, Layout, Part

# Words that show which CCHC areas a document covers (Nghị quyết 76/NQ-CP), matched without diacritics.
AREA_KEYWORDS = {
    "the-che": ("cai cach the che", "the che"),
    "thu-tuc-hanh-chinh": ("thu tuc hanh chinh", "tthc", "mot cua"),
    "to-chuc-bo-may": ("to chuc bo may", "bo may"),
    "che-do-cong-vu": ("che do cong vu", "cong vu", "ky luat, ky cuong"),
    "tai-chinh-cong": ("tai chinh cong",),
    "chinh-quyen-so": ("chinh quyen dien tu", "chinh quyen so", "chinh phu dien tu", "chuyen doi so",
                       "dich vu cong truc tuyen", "cong nghe thong tin"),
}
_LEGAL_BASIS = re.compile(r"^(Căn cứ|Thực hiện|Xét đề nghị)\b")
# `…, Sở Ngoại vụ lập kế hoạch …`: where a `Thực hiện …` line turns from what it cites to who acts.
_ACTOR = re.compile(r"[;,]\s+(?P<actor>[A-ZĐÀ-Ỹ][^,;]*?)\s+(?:ban hành|lập|xây dựng)\s+(?:kế hoạch|Kế hoạch|quyết định)")
_BODY_NAMES = ("Sở", "Ban", "Ủy ban", "UBND", "Văn phòng", "Phòng", "Các", "Tổ", "Thủ trưởng", "Trung tâm", "Thanh tra",
               "Đài", "Báo", "Bưu điện", "Trường", "Công an", "Chủ tịch", "Giám đốc", "Chánh", "Đề nghị", "Tỉnh đoàn",
               "Công đoàn", "Ủy ban")
_ACTS = re.compile(r"\s(?:có trách nhiệm|chịu trách nhiệm|chủ trì|căn cứ|tham mưu|phối hợp|chỉ đạo|thực hiện|triển khai)\b")
_OCR_CONFUSABLE = {("H", "4"), ("O", "0"), ("o", "0"), ("l", "1"), ("I", "1"), ("S", "5"), ("B", "8"), ("Z", "2"), ("G", "6")}


@dataclass
class Imported:
    values: dict[str, Any]
    body: str
    found: list[str] = field(default_factory=list)  # what was extracted, for the report
    warnings: list[str] = field(default_factory=list)  # what could not be, or looks wrong
    total_words: int = 0
    missing: list[str] = field(default_factory=list)  # source words not in the output
    issuer_proposal: dict[str, str] | None = None  # a department file to create for an issuer the portal lacks

    @property
    def coverage(self) -> float:
        return 1.0 if not self.total_words else 1 - len(self.missing) / self.total_words

    def text(self) -> str:
        return frontmatter.dump(self.values, self.body)


def read_docx(path: Path) -> str:
    """A .docx as the text a copy from Word gives: one line per paragraph, footnotes as `¹ …` lines."""
    import docx  # noqa: PLC0415 - only the importer needs python-docx
    from docx.oxml.ns import qn  # noqa: PLC0415

    document = docx.Document(str(path))
    superscript = str.maketrans("0123456789", SUPERSCRIPT_DIGITS)
    lines = []
    for paragraph in document.paragraphs:
        parts = []
        for run in paragraph._p.iter(qn("w:r")):
            reference = run.find(qn("w:footnoteReference"))
            if reference is not None:
                parts.append(reference.get(qn("w:id")).translate(superscript))
                continue
            text = "".join(t.text or "" for t in run.iter(qn("w:t")))
            vertical = run.find(f"{qn('w:rPr')}/{qn('w:vertAlign')}")
            if vertical is not None and vertical.get(qn("w:val")) == "superscript" and text.isdigit():
                text = text.translate(superscript)
            parts.append(text)
        lines.append("".join(parts))
    footnotes = _docx_footnotes(document)
    return "\n".join(lines + [""] + [f"{n.translate(superscript)} {t}" for n, t in footnotes])


def _docx_footnotes(document) -> list[tuple[str, str]]:
    from docx.oxml.ns import qn  # noqa: PLC0415

    for rel in document.part.rels.values():
        if rel.reltype.endswith("/footnotes"):
            from lxml import etree  # noqa: PLC0415

            root = etree.fromstring(rel.target_part.blob)
            notes = []
            for note in root.iter(qn("w:footnote")):
                number = note.get(qn("w:id"))
                text = "".join(t.text or "" for t in note.iter(qn("w:t"))).strip()
                if number and int(number) > 0 and text:
                    notes.append((number, text))
            return notes
    return []


DOCX_LIMIT = 50 * 2**20  # unpacked: a document of hundreds of pages is a few MB


def _check_docx(path: Path) -> None:
    """A .docx is a zip: refuse one that is not, or that unpacks into more than any document needs."""
    if not zipfile.is_zipfile(path):
        raise ValueError("tệp .docx hỏng (không phải tệp Word): mở bằng Word rồi lưu lại dạng .docx, hoặc dán chữ vào tệp .txt")
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        unpacked = sum(info.file_size for info in archive.infolist())
    if "word/document.xml" not in names:
        raise ValueError("tệp .docx không có phần nội dung (word/document.xml): mở bằng Word rồi lưu lại dạng .docx")
    if unpacked > DOCX_LIMIT:
        raise ValueError(f"tệp .docx giải nén ra {unpacked // 2**20} MB, quá giới hạn {DOCX_LIMIT // 2**20} MB của một văn bản: "
                         "có thể là tệp hỏng; mở bằng Word, bỏ hình ảnh lớn rồi lưu lại, hoặc dán chữ vào tệp .txt")


def read(path: Path) -> str:
    """The text of a .docx, .pdf or .txt file; ValueError, in Vietnamese, for a file that cannot be read as one."""
    if path.suffix.lower() == ".pdf":
        return read_pdf(path)
    if path.suffix.lower() == ".docx":
        _check_docx(path)
        try:
            return read_docx(path)
        except Exception as error:  # noqa: BLE001 - a damaged file fails anywhere inside python-docx and lxml
            raise ValueError(f"tệp .docx hỏng ({type(error).__name__}): mở bằng Word rồi lưu lại dạng .docx, "
                             "hoặc dán chữ vào tệp .txt") from None
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Notepad's "Unicode"
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ValueError(f"tệp không phải mã UTF-8 (dòng {line}): có thể là Windows-1258 hoặc TCVN3; mở bằng Notepad, "
                         "chọn Lưu thành… với mã hóa UTF-8, hoặc chuyển mã bằng Unikey") from None


def import_document(text: str, registry: Registry) -> Imported:
    """Whatever the text holds, never a refusal: what cannot be found is a warning naming the field to fill."""
    layout = document_layout.split(text)
    main = layout.parts[0]
    result = Imported({}, "")
    values = result.values
    body_of = {id(part): document_body.parse(part.body) for part in layout.parts}

    number = layout.number
    site_number = layout.site.get("Số hiệu", "").strip()
    if number is None and site_number:
        number = site_number
        result.warnings.append(f"số ký hiệu lấy từ phần thông tin của trang web (Số hiệu: {site_number})")
    elif number and site_number and citations.key(number.rstrip(".")) != citations.key(site_number):
        result.warnings.append(f"số ký hiệu trong văn bản ({number}) khác trang web ghi ({site_number}): giữ theo văn bản")
    if number is not None:
        number = number.rstrip(".")
        if number.startswith("/") or not number:
            result.warnings.append(f"văn bản chưa có số (Số: {number or 'để trống'}): cần bổ sung khi có số chính thức")
        if number:
            values["number"] = number
    doc_type = _doc_type(layout, main, number or "", text, result)
    if doc_type:
        values["doc_type"] = doc_type
        _check_type_code(result, number or "", doc_type)

    province = _province(layout, text, registry)
    issuer, how = _issuer(layout, main, number or "", province, registry)
    if issuer:
        values["issuer"] = issuer.code
        result.found.append(f"cơ quan ban hành: {issuer.name} ({issuer.code}), {how}")
        province = province or issuer.province
    else:
        proposal = _proposed_department(layout, main, province, registry)
        if proposal:
            result.issuer_proposal = proposal
            result.warnings.append(f"cơ quan ban hành {proposal['name']} chưa có trên cổng: tạo tệp cơ quan bằng\n"
                                   f"      {proposal['command']}\n    rồi ghi issuer: {proposal['code']} (kiểm tra lại mã)")
        else:
            result.warnings.append("không xác định được cơ quan ban hành: điền mã cơ quan vào trường issuer")
    if layout.place or province:
        values["place"] = layout.place or province
    else:
        result.warnings.append("không tìm thấy địa danh (dòng “…, ngày … tháng … năm …”): điền trường place")
    if not layout.place and province:
        result.warnings.append(f"văn bản không ghi địa danh; lấy tỉnh của cơ quan ban hành: {province}")

    issued = layout.date
    site_date = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", layout.site.get("Ngày ban hành", "").strip())
    if issued is None and site_date:
        issued = DocDate(int(site_date[3]), int(site_date[2]), int(site_date[1]))
        result.warnings.append(f"ngày ban hành lấy từ phần thông tin của trang web: {issued.display()}")
    elif issued and site_date and issued.iso != DocDate(int(site_date[3]), int(site_date[2]), int(site_date[1])).iso:
        result.warnings.append(f"ngày ban hành trong văn bản ({issued.display()}) khác trang web ghi "
                               f"({layout.site['Ngày ban hành']}): giữ theo văn bản")
    if issued is None:
        year = re.search(r"\b(?:năm|giai đoạn)\s+(\d{4})", main.title)
        if year:
            issued = DocDate(int(year[1]))
            result.warnings.append(f"văn bản không ghi ngày ban hành; lấy năm {year[1]} từ trích yếu")
        else:
            result.warnings.append("không tìm thấy ngày ban hành: điền trường issued")
    elif issued.day is None:
        result.warnings.append(f"ngày ban hành để trống ngày ({layout.date_line}): ghi {issued.display()}")
    if issued:
        values["issued"] = issued.iso
    site_title = layout.site.get("Tiêu đề", "")
    if not main.title and site_title:
        main.title = site_title[:1].upper() + site_title[1:]
        result.warnings.append(f"trích yếu lấy từ tiêu đề của trang web: {main.title}; đối chiếu với bản gốc")
    if main.title:
        values["title"] = main.title
    else:
        result.warnings.append("không tìm thấy trích yếu (dòng dưới tên loại văn bản): điền trường title")
    if main.signature:
        signer = {k: v for k, v in [("name", main.signature.name), ("position", main.signature.position),
                                    ("authority", main.signature.authority)] if v}
        values["signer"] = signer
        if not main.signature.name:
            result.warnings.append("phần chữ ký không có họ tên người ký")
    else:
        result.warnings.append("không tìm thấy phần chữ ký (chức vụ, họ tên người ký)")
    period = _period(main.title, issued)
    if period:
        values["period"] = period
    else:
        result.warnings.append("không suy ra được thời kỳ áp dụng: điền trường period (năm hoặc giai đoạn)")
    areas = _areas(text)
    values["areas"] = areas
    result.warnings.append(f"lĩnh vực CCHC suy ra từ nội dung, cần kiểm tra lại: {', '.join(areas)}")
    if main.recipients:
        values["recipients"] = main.recipients

    legal = _legal_bases(body_of[id(main)])
    if legal:
        values["legal_bases"] = legal
    own = {citations.key(number)} if number and number[:1].isdigit() else set()
    cited = _cites(layout, legal, own)
    if cited:
        values["cites"] = cited
    if len(layout.parts) > 1:
        values["attached"] = {"doc_type": layout.parts[1].doc_type, "title": layout.parts[1].title}
    assignments = _assignments(layout, body_of, issuer, province, registry, result)
    if assignments:
        values["assignments"] = assignments

    result.body = _markdown(layout, body_of, number or "", result)
    _check_coverage(result, layout, body_of)
    result.found[:0] = [f"{k}: {_short(v)}" for k, v in values.items() if k in
                        ("number", "doc_type", "place", "issued", "title", "signer", "period")]
    result.found += [f"căn cứ: {len(legal)}; văn bản được dẫn: {len(cited)}; nơi nhận: {len(main.recipients)}; "
                     f"phân công: {len(assignments)} cơ quan, "
                     f"{sum('deadline' in t for a in assignments for t in a['tasks'])} nhiệm vụ có thời hạn; chú thích: {sum(len(b.footnotes) for b in body_of.values())}"]
    return result


def _short(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(str(v) for v in value.values())
    return str(value)


def _doc_type(layout: Layout, main: document_layout.Part, number: str, text: str, result: Imported) -> str:
    """The heading's type; else, in this order, the website's, the symbol's, the one the text names itself."""
    if main.doc_type:
        return main.doc_type
    site = document_types.heading_type(layout.site.get("Loại văn bản", ""))
    for found, how in ((site, "theo phần thông tin của trang web"),
                       (document_types.from_symbol(number), f"theo số ký hiệu {number}"),
                       (document_types.from_text(text), "theo câu “… ban hành …” trong văn bản")):
        if found:
            result.warnings.append(f"văn bản không có dòng tên loại; loại văn bản {found} suy ra {how}: kiểm tra lại")
            return found
    result.warnings.append("không xác định được loại văn bản (không có dòng tên loại, số ký hiệu không mang mã loại): "
                           "điền trường doc_type, ví dụ Kế hoạch")
    return ""


def _check_type_code(result: Imported, number: str, doc_type: str) -> None:
    if "/" not in number:
        return
    expected = vocab.DOCUMENT_TYPES.get(doc_type)
    written = number.split("/")[-1].split("-")[0]
    if expected and written != expected:
        result.warnings.append(f"số ký hiệu {number} mang mã loại {written}, còn tên loại là {doc_type} ({expected})")


def _province(layout: Layout, text: str, registry: Registry) -> str:
    if layout.place and fold(layout.place) in map(fold, registry.provinces):
        return next(p for p in registry.provinces if fold(p) == fold(layout.place))
    header = fold(" ".join(layout.issuer_lines))
    named = [p for p in registry.provinces if fold(p) in header]
    if len(named) == 1:
        return named[0]
    mentions = Counter(p for p in registry.provinces for _ in re.finditer(rf"tỉnh {re.escape(p)}", text))
    return mentions.most_common(1)[0][0] if mentions else layout.place


def _issuer(layout: Layout, main: Part, number: str, province: str, registry: Registry):
    if layout.issuer_lines:
        for candidate in (" ".join(layout.issuer_lines), layout.issuer_lines[-1]):
            found = registry.by_name(candidate, province)
            if found:
                return found, "theo phần đầu văn bản"
    suffix = number.split("/")[-1].split("-")[-1] if "/" in number else ""
    if suffix:
        found = registry.by_symbol(suffix, province)
        if found:
            return found, f"theo ký hiệu {suffix} và địa danh"
    for line in main.body[:12]:
        actor = _ACTOR.search(line)
        if actor:
            found = registry.by_name(actor["actor"], province)
            if found:
                return found, f"theo câu “{actor['actor']} … kế hoạch” ở đầu văn bản"
    return None, ""


_LEVELS = (("ủy ban nhân dân tỉnh", "tinh"), ("ủy ban nhân dân thành phố", "tinh"), ("ủy ban nhân dân huyện", "huyen"),
           ("ủy ban nhân dân quận", "huyen"), ("ủy ban nhân dân thị xã", "huyen"), ("ủy ban nhân dân xã", "xa"),
           ("ủy ban nhân dân phường", "xa"), ("sở ", "so-nganh"))


def _proposed_department(layout: Layout, main: Part, province: str, registry: Registry) -> dict[str, str] | None:
    """The issuer the document names, as a department file to create: its name, a code made like the portal's
    (`Sở Tư pháp` in Khánh Hòa -> STP-KH, never another body's), a level when the name says it, the command."""
    # The header's lines, the authority's line above `Căn cứ` (`ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG`), the website's.
    candidates = [" ".join(layout.issuer_lines), *(line for line in main.body[:3] if document_layout.AUTHORITY_LINE.match(line)),
                  layout.site.get("Nơi ban hành", ""), layout.site.get("Cơ quan ban hành", "")]
    written = max((c for c in candidates if c), key=len, default="")
    if not written:
        return None
    name = document_layout.sentence_case(written) if document_layout.is_upper(written) else written
    # `Sở Nội vụ`, `Bộ Tư pháp`: the word after the kind of body is written with a capital.
    name = re.sub(r"^((?:Sở|Bộ|Cục|Tổng cục) )(\w)", lambda m: m[1] + m[2].upper(), name)
    place = layout.place or province
    if place:  # place names keep their capitals: `thành phố Hải Phòng`
        name = re.sub(re.escape(place), place, name, flags=re.I)
    agency = re.split(r"\s+(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường)\s+", name, maxsplit=1)[0]
    initials = "".join(fold(w[0]) for w in agency.split() if w[:1].isalpha()).upper()
    # A local body's code ends with its province's initials (STP-KH); the Government's and a ministry's do not.
    local = agency != name or fold(name).startswith(("so ", "ban ", "van phong", "thanh tra", "trung tam", "phong "))
    place = place if local else ""
    suffix = "".join(fold(w[0]) for w in place.split()).upper() if place else ""
    code = f"{initials}-{suffix}" if suffix else initials
    taken = {d.code for d in registry.departments}
    code = next(c for c in (code, *(f"{code}{n}" for n in range(2, 99))) if c not in taken)
    level = next((lv for start, lv in _LEVELS if fold(name).startswith(fold(start))), "")
    command = (f'.venv/bin/python scripts/new.py co-quan --code {code} --title "{name}"'
               + (f" --level {level}" if level else "") + (f' --province "{place}"' if place else ""))
    return {"name": name, "code": code, "level": level, "command": command}


def _period(title: str, issued: DocDate | None) -> str:
    span = re.search(r"giai đoạn\s+(\d{4})\s*[-–]\s*(\d{4})", title)
    if span:
        return f"{span[1]}-{span[2]}"
    year = re.search(r"năm\s+(\d{4})", title)
    return year[1] if year else str(issued.year) if issued else ""


def _areas(text: str) -> list[str]:
    folded = fold(text)
    return [area for area, words in AREA_KEYWORDS.items() if any(w in folded for w in words)] or ["thu-tuc-hanh-chinh"]


def _legal_bases(body: document_body.Body) -> list[dict]:
    bases = []
    for block in body.blocks:
        if block.kind != "paragraph" or not _LEGAL_BASIS.match(block.text):
            if bases:
                break
            continue
        text = block.text
        actor = _ACTOR.search(text)
        if actor:
            text = text[:actor.start()]
        text = re.sub(r"^(Căn cứ|Thực hiện)\s+", "", text).rstrip(";,.: ")
        found = citations.find(text)
        values = found[0].values() if found else {}
        values["text"] = text
        bases.append({"text": text, **{k: v for k, v in values.items() if k != "text"}})
    return bases


def _cites(layout: Layout, legal: list[dict], own: set[str]) -> list[dict]:
    seen = set(own) | {citations.key(b["number"]) for b in legal if b.get("number")}
    seen |= {b["text"] for b in legal}
    cited = []
    for part in layout.parts:
        text = "\n".join(part.body)
        for citation in citations.find(text):
            key = citations.key(citation.number) if citation.number else citation.text
            if key in seen:
                continue
            seen.add(key)
            cited.append(citation.values())
    return cited


def _names(assignee: str) -> list[str]:
    """`Các Sở: Kế hoạch và Đầu tư, Công Thương; Ban Quản lý …` -> [`Sở Kế hoạch và Đầu tư`, `Sở Công Thương`, `Ban Quản lý …`]."""
    names = []
    for group in re.split(r";\s*", assignee):
        prefix = re.match(r"^Các (Sở|ngành|Ban)\s*:\s*(.+)$", group)
        if prefix:
            kind = "Sở " if prefix[1] == "Sở" else ""
            names += [kind + n.strip() for n in prefix[2].split(",") if n.strip()]
        else:
            names += [n.strip() for n in re.split(r",\s*|\s+và\s+(?=các\s|[A-ZĐ])", group) if n.strip()]
    return names


def _departments(assignee: str, issuer, province: str, registry: Registry) -> list[str]:
    codes = []
    for name in _names(assignee):
        if issuer and (re.search(r"(?:thuộc|trực thuộc) Sở\b|\bSở$|^Văn phòng Sở\b", name)
                       or name_key(issuer.short_name) in name_key(name)):
            codes.append(issuer.code)  # the issuing Sở's own units
            continue
        found = registry.by_name(name, province) if name[:1].isupper() else None  # a name, not `viên chức`
        if found:
            codes.append(found.code)
    return list(dict.fromkeys(codes))


# What a task's text says its department works with: `… phối hợp (với) Sở Thông tin và Truyền thông xây dựng …`.
_COOPERATE = re.compile(r"\bphối hợp(?: với)?\s+(?P<named>[^;.]+)")


def _cooperating(task: str, own: list[str], province: str, registry: Registry) -> list[str]:
    """The portal's departments a task names after `phối hợp`: each comma-separated name, as long as the words
    that open it still name a department (the sentence's verb follows the last one); the task's own left out."""
    found = _COOPERATE.search(task)
    if not found:
        return []
    codes = []
    for part in re.split(r",\s*|\s+để\s+", found["named"]):
        words = part.split()
        for end in range(len(words), 1, -1):  # the longest opening that is a name: `Sở Thông tin và Truyền thông`
            department = registry.by_name(" ".join(words[:end]), province) if words[0][:1].isupper() else None
            if department:
                codes.append(department.code)
                break
    return [c for c in dict.fromkeys(codes) if c not in own]


def _assignments(layout: Layout, body_of: dict, issuer, province: str, registry: Registry,
                 imported: Imported) -> list[dict]:
    """Who is assigned what: in the section that organises the work, each body named at the head of
    a numbered heading (`1. Sở Nội vụ`) with the items under it, or a sentence it is the subject of. A task's
    deadline is taken from its sentence when it gives one; one that gives several is left to the editor."""
    assignments: list[dict] = []
    for part in layout.parts:
        in_section, current = False, None
        for block in body_of[id(part)].blocks:
            if block.kind == "heading" and block.level == 1:
                folded = fold(block.text)
                in_section = any(w in folded for w in ("to chuc thuc hien", "phan cong", "trong diem", "trach nhiem"))
                current = None
                continue
            if not in_section:
                continue
            if block.kind == "heading" and block.level == 2:
                name = re.sub(r"^\d+\.\s*", "", block.text).strip()
                name = re.sub(r"^Đề nghị\s+", "", name).rstrip(":")
                current = {"to": name, "tasks": []} if name.startswith(_BODY_NAMES) else None
                if current:
                    assignments.append(current)
                continue
            text = re.sub(r"^\d+\.\s*", "", block.text)
            label = re.match(r"^[a-zđ]\)\s*(?:Đề nghị\s+)?(.+):$", text)
            if current is not None and label and label[1][:1].upper() + label[1][1:] != label[1].lower():
                name = label[1][:1].upper() + label[1][1:]
                if name.startswith(_BODY_NAMES):  # `b) Báo Khánh Hòa:` heads its own tasks
                    current = {"to": name, "tasks": []}
                    assignments.append(current)
                    continue
            if current is not None and block.kind in ("item", "subitem", "paragraph"):
                current["tasks"].append(text)
                continue
            acts = _ACTS.search(text)
            subject = text[:acts.start()].rstrip(", ") if acts else ""
            if block.kind == "paragraph" and subject.startswith(_BODY_NAMES) and len(subject) <= 100 and ";" not in subject:
                assignments.append({"to": subject, "tasks": [text]})
    result = []
    for assignment in assignments:
        if not assignment["tasks"]:
            continue
        codes = _departments(assignment["to"], issuer, province, registry)
        tasks = []
        for text in assignment["tasks"]:
            cooperate = _cooperating(text, codes, province, registry)
            due = deadlines.find(text)
            tasks.append({"text": text, **({"cooperate": cooperate} if cooperate else {}),
                          **({"deadline": due[0]} if len(due) == 1 else {})})
            if len(due) > 1:
                imported.warnings.append(f"nhiệm vụ có {len(due)} thời hạn, chưa ghi `deadline`: \"{text[:60]}…\" "
                                       f"({'; '.join(due)})")
        result.append({"to": assignment["to"], **({"departments": codes} if codes else {}), "tasks": tasks})
    return result


def _fix_ocr(note: str, number: str, result: Imported) -> str:
    """`Quyết định số H89/QĐ-UBND` in the attached plan's note, when the decision is 489/QĐ-UBND.
    The misprint stays in an HTML comment: nothing of the source is dropped."""
    if not number[:1].isdigit():
        return f"*{note}*"
    for written in re.findall(r"số (\S+)", note):
        written = written.rstrip(",;)")
        pairs = {(a, b) for a, b in zip(written, number) if a != b}
        if written != number and len(written) == len(number) and pairs <= _OCR_CONFUSABLE:
            result.warnings.append(f"sửa lỗi nhận dạng chữ: {written} → {number} (theo số của quyết định)")
            return f"*{note.replace(written, number)}* <!-- bản gốc in: {written} -->"
    return f"*{note}*"


def _markdown(layout: Layout, body_of: dict, number: str, result: Imported) -> str:
    lines: list[str] = []
    if layout.header_unplaced:
        result.warnings.append(f"dòng ở phần đầu không xếp được, giữ trong chú thích ẩn: {' / '.join(layout.header_unplaced)}")
        lines += ["<!-- Phần đầu văn bản chưa xếp được:", *[line.replace("--", "- -") for line in layout.header_unplaced], "-->", ""]
    footnotes: dict[str, str] = {}
    for index, part in enumerate(layout.parts):
        body = body_of[id(part)]
        shift = 0
        if index:
            shift = 1
            lines += [f"## {part.doc_type} {lcfirst(part.title)}", ""]
            if part.attached_note:
                lines += [_fix_ocr(part.attached_note, number, result), ""]
        lines += document_body.markdown(body, shift)
        if index and part.signature:
            lines += ["**" + " ".join(part.signature.lines) + "**", ""]
        if index and part.recipients:
            lines += ["Nơi nhận:", "", *[f"- {r}" for r in part.recipients], ""]
        footnotes |= body.footnotes
    if layout.trailing:
        result.warnings.append(f"{len([t for t in layout.trailing if t])} dòng cuối văn bản không nhận ra, giữ ở cuối nội dung")
        lines += [line for t in layout.trailing if t for line in (t, "")]
    lines += document_body.footnote_lines(footnotes)
    return "\n".join(lines).strip() + "\n"


def _words(text: str) -> list[str]:
    # Footnote markers became `[^1]`: compare words without them.
    return re.findall(r"[^\W_]+", fold(nfc(text)).translate(_NO_SUPERSCRIPTS))


_NO_SUPERSCRIPTS = str.maketrans({c: " " for c in SUPERSCRIPT_DIGITS})


def _check_coverage(result: Imported, layout: Layout, body_of: dict) -> None:
    """Every word of the body, in order, in the Markdown; every word of the header and the
    signing part somewhere in the front matter or the Markdown."""
    markdown = result.body
    notes_at = markdown.find("\n[^")
    main_text = " ".join(_words(markdown[:notes_at] if notes_at >= 0 else markdown))
    body = [word for part in layout.parts for line in part.body if line and not document_layout.is_footnote(line)
            for word in _words(line)]
    missing, total = missing_in_order(body, main_text), len(body)
    everything = " ".join(_words(frontmatter.dump(result.values) + markdown))
    # The place-and-date line is checked by its parse (place, issued), not word by word.
    loose = [*layout.issuer_lines, *layout.header_unplaced, layout.number or "", layout.place]
    for part in layout.parts:
        loose += [part.title, part.attached_note, *part.recipients, *(part.signature.lines if part.signature else [])]
        loose += [line for line in part.body if document_layout.is_footnote(line)]
    loose += layout.trailing
    for line in loose:
        for word in _words(line):
            total += 1
            if word not in everything:
                missing.append(word)
    result.total_words, result.missing = total, missing


def file_name(values: dict, source: str = "") -> str:
    """`2020-489-qd-ubnd-khanh-hoa.md`; for a text with neither number nor title, the name of the file it came from."""
    year = str(values.get("issued", ""))[:4]
    number = values.get("number", "")
    if number[:1].isdigit():
        return f"{year}-{slugify(number)}-{slugify(values.get('place', ''))}.md"
    # Unnumbered: two departments may well issue a plan of the same title in a year.
    words = (slugify(f"{values.get('doc_type', '')} {values.get('title', '')}", max_length=70) if values.get("title")
             else slugify(source) or "van-ban")
    return "-".join(part for part in (year, words, slugify(values.get("issuer", ""))) if part) + ".md"
