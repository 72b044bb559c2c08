"""The editors' reference page, written from the kind declarations so it never falls behind them."""

from __future__ import annotations

from .kinds import KINDS, Kind
from .render.markdown import text
from .schema import Field, ListOf, Struct

URI = "huong-dan/truong-du-lieu.md"


def _rows(fields: dict[str, Field], prefix: str = "") -> list[str]:
    rows = []
    for spec in fields.values():
        name = prefix + spec.name
        example = f"`{spec.example}`" if spec.example and "\n" not in spec.example else ("xem mẫu" if spec.example else "")
        note = text(spec.help) if spec.help else ""
        rows.append(f"| `{name}` | {text(spec.label)}{'<br>' + note if note else ''} | {text(spec.type.description)} | "
                    f"{'**bắt buộc**' if spec.required else 'không'} | {example} |")
        inner = spec.type.item if isinstance(spec.type, ListOf) else spec.type
        if isinstance(inner, Struct):
            rows += _rows(inner.fields, f"{name}{'[]' if isinstance(spec.type, ListOf) else ''}.")
    return rows


def example_front_matter(kind: Kind) -> str:
    """A front matter using every field's example: what an editor can copy."""
    lines = [f"{f.name}: {f.example}".rstrip() for f in kind.schema.fields.values() if f.example]
    return "\n".join(["---", *lines, "---"])


def reference_page() -> str:
    parts = [
        "# Các trường dữ liệu",
        "",
        "Mỗi văn bản, cơ quan, tin tức là một tệp Markdown. Đầu tệp là phần khai báo giữa hai dòng `---` "
        "(YAML), sau đó là nội dung. Trang này liệt kê mọi trường của từng loại nội dung; nó được sinh tự động "
        "từ chính bộ quy tắc kiểm tra nội dung, nên luôn khớp với những gì bản dựng chấp nhận.",
        "",
        "Lưu ý khi viết:",
        "",
        "- Giá trị có dấu hai chấm `:` hoặc bắt đầu bằng ký tự đặc biệt thì đặt trong ngoặc kép: `title: \"Kế hoạch: năm 2025\"`.",
        "- Ngày viết dạng năm-tháng-ngày: `2024-03-05`; giờ Việt Nam.",
        "- Đúng/sai viết `true` hoặc `false`. Các giá trị khác luôn được hiểu là chữ (ví dụ `NO`, `12:30`).",
        "- Kiểm tra nhanh trước khi gửi: `make check`.",
        "- Trình soạn thảo hiểu YAML (như VS Code với tiện ích YAML) có thể gợi ý và kiểm tra các trường bằng lược đồ "
        "JSON Schema của cổng: " + ", ".join(f"[{kind.label}](../schemas/{kind.name}.json)" for kind in KINDS) + ".",
        "",
    ]
    for kind in KINDS:
        parts += [f"## {kind.label}", "", f"Tệp: `{kind.where}`", "",
                  "| Trường | Ý nghĩa | Kiểu | Bắt buộc | Ví dụ |", "|---|---|---|---|---|"]
        parts += _rows(kind.schema.fields)
        parts += ["", "Mẫu:", "", "```yaml", example_front_matter(kind), "```", ""]
    return "\n".join(parts)
