"""The content kinds of the portal, each declared once.

The validator, the editors' reference page and the page renderers all read these declarations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import procedure_shapes as shapes
from . import vocab
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
class Kind:
    name: str
    label: str
    where: str
    schema: Struct


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


DEPARTMENT = Kind(
    "department", "Cơ quan", "docs/co-quan/<mã>.md",
    Struct([
        Field("code", Text(CODE_PATTERN, "chữ và số viết liền, nối bằng gạch ngang, ví dụ SNV-KH", "mã cơ quan"),
              "Mã cơ quan", "Mã ngắn, duy nhất trên cổng; các văn bản, tin bài dẫn tới cơ quan bằng mã này.",
              required=True, example="STP-KH"),
        Field("name", Text(), "Tên đầy đủ", required=True, example="Sở Tư pháp tỉnh Khánh Hòa"),
        Field("short_name", Text(), "Tên ngắn", "Dùng trong danh sách và bảng.", example="Sở Tư pháp"),
        Field("level", Choice(vocab.DEPARTMENT_LEVELS), "Cấp", required=True, example="so-nganh"),
        Field("parent", Ref("department"), "Cơ quan cấp trên", "Mã của cơ quan cấp trên.", example="UBND-KH"),
        Field("province", Text(), "Tỉnh, thành phố", required=True, example="Khánh Hòa"),
        Field("address", Text(), "Địa chỉ", example='"Số 1 Trần Phú, Nha Trang"'),
        Field("phone", Text(r"\+?[0-9 .()\-]{6,20}", "chỉ chữ số, dấu cách, dấu chấm, ví dụ \"0258 3822 001\"", "số điện thoại"),
              "Điện thoại", example='"0258 3822 001"'),
        Field("email", Text(r"[^@\s]+@[^@\s]+\.[a-zA-Z]{2,}", "ví dụ stp@khanhhoa.gov.vn", "thư điện tử"),
              "Thư điện tử", example="stp@khanhhoa.gov.vn"),
        Field("website", Text(r"https?://\S+", "viết đủ https://, ví dụ https://stp.khanhhoa.gov.vn", "địa chỉ web"),
              "Trang thông tin điện tử", example="https://stp.khanhhoa.gov.vn"),
        Field("roles", ListOf(Choice(vocab.AGENCY_ROLES, "vai trò")), "Vai trò",
              "Cơ quan này làm vai trò nào khi nhập thủ tục từ Cổng DVC quốc gia; mỗi vai trò một cơ quan. "
              f"Mã trong: {', '.join(vocab.AGENCY_ROLES)}.", example="[so-tu-phap]"),
        Field("head", Struct([
            Field("name", Text(), "Họ và tên", required=True, example="Nguyễn Văn A"),
            Field("position", Text(), "Chức vụ", required=True, example="Giám đốc"),
        ]), "Người đứng đầu", example="\n  name: Nguyễn Văn A\n  position: Giám đốc"),
    ], allow=PAGE_KEYS),
)

PLAN = Kind(
    "plan", "Văn bản (kế hoạch, quyết định, …)", "plans/<tên-tệp>.md",
    Struct([
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
            Field("tasks", ListOf(Text(), min_items=1), "Nhiệm vụ", required=True, example='\n      - "Chủ trì …"'),
        ])), "Phân công thực hiện", example="\n  - to: Sở Nội vụ\n    departments: [SNV-KH]\n    tasks:\n      - \"Chủ trì …\""),
        Field("attached", Struct([
            Field("doc_type", Choice({t: t for t in vocab.DOCUMENT_TYPES}, "loại văn bản"), "Loại văn bản", required=True,
                  example="Kế hoạch"),
            Field("title", Text(), "Trích yếu", required=True, example='"Tuyên truyền cải cách hành chính năm 2020"'),
        ]), "Văn bản ban hành kèm theo", "Kế hoạch, quy chế… mà quyết định này ban hành.",
            example="\n  doc_type: Kế hoạch\n  title: Tuyên truyền cải cách hành chính năm 2020"),
        Field("attachment", SitePath(), "Tệp văn bản gốc", "Tệp PDF/DOCX đặt trong docs/, ví dụ files/489-qd-ubnd.pdf."),
        Field("slug", SLUG, "Đường dẫn", "Mặc định lấy theo tên tệp.", example="ke-hoach-tuyen-truyen-2020"),
        _DRAFT,
    ], check=_check_plan),
)

NEWS = Kind(
    "news", "Tin tức", "docs/tin-tuc/<năm>/<tên-tệp>.md",
    Struct([
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

_URL = Text(r"https?://\S+", "viết đủ địa chỉ, bắt đầu bằng https://", "địa chỉ web")
# A row the importer could not split into columns: the portal's text as it is, reported at import.
_VERBATIM = Field("verbatim", Bool(), "Giữ nguyên văn", "true: dòng chép nguyên văn từ Cổng DVC quốc gia vì không tách "
                  "được thành cột; sửa tay rồi bỏ dòng này.", example="true")


def _one_row(field_name: str, wrong: re.Pattern, what: str, hint: str):
    """A row check: `field_name` must not hold what belongs to another column (unless kept verbatim)."""
    def check(values: dict, ctx: Context, path: tuple) -> None:
        if not values.get("verbatim") and wrong.search(values.get(field_name, "")):
            ctx.errors.append(Invalid(f"{field_name} {what}: {values[field_name][:80]!r}", hint, path + (field_name,)))
    return check

PROCEDURE = Kind(
    "procedure", "Thủ tục hành chính", "docs/thu-tuc/<mã>.md",
    Struct([
        Field("code", Text(r"[0-9A-Za-z]+(?:[.\-][0-9A-Za-z]+)*", "như trên Cơ sở dữ liệu quốc gia về TTHC, ví dụ \"1.001456\"",
                           "mã thủ tục"),
              "Mã thủ tục", "Tên tệp là mã này, dấu chấm thay bằng gạch ngang.", required=True, example='"1.001456"'),
        Field("name", Text(), "Tên thủ tục", required=True, example='"Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam"'),
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
        Field("online_url", _URL, "Địa chỉ nộp hồ sơ trực tuyến", example="https://dichvucong.gov.vn/…"),
        Field("portal_url", _URL, "Trang thủ tục trên Cổng Dịch vụ công quốc gia", example="https://dichvucong.gov.vn/…"),
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
            example='\n  - method: truc-tiep\n    time: "5 ngày làm việc"\n    fee: "Miễn phí"'),
        Field("documents", ListOf(Struct([
            Field("group", Text(), "Nhóm giấy tờ", example='"Giấy tờ phải nộp"'),
            Field("name", Text(), "Tên giấy tờ", required=True, example='"Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp"'),
            Field("forms", ListOf(Shaped(shapes.form_file, shapes.FORM_FILE_FORM, "tên tệp mẫu", shapes.FORM_HINT)), "Mẫu đơn, tờ khai",
                  example="[Mẫu số 03.docx]"),
            Field("quantity", Text(), "Số lượng", example='"1 bản chính"'),
            _VERBATIM,
        ], shorthand="name", check=_one_row("name", shapes.FORM_IN_TEXT, "có tên tệp mẫu",
                                            "chuyển tên tệp mẫu sang forms"))), "Thành phần hồ sơ",
            example='\n  - name: "Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp"\n    quantity: "1 bản chính"'),
        Field("results", ListOf(Struct([
            Field("name", Text(), "Kết quả", required=True, example='"Phiếu lý lịch tư pháp"'),
            Field("code", Text(shapes.RESULT_CODE_FORM, shapes.RESULT_CODE_HINT, "mã kết quả"), "Mã kết quả",
                  example="KQ.G15.000097"),
            Field("keywords", Text(), "Từ khóa"),
            Field("description", Text(), "Mô tả"),
            _VERBATIM,
        ], shorthand="name", check=_one_row("name", re.compile(r"Mã: ?\S"), "chứa mã của kết quả khác",
                                            "mỗi kết quả một mục, mã ghi ở code"))), "Kết quả thực hiện", example='\n  - name: "Phiếu lý lịch tư pháp"'),
        Field("legal_bases", ListOf(Struct([
            Field("name", Text(), "Tên văn bản", required=True, example='"Luật Lý lịch tư pháp"'),
            Field("code", Shaped(shapes.legal_code, shapes.LEGAL_CODE_FORM, "số ký hiệu văn bản", shapes.LEGAL_CODE_HINT), "Số ký hiệu",
                  example="28/2009/QH12"),
            _VERBATIM,
        ], shorthand="name")), "Căn cứ pháp lý", example='\n  - name: "Luật Lý lịch tư pháp"\n    code: 28/2009/QH12'),
        Field("steps", Text(), "Trình tự thực hiện", "Nhiều dòng: viết `steps: |` rồi thụt đầu các dòng.",
              example="|\n  - Bước 1: …\n  - Bước 2: …"),
        Field("conditions", Text(), "Yêu cầu, điều kiện", example="|\n  Người yêu cầu phải …"),
        Field("related", Text(), "Thủ tục hành chính liên quan"),
        _DRAFT,
    ], allow=PAGE_KEYS),
)

PAGE = Kind(
    "page", "Trang nội dung", "docs/**/*.md",
    Struct([
        Field("title", Text(), "Tiêu đề", example='"Giới thiệu"'),
        Field("description", Text(), "Mô tả", example='"Giới thiệu cổng thông tin"'),
    ], allow=PAGE_KEYS),
)

KINDS = (PLAN, DEPARTMENT, NEWS, PROCEDURE, PAGE)
