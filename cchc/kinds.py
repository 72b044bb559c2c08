"""The content kinds of the portal, each declared once: its fields, where its files and pages live, how it is
rendered, listed in search, edited in the web editor and started with `scripts/new.py`.

The validator, the editors' reference page, the JSON Schemas, the web editor's configuration, the search index,
`scripts/new.py` and the build's page dispatch all read these declarations: a new kind is its declaration, its
renderer and its tests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Callable

from . import deadlines, indices, procedure_shapes as shapes, progress
from . import vocab
from .text import slugify
from .schema import (Bool, Choice, Context, DateTimeField, DocDateField, Field, Invalid, ListOf, Period, Ref,
                     Shaped, SitePath, Struct, Text)

CODE_PATTERN = r"[A-Za-zĐđ][A-Za-z0-9Đđ]*(?:-[A-Za-z0-9Đđ]+)*"
SLUG = Text(r"[a-z0-9]+(?:-[a-z0-9]+)*", "chỉ chữ thường không dấu, số và gạch ngang, ví dụ ke-hoach-cchc-2024", "đường dẫn")
# `489/QĐ-UBND`, `107/2021/NĐ-CP`, `18-NQ/TW` (also as `38-CTr-TU`); the number may be blank in a draft (`/KH-SNgV`).
NUMBER = Text(
    r"(?:\d+[a-zA-Z]?)?(?:/\d{4})?/[\wĐđ&.]+(?:-[\wĐđ&.]+)*|\d+-[\wĐđ&.]+(?:[/-][\wĐđ&.]+)+",
    "viết như trên văn bản, không có chữ `Số:`, ví dụ 489/QĐ-UBND; nếu văn bản chưa có số, viết /KH-SNgV hoặc bỏ trường này",
    "số ký hiệu",
)
# Material page settings an editor may use. Not `template` or `icon`: they name files of the theme.
PAGE_KEYS = ("hide", "search", "status")


@dataclass(frozen=True)
class Start:
    """What `scripts/new.py` hands a kind's `start`: the options typed, the clock, and two checks that refuse a
    wrong value with the choices (`department(option)`: a department by code; `choice(field, value)`: a code of
    the field's vocabulary, also given by its label in any case)."""
    values: dict[str, str]
    now: datetime
    department: Callable[[str], object]
    choice: Callable[[str, str], str]


@dataclass(frozen=True)
class Editing:
    """How editors make one: the web editor's collection and `scripts/new.py`'s command share the name `command`."""
    command: str  # `tin-tuc`: the CMS collection, `scripts/new.py tin-tuc`
    singular: str
    summary: str  # what the web editor's list shows of each entry
    sortable: tuple  # the web editor's sort fields, the default first
    file_name: str  # the web editor's name for a new file (a `/` files it in a folder)
    start: Callable[[Start], tuple[str, dict, str]]  # `scripts/new.py`: (path from the root, front matter, body)
    needs: tuple[str, ...]  # the options `scripts/new.py` requires
    example: str  # `scripts/new.py`'s example for its help


@dataclass(frozen=True)
class FeedSpec:
    """The portal-wide feed of a kind: `feeds/<slug>/` (its department's feed and the categories' carry it too)."""
    slug: str
    title: str
    description: str


@dataclass(frozen=True)
class Kind:
    name: str
    label: str  # for editors
    where: str
    schema: Struct
    readers_label: str = ""  # for readers (search results); the editors' label if empty
    folder: str = ""  # the site folder of its pages (and of its files in docs/); "" for pages anywhere
    sources: str = "docs"  # the project folder of its files: outside docs/, each page is generated into `folder`
    named_by_code: bool = False  # its file is named by its `code`: `STP-KH` -> stp-kh.md
    department_field: str = ""  # the field naming the department it belongs to
    date_field: str = ""  # the date readers see and sort by
    number_field: str = ""  # the identifier readers search by (a symbol, a code)
    renderer: str = ""  # `module:function` in cchc/render: (entry, site, PageContext) -> Markdown or HtmlPage
    printable: bool = False  # its page offers a print button (and prints with its address)
    feed: FeedSpec | None = None
    editing: Editing | None = field(default=None, repr=False, compare=False)

    @property
    def reader_name(self) -> str:
        return self.readers_label or self.label

    @cached_property
    def page_only(self) -> frozenset[str]:
        """Its fields read only by its items' own pages and its open data (`Field.page_only`)."""
        return frozenset(name for name, spec in self.schema.fields.items() if spec.page_only)


# Not published while true: no page, listing, feed, search entry or open data (visible only in `make serve`).
_DRAFT = Field("draft", Bool(), "Bản nháp", "true: chưa đăng; bỏ dòng này khi sẵn sàng đăng.", example="true")

CITATION = Struct(
    [
        Field("text", Text(), "Trích dẫn như trong văn bản", required=True,
              example='"Quyết định số 3490/QĐ-BNV ngày 10/10/2016 của Bộ Nội vụ"'),
        Field("doc_type", Text(), "Loại văn bản", example="Quyết định"),
        Field("number", NUMBER, "Số ký hiệu", example="3490/QĐ-BNV"),
        Field("date", DocDateField(partial=True), "Ngày ban hành", example="2016-10-10"),
        Field("issuer", Text(), "Cơ quan ban hành", example="Bộ Nội vụ"),
    ],
    shorthand="text",
)


# What a document may have attached: files readers open with an office suite or a PDF reader, by their extension.
ATTACHMENT_TYPES = {"pdf": "PDF", "doc": "Word", "docx": "Word", "odt": "ODF", "xls": "Excel", "xlsx": "Excel", "ods": "ODF"}


def _check_attachment(values: dict, ctx: Context, path: tuple) -> None:
    extension = values.get("file", "").rsplit(".", 1)[-1].lower()
    if values.get("file") and extension not in ATTACHMENT_TYPES:
        ctx.errors.append(Invalid(f"tệp đính kèm {values['file']!r} không phải PDF, Word hay Excel",
                                  f"chỉ đính kèm tệp {', '.join('.' + e for e in ATTACHMENT_TYPES)}", path + ("file",)))


ATTACHMENT = Struct(
    [
        Field("file", SitePath(), "Tệp", "Đường dẫn tính từ docs/.", required=True, example="files/489-qd-ubnd.pdf"),
        Field("title", Text(), "Tên hiện trên trang", "Mặc định: Toàn văn; với tệp thứ hai trở đi, nên ghi tên phụ lục.",
              example='"Phụ lục: Danh mục nhiệm vụ"'),
    ],
    shorthand="file", check=_check_attachment,
)


TASK = Struct(
    [
        Field("text", Text(), "Nhiệm vụ", required=True, example='"Chủ trì tổ chức Hội thi tìm hiểu về cải cách hành chính"'),
        Field("deadline", Shaped(deadlines.check, deadlines.FORM, "thời hạn", deadlines.HINT), "Thời hạn",
              "Như văn bản ghi; quý, tháng, năm không ghi năm thì lấy năm đầu của thời kỳ văn bản.", example='"Quý III/2024"'),
        Field("output", Text(), "Sản phẩm", example='"Báo cáo kết quả Hội thi"'),
        Field("cooperate", ListOf(Ref("department")), "Cơ quan phối hợp", "Mã cơ quan.", example="[STTTT-KH]"),
    ],
    shorthand="text",
)


def _check_plan(values: dict, ctx: Context, path: tuple) -> None:
    number, doc_type = values.get("number"), values.get("doc_type")
    if not (number and doc_type) or "/" not in number:
        return
    expected = vocab.DOCUMENT_TYPES[doc_type]
    written = number.split("/")[-1].split("-")[0]
    if expected and written != expected:
        ctx.warnings.append(Invalid(
            f"số ký hiệu {number!r} mang mã loại `{written}`, còn loại văn bản là {doc_type} (`{expected}`)",
            "kiểm tra lại doc_type hoặc số ký hiệu theo văn bản gốc", path + ("number",)))


PHONE = Text(r"\+?[0-9 .()\-]{6,20}", "chỉ chữ số, dấu cách, dấu chấm, ví dụ \"0258 3822 001\"", "số điện thoại")
EMAIL = Text(r"[^@\s]+@[^@\s]+\.[a-zA-Z]{2,}", "ví dụ stp@khanhhoa.gov.vn", "thư điện tử")
URL = Text(r"https?://\S+", "viết đủ địa chỉ, bắt đầu bằng https://", "địa chỉ web")
_PERSON = Struct([
    Field("name", Text(), "Họ và tên", required=True, example="Nguyễn Văn A"),
    Field("position", Text(), "Chức vụ", required=True, example="Giám đốc"),
    Field("position_en", Text(), "Chức vụ (tiếng Anh)", example="Director"),
])


def _start_department(start: Start) -> tuple[str, dict, str]:
    values = start.values
    parent = start.department("department") if values.get("department") else None
    province = values.get("province") or (parent.province if parent else "")
    if not province:
        raise ValueError("cần tỉnh của cơ quan: thêm --province \"Khánh Hòa\", hoặc --department MÃ-CƠ-QUAN-CẤP-TRÊN")
    data = {"code": values["code"], "name": values["title"], "level": start.choice("level", values.get("level") or "so-nganh"),
            "province": province}
    if parent:
        data["parent"] = parent.code
    return f"docs/co-quan/{slugify(values['code'])}.md", data, "Giới thiệu chức năng, nhiệm vụ của cơ quan."


DEPARTMENT = Kind(
    "department", "Cơ quan", "docs/co-quan/<mã>.md",
    readers_label="Cơ quan", folder="co-quan", named_by_code=True, department_field="code",
    renderer="departments:page",
    editing=Editing("co-quan", "cơ quan", "{{name}} ({{code}})", ({"field": "name", "default_sort": "asc"}, "code"),
                    "{{slug}}", _start_department, ("title", "code"),
                    'scripts/new.py co-quan --title "Sở Nội vụ tỉnh Khánh Hòa" --code SNV-KH --province "Khánh Hòa" --level so-nganh'),
    schema=Struct([
        Field("code", Text(CODE_PATTERN, "chữ và số viết liền, nối bằng gạch ngang, ví dụ SNV-KH", "mã cơ quan"),
              "Mã cơ quan", "Mã ngắn, duy nhất trên cổng; các văn bản, tin bài dẫn tới cơ quan bằng mã này.",
              required=True, example="STP-KH"),
        Field("name", Text(), "Tên đầy đủ", required=True, example="Sở Tư pháp tỉnh Khánh Hòa"),
        Field("short_name", Text(), "Tên ngắn", "Dùng trong danh sách và bảng.", example="Sở Tư pháp"),
        Field("name_en", Text(), "Tên tiếng Anh", "Có tên tiếng Anh thì cơ quan có trang tiếng Anh (/en/).",
              example='"Khanh Hoa Department of Justice"'),
        Field("level", Choice(vocab.DEPARTMENT_LEVELS), "Cấp", required=True, example="so-nganh"),
        Field("parent", Ref("department"), "Cơ quan cấp trên", "Mã của cơ quan cấp trên.", example="UBND-KH"),
        Field("province", Text(), "Tỉnh, thành phố", required=True, example="Khánh Hòa"),
        Field("address", Text(), "Địa chỉ", example='"Số 1 Trần Phú, Nha Trang"'),
        Field("phone", PHONE, "Điện thoại", example='"0258 3822 001"'),
        Field("email", EMAIL, "Thư điện tử", example="stp@khanhhoa.gov.vn"),
        Field("website", Text(r"https?://\S+", "viết đủ https://, ví dụ https://stp.khanhhoa.gov.vn", "địa chỉ web"),
              "Trang thông tin điện tử", example="https://stp.khanhhoa.gov.vn"),
        Field("roles", ListOf(Choice(vocab.AGENCY_ROLES, "vai trò")), "Vai trò",
              "Cơ quan này làm vai trò nào khi nhập thủ tục từ Cổng DVC quốc gia; mỗi vai trò một cơ quan. "
              f"Mã trong: {', '.join(vocab.AGENCY_ROLES)}.", example="[so-tu-phap]"),
        Field("hours", Text(), "Giờ làm việc", example='"Sáng 7:00–11:30, chiều 13:30–17:00, thứ Hai đến thứ Sáu"'),
        Field("map", URL, "Bản đồ", "Địa chỉ bản đồ (OpenStreetMap, Google Maps) của trụ sở.",
              example="https://www.openstreetmap.org/?mlat=12.2388&mlon=109.1967"),
        Field("functions", Text(), "Chức năng, nhiệm vụ", "Vài câu theo quyết định quy định chức năng, nhiệm vụ; "
              "nhiều dòng: viết `functions: |` rồi thụt đầu các dòng.", example="|\n  Tham mưu, giúp Ủy ban nhân dân tỉnh …"),
        Field("functions_en", Text(), "Chức năng, nhiệm vụ (tiếng Anh)", example="|\n  Advises the Provincial People's Committee …"),
        Field("hours_en", Text(), "Giờ làm việc (tiếng Anh)", example='"Monday to Friday, 7:00–11:30 and 13:30–17:00"'),
        Field("head", _PERSON, "Người đứng đầu", example="\n  name: Nguyễn Văn A\n  position: Giám đốc"),
        Field("deputies", ListOf(_PERSON), "Cấp phó", example="\n  - name: Trần Thị B\n    position: Phó Giám đốc"),
        Field("contact", Struct([
            Field("name", Text(), "Họ và tên", required=True, example="Lê Văn C"),
            Field("position", Text(), "Chức vụ", example="Chuyên viên Văn phòng Sở"),
            Field("phone", PHONE, "Điện thoại", example='"0258 3822 002"'),
            Field("email", EMAIL, "Thư điện tử", example="cchc.stp@khanhhoa.gov.vn"),
        ]), "Đầu mối liên hệ về cải cách hành chính", "Người dân, doanh nghiệp hỏi về thủ tục, văn bản của cơ quan.",
            example="\n  name: Lê Văn C\n  phone: \"0258 3822 002\""),
    ], allow=PAGE_KEYS),
)

def _start_plan(start: Start) -> tuple[str, dict, str]:
    values, now = start.values, start.now
    issuer = start.department("department")
    doc_type = start.choice("doc_type", values.get("type") or "Kế hoạch")
    title = values["title"]
    data = {"doc_type": doc_type, "issuer": issuer.code, "place": issuer.province, "issued": now.date().isoformat(),
            "title": title, "period": str(now.year), "areas": [start.choice("areas", values.get("area") or "thu-tuc-hanh-chinh")],
            "draft": True}
    named = title if slugify(title).startswith(slugify(doc_type)) else f"{doc_type} {title}"
    return (f"plans/{now.year}-{slugify(named)}.md", data,
            "Dán toàn văn ở đây, hoặc nhập từ tệp Word: scripts/import_plans.py. Bỏ dòng `draft: true` khi văn bản sẵn sàng đăng.")


PLAN = Kind(
    "plan", "Văn bản (kế hoạch, quyết định, …)", "plans/<tên-tệp>.md",
    readers_label="Văn bản", folder="van-ban", sources="plans", department_field="issuer", date_field="issued",
    number_field="number", renderer="plans:page", printable=True,
    feed=FeedSpec("van-ban", "Văn bản mới", "Kế hoạch, quyết định về cải cách hành chính"),
    editing=Editing("van-ban", "văn bản", "{{doc_type}} {{number}} · {{title}}",
                    ({"field": "issued", "default_sort": "desc"}, "number", "title"),
                    "{{fields.issued | date('YYYY')}}-{{fields.title | truncate(66, '')}}", _start_plan, ("title", "department"),
                    'scripts/new.py van-ban --title "Tuyên truyền cải cách hành chính năm 2026" --department UBND-KH --type "Kế hoạch"'),
    schema=Struct([
        Field("number", NUMBER, "Số ký hiệu", "Bỏ trống nếu văn bản chưa có số (bản dự thảo, bản chưa vào sổ).",
              example="489/QĐ-UBND"),
        Field("doc_type", Choice({t: t for t in vocab.DOCUMENT_TYPES}, "loại văn bản"), "Loại văn bản",
              required=True, example="Kế hoạch"),
        Field("issuer", Ref("department"), "Cơ quan ban hành", "Mã cơ quan.", required=True, example="UBND-KH"),
        Field("place", Text(), "Địa danh", required=True, example="Khánh Hòa"),
        Field("issued", DocDateField(partial=True), "Ngày ban hành",
              "Năm-tháng-ngày; nếu văn bản để trống ngày, chỉ viết năm-tháng (hoặc chỉ năm).", required=True, example="2020-03-11"),
        Field("title", Text(), "Trích yếu", "Viết như dưới tên loại văn bản, không lặp lại tên loại.",
              required=True, example='"Tuyên truyền cải cách hành chính năm 2020"'),
        Field("signer", Struct([
            Field("name", Text(), "Họ và tên", example="Nguyễn Tấn Tuân"),
            Field("position", Text(), "Chức vụ", required=True, example="Chủ tịch"),
            Field("authority", Text(), "Thẩm quyền ký", "TM., KT., TL., TUQ., Q. và tập thể/người được thay.",
                  example='"TM. Ủy ban nhân dân"'),
        ]), "Người ký", "Bỏ trống nếu bản gốc không có phần chữ ký.", example="\n  name: Nguyễn Tấn Tuân\n  position: Chủ tịch\n  authority: TM. Ủy ban nhân dân"),
        Field("period", Period(), "Thời kỳ", "Năm hoặc giai đoạn văn bản áp dụng.", required=True, example='"2021-2025"'),
        Field("areas", ListOf(Choice(vocab.CCHC_AREAS, "lĩnh vực CCHC"), min_items=1), "Lĩnh vực CCHC",
              f"Mã trong: {', '.join(vocab.CCHC_AREAS)}.", required=True, example="\n  - thu-tuc-hanh-chinh\n  - chinh-quyen-so"),
        Field("summary", Text(), "Tóm tắt", "Một hai câu cho danh sách văn bản."),
        Field("recipients", ListOf(Text()), "Nơi nhận", example='\n  - "Sở Nội vụ (để báo cáo);"'),
        Field("legal_bases", ListOf(CITATION), "Căn cứ ban hành", "Các dòng “Căn cứ …”, “Thực hiện …”.",
              example='\n  - text: "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015"'),
        Field("cites", ListOf(CITATION), "Văn bản được dẫn", "Các văn bản nhắc tới trong nội dung.",
              example='\n  - text: "Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ"\n    number: 76/NQ-CP'),
        Field("assignments", ListOf(Struct([
            Field("to", Text(), "Cơ quan được giao (như trong văn bản)", required=True, example="Sở Nội vụ"),
            Field("departments", ListOf(Ref("department")), "Mã cơ quan", example="[SNV-KH]"),
            Field("tasks", ListOf(TASK, min_items=1), "Nhiệm vụ", "Mỗi nhiệm vụ một dòng, hoặc các trường dưới đây; "
                  "báo cáo tiến độ gọi nhiệm vụ theo văn bản và số thứ tự (489-qd-ubnd/3).", required=True,
                  example='\n      - text: "Chủ trì …"\n        deadline: "Quý II/2024"'),
        ])), "Phân công thực hiện", example="\n  - to: Sở Nội vụ\n    departments: [SNV-KH]\n    tasks:\n      - \"Chủ trì …\""),
        Field("attached", Struct([
            Field("doc_type", Choice({t: t for t in vocab.DOCUMENT_TYPES}, "loại văn bản"), "Loại văn bản", required=True,
                  example="Kế hoạch"),
            Field("title", Text(), "Trích yếu", required=True, example='"Tuyên truyền cải cách hành chính năm 2020"'),
        ]), "Văn bản ban hành kèm theo", "Kế hoạch, quy chế… mà quyết định này ban hành.",
            example="\n  doc_type: Kế hoạch\n  title: Tuyên truyền cải cách hành chính năm 2020"),
        Field("effective", DocDateField(), "Ngày có hiệu lực", "Bỏ trống nếu văn bản có hiệu lực từ ngày ký.",
              example="2020-03-11"),
        Field("expires", DocDateField(), "Ngày hết hiệu lực", "Khi văn bản (hoặc văn bản khác) định ngày hết hiệu lực.",
              example="2025-12-31"),
        Field("replaces", ListOf(CITATION), "Văn bản bị thay thế", "Các văn bản mà văn bản này thay thế; văn bản có trên cổng "
              "được nối hai chiều và hiện là hết hiệu lực.", example='\n  - "Quyết định số 123/QĐ-UBND ngày 15/01/2019 của UBND tỉnh"'),
        Field("amends", ListOf(CITATION), "Văn bản được sửa đổi, bổ sung", "Các văn bản mà văn bản này sửa đổi, bổ sung.",
              example='\n  - "Kế hoạch số 55/KH-UBND ngày 20/02/2024 của UBND tỉnh"'),
        Field("attachments", ListOf(ATTACHMENT), "Tệp đính kèm",
              f"Bản gốc và phụ lục ({', '.join(ext.upper() for ext in ATTACHMENT_TYPES)}) đặt trong docs/files/; "
              "mỗi tệp một mục.", example='\n  - file: files/489-qd-ubnd.pdf\n    title: "Bản gốc có chữ ký số"'),
        Field("slug", SLUG, "Đường dẫn", "Mặc định lấy theo tên tệp.", example="ke-hoach-tuyen-truyen-2020"),
        _DRAFT,
    ], check=_check_plan),
)

def _start_news(start: Start) -> tuple[str, dict, str]:
    values, now = start.values, start.now
    data = {"title": values["title"], "date": now.strftime("%Y-%m-%d %H:%M"), "department": start.department("department").code,
            "categories": [start.choice("categories", values.get("category") or "tin-hoat-dong")], "draft": True}
    return (f"docs/tin-tuc/{now.year}/{slugify(values['title'])}.md", data,
            "Viết nội dung tin ở đây. Bỏ dòng `draft: true` khi tin sẵn sàng đăng.")


NEWS = Kind(
    "news", "Tin tức", "docs/tin-tuc/<năm>/<tên-tệp>.md",
    readers_label="Tin tức", folder="tin-tuc", department_field="department", date_field="date", renderer="news:page",
    printable=True, feed=FeedSpec("tin-tuc", "Tin tức", "Tin tức cải cách hành chính"),
    # `{{year}}` of a path is the year of the entry's `date` field, so a news item is filed under its own date's year;
    # the title cut so the file name stays within the 80 letters the check allows.
    editing=Editing("tin-tuc", "tin", "{{date | date('DD/MM/YYYY')}} · {{title}}{{draft | ternary(' (bản nháp)', '')}}",
                    ({"field": "date", "default_sort": "desc"}, "title"),
                    "{{year}}/{{fields.title | truncate(72, '')}}", _start_news, ("title", "department"),
                    'scripts/new.py tin-tuc --title "Hội nghị tập huấn cải cách hành chính" --department SNV-KH --category tin-hoat-dong'),
    schema=Struct([
        Field("title", Text(), "Tiêu đề", required=True, example='"Sở Tư pháp tập huấn cải cách hành chính"'),
        Field("date", DateTimeField(), "Ngày đăng", "Giờ Việt Nam; có thể thêm giờ:phút.", required=True,
              example='"2024-03-05 08:30"'),
        Field("department", Ref("department"), "Cơ quan", "Mã cơ quan đăng tin.", required=True, example="STP-KH"),
        Field("categories", ListOf(Choice(vocab.NEWS_CATEGORIES, "chuyên mục"), min_items=1), "Chuyên mục",
              f"Mã trong: {', '.join(vocab.NEWS_CATEGORIES)}.", required=True, example="[thu-tuc-hanh-chinh]"),
        Field("tags", ListOf(Text()), "Từ khóa", example="[một cửa, dịch vụ công]"),
        Field("summary", Text(), "Tóm tắt", example='"Hơn 200 công chức tham dự."'),
        Field("image", SitePath(allow_url=True), "Ảnh đại diện", example="images/tap-huan.jpg"),
        _DRAFT,
        Field("pinned", Bool(), "Ghim lên đầu", example="true"),
    ], allow=PAGE_KEYS),
)

# A row the importer could not split into columns: the portal's text as it is, reported at import.
_VERBATIM = Field("verbatim", Bool(), "Giữ nguyên văn", "true: dòng chép nguyên văn từ Cổng DVC quốc gia vì không tách "
                  "được thành cột; sửa tay rồi bỏ dòng này.", example="true")


def _one_row(field_name: str, wrong: re.Pattern, what: str, hint: str):
    """A row check: `field_name` must not hold what belongs to another column (unless kept verbatim)."""
    def check(values: dict, ctx: Context, path: tuple) -> None:
        if not values.get("verbatim") and wrong.search(values.get(field_name, "")):
            ctx.errors.append(Invalid(f"{field_name} {what}: {values[field_name][:80]!r}", hint, path + (field_name,)))
    return check

def _start_procedure(start: Start) -> tuple[str, dict, str]:
    values = start.values
    data = {"code": values["code"], "name": values["title"], "department": start.department("department").code,
            "field": values.get("field") or "Chưa phân loại", "levels": ["cap-tinh"], "draft": True}
    return (f"docs/thu-tuc/{slugify(values['code'])}.md", data,
            "Ghi chú của cơ quan (nếu có). Bỏ dòng `draft: true` khi thủ tục sẵn sàng đăng.")


PROCEDURE = Kind(
    "procedure", "Thủ tục hành chính", "docs/thu-tuc/<mã>.md",
    readers_label="Thủ tục hành chính", folder="thu-tuc", named_by_code=True, department_field="department",
    number_field="code", renderer="procedures:page", printable=True,
    # `{{slug}}` of the code: lower case, `.` as `-` (`1.001456` -> `1-001456.md`), the name the validator expects.
    editing=Editing("thu-tuc", "thủ tục", "{{code}} · {{name}}", ({"field": "code", "default_sort": "asc"}, "name"),
                    "{{slug}}", _start_procedure, ("title", "department", "code"),
                    'scripts/new.py thu-tuc --title "Cấp Phiếu lý lịch tư pháp" --code 1.001234 --department STP-KH --field "Lý lịch tư pháp"'),
    schema=Struct([
        Field("code", Text(r"[0-9A-Za-z]+(?:[.\-][0-9A-Za-z]+)*", "như trên Cơ sở dữ liệu quốc gia về TTHC, ví dụ \"1.001456\"",
                           "mã thủ tục"),
              "Mã thủ tục", "Tên tệp là mã này, dấu chấm thay bằng gạch ngang.", required=True, example='"1.001456"'),
        Field("name", Text(), "Tên thủ tục", required=True, example='"Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam"'),
        Field("name_en", Text(), "Tên tiếng Anh", "Thủ tục người nước ngoài thực hiện có tên tiếng Anh thì có trang tiếng Anh.",
              example='"Issuance of a judicial record certificate"'),
        Field("summary_en", Text(), "Tóm tắt tiếng Anh", "Vài câu: ai thực hiện, nộp ở đâu, nhận gì.",
              example='"For foreigners who have resided in Viet Nam …"'),
        Field("department", Ref("department"), "Cơ quan chủ trì", "Mã cơ quan công bố, hướng dẫn thủ tục trên cổng.",
              required=True, example="STP-KH"),
        Field("field", Text(), "Lĩnh vực", "Như trên Cơ sở dữ liệu quốc gia.", required=True, example="Lý lịch tư pháp"),
        Field("levels", ListOf(Choice(vocab.PROCEDURE_LEVELS, "cấp thực hiện"), min_items=1), "Cấp thực hiện",
              f"Mã trong: {', '.join(vocab.PROCEDURE_LEVELS)}.", required=True, example="[cap-tinh]"),
        Field("type", Text(), "Loại thủ tục", example='"TTHC được giao luật quy định chi tiết"'),
        Field("decision", Text(), "Quyết định công bố", "Số quyết định công bố thủ tục.", example="1859/QĐ-BTP"),
        Field("applicants", ListOf(Text()), "Đối tượng thực hiện", example="[Công dân Việt Nam, Người nước ngoài]"),
        Field("executing_agency", Text(), "Cơ quan thực hiện", example="Sở Tư pháp"),
        Field("competent_agency", Text(), "Cơ quan có thẩm quyền", example="Ủy ban nhân dân cấp tỉnh"),
        Field("authorized_agency", Text(), "Cơ quan được ủy quyền"),
        Field("coordinating_agency", Text(), "Cơ quan phối hợp"),
        Field("address", Text(), "Địa chỉ tiếp nhận hồ sơ"),
        Field("online", Choice(vocab.ONLINE_LEVELS, "mức dịch vụ công trực tuyến"), "Dịch vụ công trực tuyến",
              f"Bỏ trống nếu không nộp trực tuyến được; mã trong: {', '.join(vocab.ONLINE_LEVELS)}.", example="mot-phan"),
        Field("online_url", URL, "Địa chỉ nộp hồ sơ trực tuyến", example="https://dichvucong.gov.vn/…"),
        Field("portal_url", URL, "Trang thủ tục trên Cổng Dịch vụ công quốc gia", example="https://dichvucong.gov.vn/…"),
        Field("channels", ListOf(Struct([
            Field("method", Choice(vocab.CHANNELS, "cách nộp"), "Cách nộp", f"Mã trong: {', '.join(vocab.CHANNELS)}.",
                  example="truc-tiep"),
            Field("time", Shaped(shapes.duration, shapes.DURATION_FORM, "thời hạn", shapes.DURATION_HINT), "Thời hạn giải quyết",
                  example='"5 ngày làm việc"'),
            Field("time_raw", Text(), "Thời hạn như Cổng DVC quốc gia ghi (không có đơn vị)",
                  "Con số Cổng DVC quốc gia ghi mà không kèm đơn vị; khi biết đơn vị, chuyển sang time.", example='"7"'),
            Field("fee", Shaped(shapes.fee, shapes.FEE_FORM, "phí, lệ phí", shapes.FEE_HINT), "Phí, lệ phí", example='"120.000 đồng"'),
            Field("fee_note", Text(), "Ghi chú về phí, lệ phí"),
            Field("note", Text(), "Mô tả"),
            _VERBATIM,
        ], shorthand="note")), "Cách thức thực hiện", "Mỗi cách nộp một mục.",
            example='\n  - method: truc-tiep\n    time: "5 ngày làm việc"\n    fee: "Miễn phí"', page_only=True),
        Field("documents", ListOf(Struct([
            Field("group", Text(), "Nhóm giấy tờ", example='"Giấy tờ phải nộp"'),
            Field("name", Text(), "Tên giấy tờ", required=True, example='"Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp"'),
            Field("forms", ListOf(Shaped(shapes.form_file, shapes.FORM_FILE_FORM, "tên tệp mẫu", shapes.FORM_HINT)), "Mẫu đơn, tờ khai",
                  example="[Mẫu số 03.docx]"),
            Field("quantity", Text(), "Số lượng", example='"1 bản chính"'),
            _VERBATIM,
        ], shorthand="name", check=_one_row("name", shapes.FORM_IN_TEXT, "có tên tệp mẫu",
                                            "chuyển tên tệp mẫu sang forms"))), "Thành phần hồ sơ",
            example='\n  - name: "Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp"\n    quantity: "1 bản chính"', page_only=True),
        Field("results", ListOf(Struct([
            Field("name", Text(), "Kết quả", required=True, example='"Phiếu lý lịch tư pháp"'),
            Field("code", Text(shapes.RESULT_CODE_FORM, shapes.RESULT_CODE_HINT, "mã kết quả"), "Mã kết quả",
                  example="KQ.G15.000097"),
            Field("keywords", Text(), "Từ khóa"),
            Field("description", Text(), "Mô tả"),
            _VERBATIM,
        ], shorthand="name", check=_one_row("name", re.compile(r"Mã: ?\S"), "chứa mã của kết quả khác",
                                            "mỗi kết quả một mục, mã ghi ở code"))), "Kết quả thực hiện", example='\n  - name: "Phiếu lý lịch tư pháp"',
            page_only=True),
        Field("legal_bases", ListOf(Struct([
            Field("name", Text(), "Tên văn bản", required=True, example='"Luật Lý lịch tư pháp"'),
            Field("code", Shaped(shapes.legal_code, shapes.LEGAL_CODE_FORM, "số ký hiệu văn bản", shapes.LEGAL_CODE_HINT), "Số ký hiệu",
                  example="28/2009/QH12"),
            _VERBATIM,
        ], shorthand="name")), "Căn cứ pháp lý", example='\n  - name: "Luật Lý lịch tư pháp"\n    code: 28/2009/QH12',
            page_only=True),
        Field("steps", Text(), "Trình tự thực hiện", "Nhiều dòng: viết `steps: |` rồi thụt đầu các dòng.",
              example="|\n  - Bước 1: …\n  - Bước 2: …", page_only=True),
        Field("conditions", Text(), "Yêu cầu, điều kiện", example="|\n  Người yêu cầu phải …", page_only=True),
        Field("related", Text(), "Thủ tục hành chính liên quan", page_only=True),
        _DRAFT,
    ], allow=PAGE_KEYS),
)

def _check_question(values: dict, ctx: Context, path: tuple) -> None:
    asked, answered = values.get("asked"), values.get("answered")
    if asked and answered and answered.first_day() < asked.first_day():
        ctx.errors.append(Invalid(f"ngày trả lời {answered.display()} trước ngày hỏi {asked.display()}",
                                  "kiểm tra lại asked (ngày hỏi) và answered (ngày trả lời)", path + ("answered",)))


def _start_question(start: Start) -> tuple[str, dict, str]:
    values, now = start.values, start.now
    data = {"title": values["title"], "asked": now.date().isoformat(), "question": "Nội dung câu hỏi như người hỏi gửi.",
            "department": start.department("department").code, "answered": now.date().isoformat(), "draft": True}
    if values.get("field"):
        data["field"] = values["field"]
    return (f"docs/hoi-dap/{now.year}/{slugify(values['title'])}.md", data,
            "Viết nội dung trả lời ở đây. Bỏ dòng `draft: true` khi trả lời sẵn sàng đăng.")


def _start_report(start: Start) -> tuple[str, dict, str]:
    values, now = start.values, start.now
    data = {"task": values["task"], "date": now.date().isoformat(), "status": start.choice("status", values.get("status") or
            "dang-thuc-hien"), "department": start.department("department").code,
            "summary": values.get("title") or "Một câu về việc đã làm.", "draft": True}
    return (f"docs/tien-do/{now.year}/{slugify(values['task'])}-{now.date().isoformat()}.md", data,
            "Chi tiết (nếu cần). Bỏ dòng `draft: true` khi báo cáo sẵn sàng đăng.")


REPORT = Kind(
    "report", "Báo cáo tiến độ", "docs/tien-do/<năm>/<tên-tệp>.md",
    readers_label="Tiến độ thực hiện", folder="tien-do", department_field="department", date_field="date",
    renderer="progress:page",
    feed=FeedSpec("tien-do", "Tiến độ thực hiện", "Thay đổi trạng thái các nhiệm vụ cải cách hành chính"),
    editing=Editing("tien-do", "báo cáo", "{{date | date('DD/MM/YYYY')}} · {{task}} · {{status}}",
                    ({"field": "date", "default_sort": "desc"}, "task"), "{{fields.date | date('YYYY')}}/{{fields.task | replace('/', '-')}}-{{fields.date}}",
                    _start_report, ("task", "department"),
                    'scripts/new.py tien-do --task 489-qd-ubnd/3 --department SNV-KH --status hoan-thanh '
                    '--title "Đã tổ chức Hội thi ngày 15/9/2020"'),
    schema=Struct([
        Field("task", Ref("task"), "Nhiệm vụ", "Văn bản và số thứ tự của nhiệm vụ, như trang văn bản ghi.", required=True,
              example="489-qd-ubnd/3"),
        Field("date", DocDateField(), "Ngày báo cáo", required=True, example="2020-09-20"),
        Field("status", Choice({s.code: s.label for s in progress.STATUSES}, "trạng thái"), "Trạng thái",
              f"Mã trong: {', '.join(s.code for s in progress.STATUSES)}.", required=True, example="hoan-thanh"),
        Field("department", Ref("department"), "Cơ quan báo cáo", "Mã cơ quan.", required=True, example="SNV-KH"),
        Field("summary", Text(), "Tóm tắt", "Một câu: đã làm gì, kết quả.", required=True,
              example='"Đã tổ chức Hội thi với 1.200 bài dự thi"'),
        Field("evidence", SitePath(allow_url=True), "Minh chứng", "Tin bài trên cổng (đường dẫn trong docs/) hoặc địa chỉ web.",
              example="tin-tuc/2020/hoi-thi-cchc.md"),
        Field("evidence_document", Ref("document"), "Văn bản minh chứng", "Số ký hiệu văn bản trên cổng.", example="489/QĐ-UBND"),
        Field("sample", Bool(), "Nội dung mẫu", "true: báo cáo mẫu để minh họa, trang ghi rõ như vậy.", example="true"),
        _DRAFT,
    ], allow=PAGE_KEYS),
)


def _check_index_result(values: dict, ctx: Context, path: tuple) -> None:
    if not values.get("score") and not values.get("rank"):
        ctx.errors.append(Invalid("chưa có điểm (score) hay xếp hạng (rank)", "ghi ít nhất một trong hai, như nguồn công bố", path))
    rank = values.get("rank", "")
    if rank and int(rank.split("/")[0]) > int(rank.split("/")[1]):
        ctx.errors.append(Invalid(f"xếp hạng {rank} lớn hơn số đơn vị", "viết thứ hạng/số đơn vị, ví dụ 10/63", path + ("rank",)))


def _number(text: str) -> str | None:
    """`90,49` or `90.49` -> `90.49`; None for what is not a number."""
    found = re.fullmatch(r"(\d{1,4})(?:[.,](\d{1,3}))?", text.strip())
    return f"{found[1]}.{found[2]}" if found and found[2] else (found[1] if found else None)


def _start_index_result(start: Start) -> tuple[str, dict, str]:
    values = start.values
    index = start.choice("index", values["index"])
    unit = start.department("department").code
    data = {"index": index, "year": values["year"], "unit": unit, "published": start.now.date().isoformat(),
            "source": values["source"]}
    data |= {name: values[name] for name in ("score", "rank") if values.get(name)}
    return (f"docs/chi-so/{values['year']}/{index}-{slugify(unit)}.md", data,
            "Ghi chú về kết quả (nếu cần); chỉ số thành phần ghi ở components.")


NUMBER_FORM = r"\d{1,4}(?:[.,]\d{1,3})?"
SCORE = Shaped(_number, NUMBER_FORM, "điểm số", "một con số, phần thập phân sau dấu phẩy, ví dụ 90,49")
INDEX_RESULT = Kind(
    "index_result", "Kết quả chỉ số", "docs/chi-so/<năm>/<chỉ số>-<mã đơn vị>.md",
    readers_label="Chỉ số cải cách hành chính", folder="chi-so", department_field="unit", date_field="published",
    renderer="indices:page",
    editing=Editing("chi-so", "kết quả chỉ số", "{{index}} {{year}} · {{unit}}", ({"field": "year", "default_sort": "desc"}, "index"),
                    "{{fields.year}}/{{fields.index}}-{{fields.unit}}", _start_index_result,
                    ("index", "year", "department", "source"),
                    'scripts/new.py chi-so --index sipas --year 2024 --department UBND-KH --score "83,66" --rank 30/63 '
                    '--source https://…'),
    feed=FeedSpec("chi-so", "Chỉ số cải cách hành chính", "Kết quả các chỉ số cải cách hành chính khi được công bố"),
    schema=Struct([
        Field("index", Choice({i.code: i.short for i in indices.INDICES}, "chỉ số"), "Chỉ số",
              f"Mã trong: {', '.join(i.code for i in indices.INDICES)}.", required=True, example="par-index"),
        Field("year", Text(r"(?:19|20)\d\d", "năm của kết quả, ví dụ 2024", "năm"), "Năm", required=True, example='"2024"'),
        Field("unit", Ref("department"), "Đơn vị được đánh giá", "Mã cơ quan: UBND tỉnh cho kết quả của tỉnh.",
              required=True, example="UBND-KH"),
        Field("score", SCORE, "Điểm", "Bỏ trống nếu nguồn chỉ công bố thứ hạng.", example='"90,49"'),
        Field("rank", Text(r"\d{1,3}/\d{1,3}", "thứ hạng/số đơn vị, ví dụ 10/63", "thứ hạng"), "Xếp hạng", example="10/63"),
        Field("components", ListOf(Struct([
            Field("name", Text(), "Chỉ số thành phần", required=True, example="Cải cách thủ tục hành chính"),
            Field("score", SCORE, "Điểm", required=True, example='"98,85"'),
            Field("maximum", SCORE, "Điểm tối đa", "Mặc định như thang của chỉ số (100%).", example='"6,5"'),
        ])), "Chỉ số thành phần", example='\n  - name: Cải cách thủ tục hành chính\n    score: "98,85"'),
        Field("published", DocDateField(partial=True), "Ngày công bố", required=True, example="2025-04-07"),
        Field("source", URL, "Nguồn", "Địa chỉ bài, văn bản công bố kết quả.", required=True, example="https://…"),
        Field("source_note", Text(), "Ghi chú về nguồn", "Tên nguồn, và số liệu nào suy ra từ nguồn (ví dụ từ mức tăng).",
              example='"Báo Khánh Hòa, 14/4/2025"'),
    ], allow=PAGE_KEYS, check=_check_index_result),
)


QUESTION = Kind(
    "question", "Hỏi đáp", "docs/hoi-dap/<năm>/<tên-tệp>.md",
    readers_label="Hỏi đáp", folder="hoi-dap", department_field="department", date_field="answered",
    renderer="questions:page", printable=True,
    feed=FeedSpec("hoi-dap", "Hỏi đáp", "Câu hỏi, phản ánh của người dân, doanh nghiệp và trả lời của cơ quan"),
    editing=Editing("hoi-dap", "câu hỏi", "{{answered | date('DD/MM/YYYY')}} · {{title}}",
                    ({"field": "answered", "default_sort": "desc"}, "title"),
                    "{{fields.answered | date('YYYY')}}/{{fields.title | truncate(72, '')}}", _start_question,
                    ("title", "department"),
                    'scripts/new.py hoi-dap --title "Cấp Phiếu lý lịch tư pháp mất bao lâu?" --department STP-KH '
                    '--field "Lý lịch tư pháp"'),
    schema=Struct([
        Field("title", Text(), "Câu hỏi (tóm tắt)", "Một câu, như người đọc tìm.", required=True,
              example='"Cấp Phiếu lý lịch tư pháp mất bao lâu?"'),
        Field("question", Text(), "Nội dung câu hỏi", "Như người hỏi gửi (bỏ thông tin cá nhân); nhiều dòng: viết "
              "`question: |` rồi thụt đầu các dòng.", required=True, example="|\n  Tôi muốn xin Phiếu lý lịch tư pháp …"),
        Field("asker", Text(), "Người hỏi", "Chỉ ghi khi người hỏi đồng ý công khai, ví dụ: Ông N.V.A (Nha Trang).",
              example='"Bà T.T.B (Cam Ranh)"'),
        Field("asked", DocDateField(), "Ngày hỏi", required=True, example="2024-05-02"),
        Field("field", Text(), "Lĩnh vực", "Như lĩnh vực của thủ tục liên quan.", example="Lý lịch tư pháp"),
        Field("department", Ref("department"), "Cơ quan trả lời", "Mã cơ quan.", required=True, example="STP-KH"),
        Field("answered", DocDateField(), "Ngày trả lời", required=True, example="2024-05-06"),
        Field("procedures", ListOf(Ref("procedure")), "Thủ tục liên quan", "Mã thủ tục trên cổng.", example='["1.000688"]'),
        Field("documents", ListOf(Ref("document")), "Văn bản liên quan", "Số ký hiệu văn bản trên cổng.",
              example="[489/QĐ-UBND]"),
        _DRAFT,
    ], allow=PAGE_KEYS, check=_check_question),
)

PAGE = Kind(
    "page", "Trang nội dung", "docs/**/*.md", readers_label="Trang",
    schema=Struct([
        Field("title", Text(), "Tiêu đề", example='"Giới thiệu"'),
        Field("description", Text(), "Mô tả", example='"Giới thiệu cổng thông tin"'),
    ], allow=PAGE_KEYS),
)

KINDS = (PLAN, NEWS, PROCEDURE, QUESTION, REPORT, INDEX_RESULT, DEPARTMENT, PAGE)  # in this order in search and the reference page
EDITED = tuple(k for k in (NEWS, PLAN, PROCEDURE, QUESTION, REPORT, INDEX_RESULT, DEPARTMENT) if k.editing)  # the web editor's order


def kind_of(src_uri: str) -> Kind:
    """The kind of a file of docs/ by where it is: a file in a kind's folder (not its index) is one of it."""
    top, _, rest = src_uri.partition("/")
    for kind in KINDS:
        if kind.folder and kind.sources == "docs" and top == kind.folder and rest and rest.rsplit("/", 1)[-1] != "index.md":
            return kind
    return PAGE
