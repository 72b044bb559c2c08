"""The building blocks of content declarations: field types that check, convert and describe values.

A content kind (see `kinds.py`) is a `Struct` of `Field`s. From that one declaration come the
validator, the editors' reference page and whatever else needs to know the fields.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

from .dates import DateError, parse_datetime, parse_doc_date
from .text import fold


class Invalid(Exception):
    def __init__(self, message: str, hint: str = "", path: tuple = ()):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.path = path


@dataclass
class Context:
    """What checking one file collects besides its values: errors, warnings, references to check later."""

    errors: list[Invalid] = field(default_factory=list)
    warnings: list[Invalid] = field(default_factory=list)
    references: list[tuple[str, str, tuple]] = field(default_factory=list)  # (registry, code, path)
    paths: list[tuple[str, tuple]] = field(default_factory=list)  # (site path, path)


def nearest(word: str, candidates: Sequence[str], n: int = 3) -> list[str]:
    folded = {fold(c): c for c in candidates}
    return [folded[m] for m in difflib.get_close_matches(fold(word), list(folded), n=n, cutoff=0.5)]


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "đúng/sai (true/false)"
    if isinstance(value, list):
        return "danh sách"
    if isinstance(value, dict):
        return "nhóm trường"
    return "chữ"


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class FieldType:
    description = ""

    def coerce(self, value: Any, ctx: Context, path: tuple) -> Any:
        raise NotImplementedError

    def example_value(self) -> Any:
        return None


class Text(FieldType):
    def __init__(self, pattern: str | None = None, hint: str = "", description: str = "chữ"):
        self.pattern = re.compile(pattern) if pattern else None
        self.hint = hint
        self.description = description

    def text(self, value: Any) -> str:
        if isinstance(value, (bool, list, dict)):
            raise Invalid(f"cần {self.description}, nhận được {_type_name(value)}", self.hint or "viết giá trị trên cùng dòng với tên trường")
        control = _CONTROL.search(value)
        if control:  # invisible, and refused by feeds' XML
            raise Invalid(f"có ký tự điều khiển không nhìn thấy (mã {ord(control.group()):#04x}) ở vị trí {control.start() + 1}",
                          "gõ lại giá trị này, hoặc dán dưới dạng chữ thuần (Ctrl+Shift+V)")
        return " ".join(value.split()) if "\n" not in value.strip() else value.strip()

    def coerce(self, value, ctx, path):
        value = self.text(value)
        if self.pattern and not self.pattern.fullmatch(value):
            raise Invalid(f"{value!r} không đúng dạng {self.description}", self.hint)
        return value


class Shaped(Text):
    """A text of a known shape (a duration, an amount): `form` is the pattern editors' tools read, `check`
    the full test, which may also write the value in one form (`120,000 VNĐ` -> `120.000 đồng`)."""

    def __init__(self, check: Callable[[str], str | bool | None], form: str, description: str, hint: str):
        super().__init__(hint=hint, description=description)
        self.check = check
        self.form = f"^(?:{form})$"

    def coerce(self, value, ctx, path):
        text = self.text(value)
        result = self.check(text)
        if not result:
            raise Invalid(f"{text!r} không đúng dạng {self.description}", self.hint)
        return result if isinstance(result, str) else text


class Choice(Text):
    """One of a fixed vocabulary; editors may write the code or the label."""

    def __init__(self, options: Mapping[str, str], description: str = "một giá trị trong danh mục"):
        super().__init__(description=description)
        self.options = dict(options)
        self._lookup = {fold(k): k for k in options} | {fold(v): k for k, v in options.items()}

    def coerce(self, value, ctx, path):
        value = self.text(value)
        code = self._lookup.get(fold(value))
        if code is None:
            close = nearest(value, list(self.options) + list(self.options.values()))
            suggestion = f"có phải: {', '.join(close)}? " if close else ""
            raise Invalid(f"{value!r} không có trong danh mục", f"{suggestion}các giá trị hợp lệ: {', '.join(self.options)}")
        return code


class Ref(Text):
    """The code of an entry of another kind (a department, a procedure, a document's symbol), checked once every
    file is read."""

    DESCRIPTIONS = {"department": "mã cơ quan", "procedure": "mã thủ tục", "document": "số ký hiệu văn bản",
                    "task": "nhiệm vụ (văn bản/số thứ tự)"}

    def __init__(self, registry: str):
        super().__init__(description=self.DESCRIPTIONS[registry])
        self.registry = registry

    def coerce(self, value, ctx, path):
        code = super().coerce(value, ctx, path)
        ctx.references.append((self.registry, code, path))
        return code


class Bool(FieldType):
    description = "true hoặc false"

    def coerce(self, value, ctx, path):
        if isinstance(value, bool):
            return value
        raise Invalid(f"cần true hoặc false, nhận được {value!r}", "viết true (có) hoặc false (không), không đặt trong ngoặc kép")


class DocDateField(Text):
    """A document's date: full, or year-month where the original leaves the day blank."""

    def __init__(self, partial: bool = False):
        super().__init__(description="ngày (YYYY-MM-DD" + (", YYYY-MM hoặc YYYY" if partial else "") + ")")
        self.partial = partial

    @property
    def form(self) -> str:
        """The written form as a regular expression, for editors' tools (JSON Schema, the CMS)."""
        return r"^\d{4}(-\d{1,2}(-\d{1,2})?)?$" if self.partial else r"^\d{4}-\d{1,2}-\d{1,2}$"

    def coerce(self, value, ctx, path):
        try:
            return parse_doc_date(self.text(value), partial=self.partial)
        except DateError as error:
            raise Invalid(str(error), error.hint) from None


class DateTimeField(Text):
    form = r"^\d{4}-\d{1,2}-\d{1,2}([T ]\d{1,2}:\d{2}(:\d{2})?)?$"

    def __init__(self):
        super().__init__(description="ngày, có thể kèm giờ (YYYY-MM-DD hoặc YYYY-MM-DD HH:MM)")

    def coerce(self, value, ctx, path):
        try:
            return parse_datetime(self.text(value))
        except DateError as error:
            raise Invalid(str(error), error.hint) from None


class Period(Text):
    """A year (`2024`) or a range of years (`2021-2025`)."""

    _PATTERN = re.compile(r"(\d{4})(?:\s*[-–—]\s*(\d{4}))?")
    form = f"^{_PATTERN.pattern}$"

    def __init__(self):
        super().__init__(description="năm hoặc giai đoạn (2024 hoặc 2021-2025)")

    def coerce(self, value, ctx, path):
        text = self.text(value)
        match = self._PATTERN.fullmatch(text)
        if not match:
            raise Invalid(f"{text!r} không phải năm hay giai đoạn", "viết một năm (2024) hoặc hai năm nối bằng gạch ngang (2021-2025)")
        start, end = int(match[1]), int(match[2] or match[1])
        if end < start:
            raise Invalid(f"giai đoạn {text!r} kết thúc trước khi bắt đầu", f"viết {end}-{start}")
        return (start, end)


class SitePath(Text):
    """A file of the site (relative to docs/), or a web address where `allow_url`."""

    _PATH = r"(?![a-zA-Z][a-zA-Z0-9+.-]*:)(?!(?:.*/)?\.\.(?:/|$))[^\\]+"  # no scheme, no `..` segment

    def __init__(self, allow_url: bool = False):
        super().__init__(description="đường dẫn tệp trong docs/" + (" hoặc địa chỉ https://" if allow_url else ""))
        self.allow_url = allow_url

    @property
    def form(self) -> str:
        """The written form as a regular expression, for editors' tools (JSON Schema, the CMS)."""
        url = r"https?://\S+|" if self.allow_url else ""
        return f"^(?:{url}/?{self._PATH})$"

    def coerce(self, value, ctx, path):
        text = self.text(value)
        if re.match(r"^[a-z]+:", text, re.I):
            if self.allow_url and re.match(r"^https?://", text, re.I):
                return text
            raise Invalid(f"{text!r} không được dùng ở đây", "viết đường dẫn tệp tính từ thư mục docs/, ví dụ files/ke-hoach-02.pdf")
        text = text.lstrip("/")
        if "\\" in text:
            raise Invalid(f"{text!r} có dấu \\", "đường dẫn trên web dùng dấu /, ví dụ files/ke-hoach-02.pdf")
        if ".." in text.split("/"):
            raise Invalid(f"{text!r} ra ngoài thư mục docs/", "viết đường dẫn tính từ docs/, không có `..`, ví dụ files/ke-hoach-02.pdf")
        ctx.paths.append((text, path))
        return text


class ListOf(FieldType):
    def __init__(self, item: FieldType, min_items: int = 0):
        self.item = item
        self.min_items = min_items
        self.description = f"danh sách {item.description}"

    def coerce(self, value, ctx, path):
        if value is None:
            value = []
        if not isinstance(value, list):
            if isinstance(self.item, Struct) or isinstance(value, (dict, bool)):
                raise Invalid(f"cần {self.description}, nhận được {_type_name(value)}", "mỗi phần tử một dòng, bắt đầu bằng `- `")
            value = [value]  # a single item written without `- `
        if len(value) < self.min_items:
            raise Invalid(f"cần ít nhất {self.min_items} phần tử", "mỗi phần tử một dòng, bắt đầu bằng `- `")
        result = []
        for index, item in enumerate(value):
            try:
                result.append(self.item.coerce(item, ctx, path + (index,)))
            except Invalid as error:
                ctx.errors.append(Invalid(error.message, error.hint, error.path or path + (index,)))
        return result


@dataclass(frozen=True)
class Field:
    name: str
    type: FieldType
    label: str
    help: str = ""
    required: bool = False
    example: str = ""  # as written in YAML
    # Read only by the item's own page and its kind's open data: a rebuild, which reads every item's check back and
    # makes few pages, unpickles it only where asked for (`content.Checked`).
    page_only: bool = False


class Struct(FieldType):
    """A group of named fields. `shorthand` lets a plain text stand for its main field."""

    def __init__(self, fields: Sequence[Field], shorthand: str | None = None, allow: Sequence[str] = (),
                 check: Callable[[dict, Context, tuple], None] | None = None):
        self.fields = {f.name: f for f in fields}
        self.shorthand = shorthand
        self.allow = set(allow)
        self.check = check
        self.description = "nhóm trường" + (" (hoặc chỉ một dòng chữ)" if shorthand else "")

    def coerce(self, value, ctx, path):
        if self.shorthand and isinstance(value, str):
            value = {self.shorthand: value}
        if not isinstance(value, dict):
            raise Invalid(f"cần {self.description}, nhận được {_type_name(value)}", "viết các trường con thụt vào dưới tên trường")
        result: dict[str, Any] = {}
        for key, raw in value.items():
            spec = self.fields.get(key)
            if spec is None:
                if key not in self.allow:
                    close = nearest(key, list(self.fields))
                    hint = f"có phải `{close[0]}`?" if close else f"các trường hợp lệ: {', '.join(self.fields)}"
                    ctx.errors.append(Invalid(f"trường `{key}` không có trong mẫu", hint, path + (key,)))
                continue
            if raw is None or raw == "" or raw == []:
                continue  # an empty value counts as not given
            try:
                result[key] = spec.type.coerce(raw, ctx, path + (key,))
            except Invalid as error:
                ctx.errors.append(Invalid(error.message, error.hint, error.path or path + (key,)))
        for spec in self.fields.values():
            if spec.required and spec.name not in result and not any(e.path[: len(path) + 1] == path + (spec.name,) for e in ctx.errors):
                example = f"{spec.name}: {spec.example}" if spec.example else ""
                ctx.errors.append(Invalid(f"thiếu trường bắt buộc `{spec.name}` ({spec.label})", f"thêm dòng: {example}" if example else "", path))
        if self.check:
            self.check(result, ctx, path)
        return result
