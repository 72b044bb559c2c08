"""Raw HTML in Markdown that could run script. Python-Markdown passes it through untouched."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

_FENCE = re.compile(r"^([ \t]*)(`{3,}|~{3,})[^\n]*\n.*?^\1?[ \t]*\2[ \t]*$", re.M | re.S)
_CODE_SPAN = re.compile(r"(`+)[^`\n].*?\1", re.S)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", re.S)
_EVENT_ATTR = re.compile(r"(?:^|[\s\"'/])(on[a-z]+)\s*=", re.I)
_URL_ATTR = re.compile(r"(?:href|src|action|formaction|xlink:href|data|poster)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.I)
_MD_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)|^[ \t]*\[[^\]\n]+\]:[ \t]*<?(\S+)", re.M)
_DANGEROUS_SCHEME = re.compile(r"^(?:javascript|vbscript|data:text/html)", re.I)
_ACTIVE_TAGS = {"script", "iframe", "object", "embed", "base", "frame", "frameset", "applet", "meta"}


@dataclass(frozen=True)
class Unsafe:
    line: int  # 1-based, within the text given
    message: str
    hint: str


def _blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def _scheme(url: str) -> str:
    return re.sub(r"[\s\x00-\x1f]", "", html.unescape(url)).lower()


def _script_link(line: int, written: str) -> Unsafe:
    return Unsafe(line, f"liên kết `{written}` chạy mã thay vì mở trang",
                  "dùng địa chỉ https://… hoặc đường dẫn tới trang trong cổng")


def find_unsafe(markdown: str) -> list[Unsafe]:
    """Every place where the Markdown would put script into the page, code blocks excepted."""
    text = _CODE_SPAN.sub(_blank, _FENCE.sub(_blank, markdown))
    found: list[Unsafe] = []

    def line_at(pos: int) -> int:
        return text.count("\n", 0, pos) + 1

    for tag in _TAG.finditer(text):
        name = tag.group(2).lower()
        if name in _ACTIVE_TAGS and not tag.group(1):
            found.append(Unsafe(line_at(tag.start()), f"thẻ HTML <{name}> có thể chạy mã trên trang",
                                "bỏ thẻ này; nếu cần nhúng nội dung, liên hệ quản trị cổng"))
        for event in _EVENT_ATTR.finditer(tag.group(3)):
            found.append(Unsafe(line_at(tag.start()), f"thuộc tính {event.group(1)}= trong thẻ <{name}> chạy mã JavaScript",
                                f"xóa thuộc tính {event.group(1)}=…"))
        for url in _URL_ATTR.finditer(tag.group(3)):
            if _DANGEROUS_SCHEME.match(_scheme(url.group(1) or url.group(2) or url.group(3))):
                found.append(_script_link(line_at(tag.start()), url.group(0)))
    for link in _MD_LINK.finditer(text):
        url = link.group(1) or link.group(2) or ""
        if _DANGEROUS_SCHEME.match(_scheme(url)):
            found.append(_script_link(line_at(link.start()), url))
    return sorted(found, key=lambda u: u.line)
