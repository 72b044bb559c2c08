"""Who runs the portal (Nghị định 42/2022/NĐ-CP, Điều 9): the managing body, the person responsible, a licence if
any, an address, a phone and an e-mail, shown in the footer of every page; and the links to the national
public-service portal and related portals. Set once in `mkdocs.yml` (`extra.portal`), declared and checked here
like a content kind; where the address, phone or e-mail is not set it is the operating department's own."""

from __future__ import annotations

from dataclasses import dataclass, field

from .content import url_of
from .kinds import EMAIL, PHONE, URL
from .schema import Context, Field, ListOf, Ref, Struct, Text

MISSING = "Chưa cập nhật"

PORTAL = Struct([
    Field("managing_body", Ref("department"), "Cơ quan chủ quản", "Mã cơ quan.", required=True, example="UBND-KH"),
    Field("operator", Ref("department"), "Cơ quan quản lý, vận hành cổng", "Mã cơ quan; địa chỉ, điện thoại, thư điện tử "
          "của cổng mặc định là của cơ quan này.", example="SNV-KH"),
    Field("responsible", Struct([
        Field("name", Text(), "Họ và tên", example="Nguyễn Văn A"),
        Field("position", Text(), "Chức vụ", required=True, example="Giám đốc Sở Nội vụ"),
    ]), "Người chịu trách nhiệm chính", required=True, example="\n  name: Nguyễn Văn A\n  position: Giám đốc Sở Nội vụ"),
    Field("licence", Text(), "Giấy phép", "Số, ngày giấy phép thiết lập trang thông tin, nếu có."),
    Field("address", Text(), "Địa chỉ"),
    Field("phone", PHONE, "Điện thoại"),
    Field("email", EMAIL, "Thư điện tử"),
    Field("links", ListOf(Struct([
        Field("title", Text(), "Tên", required=True, example="Cổng Dịch vụ công quốc gia"),
        Field("url", URL, "Địa chỉ", required=True, example="https://dichvucong.gov.vn"),
    ])), "Liên kết", "Cổng Dịch vụ công quốc gia, cổng của tỉnh và các cơ quan liên quan."),
    Field("feedback", Struct([
        Field("national", URL, "Hệ thống tiếp nhận phản ánh, kiến nghị quốc gia", example="https://dichvucong.gov.vn"),
        Field("hotline", PHONE, "Đường dây nóng", example='"0258 1022"'),
        Field("email", EMAIL, "Thư điện tử nhận câu hỏi", example="hoidap@khanhhoa.gov.vn"),
        Field("form", URL, "Biểu mẫu gửi câu hỏi trực tuyến", example="https://khanhhoa.gov.vn/hoi-dap"),
        Field("address", Text(), "Địa chỉ nhận thư", example='"Số 1 Trần Phú, Nha Trang"'),
    ]), "Kênh gửi câu hỏi, phản ánh, kiến nghị", "Trang Gửi câu hỏi, phản ánh, kiến nghị liệt kê các kênh này."),
])

# The feedback page's channels, in its order: (field, what readers read, the address's scheme).
_CHANNELS = (("national", "Hệ thống tiếp nhận phản ánh, kiến nghị (Cổng Dịch vụ công quốc gia)", ""),
             ("hotline", "Đường dây nóng", "tel:"), ("email", "Thư điện tử", "mailto:"),
             ("form", "Biểu mẫu trực tuyến", ""), ("address", "Gửi thư tới", None))


@dataclass
class PortalInfo:
    """What the footer shows; `rows` are (term, text, page address in the site or "", other address or "")."""
    rows: list[tuple[str, str, str, str]] = field(default_factory=list)
    links: list[dict] = field(default_factory=list)
    feedback: list[tuple[str, str, str]] = field(default_factory=list)  # (channel, text, address or "")


def _where(path: tuple) -> str:
    return "extra.portal" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)


def resolve(configured, departments: dict) -> tuple[PortalInfo, list[str], list[str]]:
    """The footer's information, the errors (in Vietnamese, with what to write) and the warnings (what the decree
    asks for that is missing)."""
    if not configured:
        return PortalInfo(), ["extra.portal: chưa khai báo thông tin cổng (Nghị định 42/2022/NĐ-CP); thêm vào mkdocs.yml:\n"
                              "extra:\n  portal:\n    managing_body: UBND-KH\n    responsible:\n      position: Giám đốc Sở Nội vụ"], []
    ctx = Context()
    values = PORTAL.coerce(configured, ctx, ())
    errors = [f"{_where(e.path)}: {e.message}" + (f" → {e.hint}" if e.hint else "") for e in ctx.errors]
    for _registry, code, path in ctx.references:
        if code not in departments:
            errors.append(f"{_where(path)}: không có cơ quan mã {code!r} → viết mã của một tệp trong docs/co-quan/")
    if errors:
        return PortalInfo(), errors, []

    def department_row(term: str, code: str) -> tuple[str, str, str, str]:
        return term, departments[code]["name"], url_of(departments[code].src_uri), ""

    info, warnings = PortalInfo(links=values.get("links", [])), []
    info.rows.append(department_row("Cơ quan chủ quản", values["managing_body"]))
    operator = departments.get(values.get("operator") or values["managing_body"])
    if values.get("operator"):
        info.rows.append(department_row("Cơ quan quản lý, vận hành", values["operator"]))
    person = values["responsible"]
    info.rows.append(("Chịu trách nhiệm chính", " ".join(filter(None, [person["position"], person.get("name")])), "", ""))
    if not person.get("name"):
        warnings.append("extra.portal.responsible.name: Nghị định 42/2022 yêu cầu ghi họ tên người chịu trách nhiệm chính")
    if values.get("licence"):
        info.rows.append(("Giấy phép", values["licence"], "", ""))
    for name, term, scheme in (("address", "Địa chỉ", None), ("phone", "Điện thoại", "tel:"), ("email", "Thư điện tử", "mailto:")):
        value = values.get(name) or operator.get(name)
        if not value:
            warnings.append(f"extra.portal.{name}: chưa có {term.lower()} của cổng (và của {operator['code']}); chân trang "
                            f"ghi “{MISSING}”")
        info.rows.append((term, value or MISSING, "", _href(value, scheme)))
    feedback = values.get("feedback", {})
    for name, what, scheme in _CHANNELS:
        value = feedback.get(name)
        if not value:
            warnings.append(f"extra.portal.feedback.{name}: chưa có {what.lower()}; trang gửi câu hỏi ghi “{MISSING}”")
        info.feedback.append((what, value or MISSING, _href(value, scheme)))
    return info, [], warnings


def _href(value: str | None, scheme: str | None) -> str:
    """A link to the value: a phone number dialled, an address written to, a web address as it is; none for text."""
    if not value or scheme is None:
        return ""
    return scheme + ("".join(c for c in value if c.isdigit() or c == "+") if scheme == "tel:" else value)
