"""Front matter parsed by us, with the line of every value.

MkDocs silently drops front matter it cannot parse, and PyYAML guesses types (`NO` is False,
`12:30` is 750, `2024-03-05` a date object). Here YAML decides only structure, `true`/`false`
and empty values; every other scalar stays the text the editor wrote, and the content schema
gives it its type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from .text import nfc


# libyaml's parser when PyYAML has it (its wheels do): YAML reading is most of the cost of loading a site.
class _ContentLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    pass


_ContentLoader.yaml_implicit_resolvers = {}
_ContentLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_ContentLoader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])

_DELIMITER = re.compile(r"^---[ \t]*$")
_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$")

Path = tuple  # (field, index, subfield, ...)


class FrontMatterError(ValueError):
    def __init__(self, line: int, message: str, hint: str):
        super().__init__(message)
        self.line = line
        self.hint = hint


@dataclass
class Document:
    """A Markdown source: its front matter as plain data, the line of each value, and its body."""

    data: dict[str, Any]
    lines: dict[Path, int]
    body: str
    body_line: int  # line number of the body's first line in the file
    has_front_matter: bool

    def line_of(self, path: Path) -> int:
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return 1


_YAML_HINTS = [
    ("mapping values are not allowed", "giá trị có dấu hai chấm (:) phải đặt trong ngoặc kép, ví dụ title: \"Kế hoạch: năm 2025\""),
    ("found character '\\t'", "YAML không nhận ký tự Tab: thụt lề bằng dấu cách"),
    ("could not find expected ':'", "mỗi dòng viết dạng `tên_trường: giá trị`; giá trị nhiều dòng hoặc có ký tự đặc biệt đặt trong ngoặc kép"),
    ("found unexpected end of stream", "kiểm tra ngoặc kép mở mà chưa đóng"),
    ("while scanning a quoted scalar", "kiểm tra ngoặc kép mở mà chưa đóng"),
    ("found undefined alias", "dấu * ở đầu giá trị có nghĩa riêng trong YAML: đặt giá trị trong ngoặc kép"),
    ("expected alphabetic or numeric character", "dấu * hoặc & ở đầu giá trị có nghĩa riêng trong YAML: đặt giá trị trong ngoặc kép"),
    ("found character '%'", "dấu % hoặc @ ở đầu giá trị: đặt giá trị trong ngoặc kép"),
    ("found character '@'", "dấu % hoặc @ ở đầu giá trị: đặt giá trị trong ngoặc kép"),
    ("did not find expected key", "kiểm tra thụt lề: các trường cùng cấp phải thẳng cột"),
    ("did not find expected '-' indicator", "kiểm tra thụt lề của danh sách: các dòng `- ` phải thẳng cột"),
]


def _yaml_error(error: yaml.YAMLError, offset: int) -> FrontMatterError:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = mark.line + offset if mark else offset
    problem = getattr(error, "problem", None) or str(error)
    hint = next((h for key, h in _YAML_HINTS if key in str(error)), "kiểm tra cú pháp YAML ở dòng này và dòng ngay trên")
    return FrontMatterError(line, f"phần đầu YAML không đọc được: {problem}", hint)


def split(text: str) -> tuple[str | None, int, str, int]:
    """(yaml text or None, line of its first line, body, line of the body's first line)."""
    lines = text.split("\n")
    if not lines or not _DELIMITER.match(lines[0]):
        return None, 0, text, 1
    for index in range(1, len(lines)):
        if _END.match(lines[index]):
            return "\n".join(lines[1:index]), 2, "\n".join(lines[index + 1 :]), index + 2
    raise FrontMatterError(1, "phần đầu YAML mở bằng `---` nhưng không có dòng `---` đóng", "thêm một dòng `---` sau trường cuối cùng")


def parse(text: str) -> Document:
    """Parse a Markdown source. Raises FrontMatterError for YAML that cannot be read."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    raw, offset, body, body_line = split(text)
    if raw is None:
        return Document({}, {}, body, body_line, has_front_matter=False)
    data, lines = _front_matter(raw, offset)
    return Document(data, lines, body, body_line, has_front_matter=True)


def _front_matter(raw: str, offset: int) -> tuple[dict, dict]:
    """The data and lines of one front matter."""
    try:
        node = yaml.compose(raw, Loader=_ContentLoader)
    except yaml.YAMLError as error:
        raise _yaml_error(error, offset) from None
    lines: dict[Path, int] = {}
    if node is None:
        return {}, lines
    if not isinstance(node, yaml.MappingNode):
        raise FrontMatterError(offset, "phần đầu YAML phải là các dòng `tên_trường: giá trị`", "ví dụ:\n    title: \"Tiêu đề\"")
    return _build(node, (), lines, offset), lines


def _build(node: yaml.Node, path: Path, lines: dict[Path, int], offset: int, seen: set[int] | None = None) -> Any:
    seen = set() if seen is None else seen
    if id(node) in seen:  # an alias (*name): expanding them lets a few lines grow into gigabytes
        line = next((lines[path[:i]] for i in range(len(path), 0, -1) if path[:i] in lines), node.start_mark.line + offset)
        raise FrontMatterError(line, "không dùng neo và bí danh YAML (&tên, *tên)",
                               "viết đầy đủ giá trị ở mỗi trường; nếu giá trị bắt đầu bằng * hoặc &, đặt nó trong ngoặc kép")
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        seen.add(id(node))
    lines.setdefault(path, node.start_mark.line + offset)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise FrontMatterError(key_node.start_mark.line + offset, "tên trường phải là chữ", "viết `tên_trường: giá trị`")
            key = nfc(key_node.value)
            line = key_node.start_mark.line + offset
            if key in result:
                raise FrontMatterError(line, f"trường `{key}` được khai báo hai lần", "xóa một trong hai dòng")
            lines[path + (key,)] = line
            result[key] = _build(value_node, path + (key,), lines, offset, seen)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (index,), lines, offset, seen) for index, item in enumerate(node.value)]
    if node.tag == "tag:yaml.org,2002:null":
        return None
    if node.tag == "tag:yaml.org,2002:bool":
        return node.value.lower() == "true"
    return node.value


class _Writer(yaml.SafeDumper):
    pass


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    # Several lines as a `|` block, so editors read them as written.
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Writer.add_representer(str, _text)


def dump(data: dict[str, Any], body: str = "") -> str:
    """A Markdown source with `data` as front matter: what `parse` reads back as the same data."""
    front = yaml.dump(data, Dumper=_Writer, allow_unicode=True, sort_keys=False, width=100_000, default_flow_style=False)
    return f"---\n{front}---\n" + (f"\n{body.strip()}\n" if body.strip() else "")
