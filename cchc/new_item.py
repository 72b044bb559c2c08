"""`scripts/new.py`: a new news item, plan, procedure or department with front matter that passes the check.

Dates come from the portal's clock (Asia/Ho_Chi_Minh, `CCHC_NOW` in tests); the department is
chosen from the registry (a code that does not exist gets the nearest codes as a suggestion);
file names are readable slugs. A new news item starts as a draft.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import clock, frontmatter, vocab
from .content import DEPARTMENTS_DIR, NEWS_DIR, PROCEDURES_DIR
from .registry import Department, Registry
from .schema import nearest
from .text import slugify


class Refused(ValueError):
    pass


def _department(code: str, registry: Registry) -> Department:
    found = {d.code: d for d in registry.departments}
    if code in found:
        return found[code]
    close = nearest(code, list(found))
    raise Refused(f"không có cơ quan mã {code!r}" + (f"; có phải: {', '.join(close)}?" if close else "")
                  + f" Danh sách: {', '.join(found)}")


def _choice(value: str, options: dict[str, str], what: str) -> str:
    if value in options:
        return value
    codes = {v.lower(): k for k, v in options.items()}
    if value.lower() in codes:
        return codes[value.lower()]
    raise Refused(f"{what} {value!r} không có; chọn một trong: {', '.join(options)}")


def create(kind: str, root: Path, values: dict[str, str]) -> Path:
    now = clock.now()
    registry = Registry.load(root / "docs" / DEPARTMENTS_DIR)
    if kind == "tin-tuc":
        department = _department(values["department"], registry)
        category = _choice(values.get("category") or "tin-hoat-dong", vocab.NEWS_CATEGORIES, "chuyên mục")
        data = {"title": values["title"], "date": now.strftime("%Y-%m-%d %H:%M"), "department": department.code,
                "categories": [category], "draft": True}
        path = root / "docs" / NEWS_DIR / str(now.year) / f"{slugify(values['title'])}.md"
        body = "Viết nội dung tin ở đây. Bỏ dòng `draft: true` khi tin sẵn sàng đăng."
    elif kind == "van-ban":
        issuer = _department(values["department"], registry)
        doc_type = _choice(values.get("type") or "Kế hoạch", {t: t for t in vocab.DOCUMENT_TYPES}, "loại văn bản")
        area = _choice(values.get("area") or "thu-tuc-hanh-chinh", vocab.CCHC_AREAS, "lĩnh vực")
        data = {"doc_type": doc_type, "issuer": issuer.code, "place": issuer.province,
                "issued": now.date().isoformat(), "title": values["title"], "period": str(now.year), "areas": [area],
                "draft": True}
        title = values["title"]
        named = title if slugify(title).startswith(slugify(doc_type)) else f"{doc_type} {title}"
        path = root / "plans" / f"{now.year}-{slugify(named)}.md"
        body = ("Dán toàn văn ở đây, hoặc nhập từ tệp Word: scripts/import_plans.py. "
                "Bỏ dòng `draft: true` khi văn bản sẵn sàng đăng.")
    elif kind == "thu-tuc":
        department = _department(values["department"], registry)
        data = {"code": values["code"], "name": values["title"], "department": department.code,
                "field": values.get("field") or "Chưa phân loại", "levels": ["cap-tinh"], "draft": True}
        path = root / "docs" / PROCEDURES_DIR / f"{slugify(values['code'])}.md"
        body = "Ghi chú của cơ quan (nếu có). Bỏ dòng `draft: true` khi thủ tục sẵn sàng đăng."
    elif kind == "co-quan":
        parent = _department(values["department"], registry) if values.get("department") else None
        level = _choice(values.get("level") or "so-nganh", vocab.DEPARTMENT_LEVELS, "cấp")
        province = values.get("province") or (parent.province if parent else "")
        if not province:
            raise Refused("cần tỉnh của cơ quan: thêm --province \"Khánh Hòa\", hoặc --department MÃ-CƠ-QUAN-CẤP-TRÊN")
        data = {"code": values["code"], "name": values["title"], "level": level, "province": province}
        if parent:
            data["parent"] = parent.code
        path = root / "docs" / DEPARTMENTS_DIR / f"{slugify(values['code'])}.md"
        body = "Giới thiệu chức năng, nhiệm vụ của cơ quan."
    else:
        raise Refused(f"không có loại nội dung {kind!r}")
    if path.exists():
        raise Refused(f"đã có tệp {path.relative_to(root)}: đổi tiêu đề hoặc mã")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(frontmatter.dump(data, body), encoding="utf-8")
    return path


EXAMPLES = """ví dụ:
  tin tức (bản nháp, ngày giờ hiện tại):
    scripts/new.py tin-tuc --title "Hội nghị tập huấn cải cách hành chính" --department SNV-KH --category tin-hoat-dong
  văn bản (bản nháp):
    scripts/new.py van-ban --title "Tuyên truyền cải cách hành chính năm 2026" --department UBND-KH --type "Kế hoạch"
  thủ tục hành chính (bản nháp):
    scripts/new.py thu-tuc --title "Cấp Phiếu lý lịch tư pháp" --code 1.001234 --department STP-KH --field "Lý lịch tư pháp"
  cơ quan:
    scripts/new.py co-quan --title "Sở Nội vụ tỉnh Khánh Hòa" --code SNV-KH --province "Khánh Hòa" --level so-nganh
