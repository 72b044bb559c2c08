"""`scripts/new.py`: a new news item, plan, procedure or department with front matter that passes the check.

Dates come from the portal's clock (Asia/Ho_Chi_Minh, `CCHC_NOW` in tests); the department is
chosen from the registry (a code that does not exist gets the nearest codes as a suggestion);
file names are readable slugs. A new news item starts as a draft.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import clock, frontmatter
from .content import DEPARTMENTS_DIR
from .kinds import EDITED, Start
from .registry import Department, Registry
from .schema import Context, Invalid, ListOf, nearest

COMMANDS = {kind.editing.command: kind for kind in EDITED}


class Refused(ValueError):
    pass


def _department(code: str, registry: Registry) -> Department:
    found = {d.code: d for d in registry.departments}
    if code in found:
        return found[code]
    close = nearest(code, list(found))
    raise Refused(f"không có cơ quan mã {code!r}" + (f"; có phải: {', '.join(close)}?" if close else "")
                  + f" Danh sách: {', '.join(found)}")


def _choice(kind, field_name: str, value: str) -> str:
    """A code of the field's vocabulary, as the validator reads it (a code or its label, in any case)."""
    spec = kind.schema.fields[field_name].type
    vocabulary = spec.item if isinstance(spec, ListOf) else spec
    try:
        return vocabulary.coerce(value, Context(), (field_name,))
    except Invalid:
        raise Refused(f"{vocabulary.description} {value!r} không có; chọn một trong: {', '.join(vocabulary.options)}") from None


def create(command: str, root: Path, values: dict[str, str]) -> Path:
    kind = COMMANDS.get(command)
    if kind is None:
        raise Refused(f"không có loại nội dung {command!r}")
    registry = Registry.load(root / "docs" / DEPARTMENTS_DIR)
    start = Start(values, clock.now(), lambda option: _department(values[option], registry),
                  lambda field_name, value: _choice(kind, field_name, value))
    try:
        relative, data, body = kind.editing.start(start)
    except ValueError as error:  # a kind's own refusal (a value it cannot do without)
        raise Refused(str(error)) from None
    path = root / relative
    if path.exists():
        raise Refused(f"đã có tệp {path.relative_to(root)}: đổi tiêu đề hoặc mã")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(frontmatter.dump(data, body), encoding="utf-8")
    return path


EXAMPLES = "ví dụ:\n" + "".join(f"  {kind.reader_name.lower()}:\n    {kind.editing.example}\n" for kind in EDITED)


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
    parser.add_argument("kind", choices=list(COMMANDS), help="loại nội dung")
    parser.add_argument("--title", help="tiêu đề tin, trích yếu văn bản, tên thủ tục hoặc tên cơ quan")
    parser.add_argument("--department", help="mã cơ quan (cơ quan đăng tin, ban hành, chủ trì; cơ quan cấp trên)")
    parser.add_argument("--code", help="mã thủ tục hoặc mã cơ quan mới")
    parser.add_argument("--category", help="chuyên mục tin")
    parser.add_argument("--type", help="loại văn bản")
    parser.add_argument("--area", help="lĩnh vực CCHC của văn bản")
    parser.add_argument("--field", help="lĩnh vực của thủ tục")
    parser.add_argument("--level", help="cấp của cơ quan")
    parser.add_argument("--province", help="tỉnh của cơ quan")
    parser.add_argument("--task", help="nhiệm vụ của báo cáo tiến độ: văn bản/số thứ tự, ví dụ 489-qd-ubnd/3")
    parser.add_argument("--status", help="trạng thái của báo cáo tiến độ")
    parser.add_argument("--index", help="chỉ số (par-index, sipas, papi, pci, ict-index)")
    parser.add_argument("--year", help="năm của kết quả chỉ số")
    parser.add_argument("--score", help="điểm của kết quả chỉ số")
    parser.add_argument("--rank", help="xếp hạng của kết quả chỉ số, ví dụ 10/63")
    parser.add_argument("--source", help="địa chỉ nguồn công bố kết quả chỉ số")
    parser.add_argument("--root", type=Path, default=Path("."), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    missing = [f"--{n}" for n in COMMANDS[args.kind].editing.needs if not getattr(args, n)]
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
