"""What HTML a page may carry: one allow-list, checked in the editor's Markdown and enforced on the output.

Python-Markdown passes raw HTML, `attr_list` attributes and any link scheme through untouched. The check
(`find_unsafe`) tells the editor where, by line; the sanitizer (`sanitize`, the `nh3` library) removes from
the rendered page whatever the allow-list does not name, so a construct the check missed still cannot run.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import nh3

TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del", "details",
    "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "section", "small", "span", "strong", "sub",
    "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
    # The procedure finder's form, written by the portal itself.
    "form", "input", "label", "select", "option", "button", "nav",
})
ANY_TAG = frozenset({"id", "class", "title", "lang", "dir", "role", "hidden", "tabindex"})
ATTRIBUTES = {
    "a": {"href", "rel", "download", "hreflang", "type"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "style"}, "th": {"colspan", "rowspan", "scope", "style"},
    "col": {"span"}, "colgroup": {"span"}, "ol": {"start", "reversed", "type"}, "li": {"value"},
    "time": {"datetime"}, "details": {"open"}, "q": {"cite"}, "blockquote": {"cite"},
    "form": {"action", "method"}, "input": {"type", "name", "value", "placeholder", "autocomplete"},
    "select": {"name"}, "option": {"value", "selected"}, "button": {"type"}, "label": {"for"},
    "span": {"style"},  # the progress bars' segments (cchc/render/progress.py); an editor's `style=` is refused
}
ATTRIBUTE_PREFIXES = frozenset({"data-", "aria-"})
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
STYLE_PROPERTIES = frozenset({"text-align", "width"})  # tables align columns; progress bars size their segments
_EVERY_ATTRIBUTE = ANY_TAG.union(*ATTRIBUTES.values())


# Made once: `nh3.clean` converts the allow-list for every call (a sixth of sanitizing ten thousand pages).
_CLEANER = nh3.Cleaner(tags=set(TAGS), clean_content_tags={"script", "style"},
                       attributes={"*": set(ANY_TAG), **{t: set(a) for t, a in ATTRIBUTES.items()}},
                       generic_attribute_prefixes=set(ATTRIBUTE_PREFIXES), url_schemes=set(URL_SCHEMES),
                       filter_style_properties=set(STYLE_PROPERTIES), link_rel=None, strip_comments=True)


def sanitize(page_html: str) -> str:
    """The page with every tag, attribute, URL scheme and style the allow-list does not name removed."""
    return _CLEANER.clean(page_html)


_FENCE = re.compile(r"^([ \t]*)(`{3,}|~{3,})[^\n]*\n.*?^\1?[ \t]*\2[ \t]*$", re.M | re.S)
_CODE_SPAN = re.compile(r"(`+)[^`\n].*?\1", re.S)
# A name followed by `:` or `@` is an autolink (`<https://…>`, `<a@b.vn>`), not a tag.
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)(?![:@.a-zA-Z0-9-])((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", re.S)
_ATTRIBUTE = re.compile(r"([^\s\"'>/=]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+)))?")
# `{: #id .class key=value }` after a block or an inline element (the attr_list extension).
_ATTR_LIST = re.compile(r"\{:?[ \t]*((?:[#.][^\s}]+|[^\s}=]+=(?:\"[^\"]*\"|'[^']*'|[^\s}]+))(?:[ \t]+[^}\n]*)?)\}")
# `[text](target "title")`, and reference definitions `[name]: target` (not footnotes, `[^1]: …`), which may sit
# in a blockquote or a list item: `> [r]: url`, `- [r]: url`, `1. [r]: url`.
_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)"
                   r"|^(?:[ \t]*(?:>|[-*+]|\d+[.)])[ \t]*)*\[(?!\^)[^\]\n]+\]:[ \t]*<?(\S+?)>?(?:[ \t]|$)", re.M)
_AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]*:[^\s>]*)>")
_URL_ATTRIBUTES = frozenset({"href", "src", "action", "cite", "formaction", "xlink:href", "poster", "data", "values", "to", "from"})


@dataclass(frozen=True)
class Unsafe:
    line: int  # 1-based, within the text given
    message: str
    hint: str


def _blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def without_code(markdown: str) -> str:
    """The Markdown with code blocks and spans blanked (lines kept): what is written there is not markup."""
    return _CODE_SPAN.sub(_blank, _FENCE.sub(_blank, markdown))


def link_targets(markdown: str):
    """(position, target) of every link and reference definition a Markdown text (code blanked) writes."""
    for link in _LINK.finditer(markdown):
        yield link.start(), link.group(1) or link.group(2)


def _scheme(url: str) -> str | None:
    """The scheme a browser would read in `url` (entities and control characters undone), or None if relative."""
    plain = re.sub(r"[\s\x00-\x1f]", "", html.unescape(url)).lower()
    match = re.match(r"([a-z][a-z0-9+.-]*):", plain)
    return match.group(1) if match else None


def _bad_url(url: str) -> bool:
    scheme = _scheme(url)
    return scheme is not None and scheme not in URL_SCHEMES


def _link(line: int, written: str) -> Unsafe:
    return Unsafe(line, f"liên kết `{written}` không phải địa chỉ trang web (chỉ nhận {', '.join(sorted(URL_SCHEMES))})",
                  "dùng địa chỉ https://… hoặc đường dẫn tới trang trong cổng")


def _attribute_problem(line: int, where: str, name: str, value: str | None, allowed: set[str]) -> Unsafe | None:
    name = name.lower()
    if name.startswith("on"):
        return Unsafe(line, f"thuộc tính {name}= {where} chạy mã JavaScript", f"xóa thuộc tính {name}=…")
    if name == "style" or not (name in allowed or any(name.startswith(p) for p in ATTRIBUTE_PREFIXES)):
        return Unsafe(line, f"thuộc tính {name}= {where} không được dùng trong bài",
                      "xóa thuộc tính này; định dạng bằng Markdown (tiêu đề, danh sách, bảng, chữ đậm)")
    if value is not None and name in _URL_ATTRIBUTES and _bad_url(value):
        return _link(line, f"{name}={value}")
    return None


def find_unsafe(markdown: str) -> list[Unsafe]:
    """Every place where the Markdown would put HTML the allow-list refuses into the page, code excepted."""
    text = without_code(markdown)
    found: list[Unsafe] = []

    def line_at(pos: int) -> int:
        return text.count("\n", 0, pos) + 1

    for tag in _TAG.finditer(text):
        name, line = tag.group(2).lower(), line_at(tag.start())
        if tag.group(1):
            continue
        if name not in TAGS:
            found.append(Unsafe(line, f"thẻ HTML <{name}> không được dùng trong bài",
                                "bỏ thẻ này; định dạng bằng Markdown, hoặc liên hệ quản trị cổng nếu cần nhúng nội dung"))
            continue
        allowed = set(ANY_TAG) | ATTRIBUTES.get(name, set()) | {"markdown"}
        for attribute in _ATTRIBUTE.finditer(tag.group(3)):
            value = next((v for v in attribute.group(2, 3, 4) if v is not None), None)
            problem = _attribute_problem(line, f"trong thẻ <{name}>", attribute.group(1), value, allowed)
            if problem:
                found.append(problem)
    for attr_list in _ATTR_LIST.finditer(text):
        line = line_at(attr_list.start())
        for attribute in _ATTRIBUTE.finditer(attr_list.group(1)):
            if attribute.group(1)[0] in "#.":
                continue
            value = next((v for v in attribute.group(2, 3, 4) if v is not None), None)
            problem = _attribute_problem(line, "trong {: … }", attribute.group(1), value, set(_EVERY_ATTRIBUTE))
            if problem:
                found.append(problem)
    targets = [*link_targets(text), *((a.start(), a.group(1)) for a in _AUTOLINK.finditer(text))]
    for position, target in targets:
        if _bad_url(target):
            found.append(_link(line_at(position), target))
    return sorted(found, key=lambda u: u.line)


# What a page of the portal may load and run: its own files only, no inline script (so text that slipped
# through as HTML still cannot run), style attributes only for the tables' column alignment.
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'", "script-src 'self'", "style-src 'self'", "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:", "font-src 'self'", "connect-src 'self'", "object-src 'none'", "frame-src 'none'",
    "base-uri 'self'", "form-action 'self'",
])
# The web editor (/admin/) is a third-party application: its config validator compiles code (`unsafe-eval`), its
# styles are injected at run time, and it talks to the forge's API. No reader's page is served under it.
EDITOR_POLICY = "; ".join([
    "default-src 'self'", "script-src 'self' 'unsafe-eval' 'unsafe-inline'", "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:", "font-src 'self' data:", "connect-src 'self' https://api.github.com https://gitlab.com",
    "frame-src 'self' blob:", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'",
])
# Headers a server sends beside it; `frame-ancestors` works only as a header, never in a <meta>.
SERVER_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY + "; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}