"""


class _Vietnamese(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, prefix="cách dùng: ")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"lỗi: {message}\n(xem ví dụ: scripts/new.py --help)\n")


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(description="Tạo tệp nội dung mới với phần đầu YAML đúng mẫu", epilog=EXAMPLES,
                     formatter_class=_Vietnamese, add_help=False)
    parser._positionals.title, parser._optionals.title = "loại", "tùy chọn"
    parser.add_argument("-h", "--help", action="help", help="in hướng dẫn này rồi thoát")
    parser.add_argument("kind", choices=["tin-tuc", "van-ban", "thu-tuc", "co-quan"], help="loại nội dung")
    parser.add_argument("--title", help="tiêu đề tin, trích yếu văn bản, tên thủ tục hoặc tên cơ quan")
    parser.add_argument("--department", help="mã cơ quan (cơ quan đăng tin, ban hành, chủ trì; cơ quan cấp trên)")
    parser.add_argument("--code", help="mã thủ tục hoặc mã cơ quan mới")
    parser.add_argument("--category", help="chuyên mục tin")
    parser.add_argument("--type", help="loại văn bản")
    parser.add_argument("--area", help="lĩnh vực CCHC của văn bản")
    parser.add_argument("--field", help="lĩnh vực của thủ tục")
    parser.add_argument("--level", help="cấp của cơ quan")
    parser.add_argument("--province", help="tỉnh của cơ quan")
    parser.add_argument("--root", type=Path, default=Path("."), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    needs = {"tin-tuc": ["title", "department"], "van-ban": ["title", "department"],
             "thu-tuc": ["title", "department", "code"], "co-quan": ["title", "code"]}
    missing = [f"--{n}" for n in needs[args.kind] if not getattr(args, n)]
    if missing:
        codes = [d.code for d in Registry.load(args.root / "docs" / DEPARTMENTS_DIR).departments]
        parser.error(f"thiếu {', '.join(missing)}" + (f"; mã cơ quan: {', '.join(codes)}" if "--department" in missing else ""))
    try:
        path = create(args.kind, args.root, {k: v for k, v in vars(args).items() if isinstance(v, str)})
    except (Refused, clock.ClockError) as error:
        print(f"lỗi: {error}", file=sys.stderr)
        return 2
    print(f"Đã tạo {path}. Mở tệp để viết nội dung, rồi chạy make check.")
    return 0
