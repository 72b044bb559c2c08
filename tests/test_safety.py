from cchc.safety import find_unsafe, sanitize


def lines(markdown: str) -> list[int]:
    return [u.line for u in find_unsafe(markdown)]


def test_script_tag():
    assert lines("Đoạn\n\n<script>alert(1)</script>\n") == [3]


def test_event_attribute_across_lines():
    found = find_unsafe('<img src="x.png"\n     onerror="alert(1)">\n')
    assert [(u.line, "onerror" in u.message) for u in found] == [(1, True)]


def test_javascript_urls_in_markdown_and_html_even_obfuscated():
    assert lines("[a](javascript:alert(1))\n[b]: jav&#x61;script:x\n<a href=' JaVaScRiPt:x'>c</a>\n") == [1, 2, 3]


def test_code_is_not_html():
    assert lines("```html\n<script>x</script>\n```\n\nDùng `<script>` trong mã.\n") == []


def test_ordinary_html_and_links_pass():
    assert lines('<div class="note" markdown>\n[Cổng](https://dichvucong.gov.vn)\n</div>\n') == []


def test_attr_list_attributes():
    text = "![a](a.png){: onerror=alert(1) }\n\n[x](a.md){: href=\"javascript:alert(1)\" }\n\n## H {: onmouseover=alert(1) }\n\n## Đẹp {: #dep .lead }\n"
    found = find_unsafe(text)
    assert [u.line for u in found] == [1, 3, 5]
    assert "onerror" in found[0].message and "javascript:alert(1)" in found[1].message


def test_reference_definitions_in_blockquotes_and_lists():
    assert lines("> [r1]: javascript:alert(1)\n\n- [r2]: vbscript:x\n\n1. [r3]: data:text/html,x\n\n[ok]: https://a.vn\n") == [1, 3, 5]


def test_svg_style_and_unknown_tags_are_refused():
    text = ('<svg><animate attributeName="href" values="javascript:alert(1)"/></svg>\n'
            "<style>body{display:none}</style>\n"
            '<link rel="stylesheet" href="https://x.vn/a.css">\n'
            '<p style="display:none">x</p>\n')
    found = find_unsafe(text)
    assert [u.line for u in found] == [1, 1, 2, 3, 4]
    assert "<svg>" in found[0].message and "style=" in found[-1].message


def test_autolinks_and_emails_are_not_tags():
    assert lines("Xem <https://dichvucong.gov.vn> hoặc viết <cchc@khanhhoa.gov.vn>.\n\n<javascript:alert(1)>\n") == [3]


def test_sanitize_keeps_what_pages_use_and_drops_the_rest():
    kept = ('<h2 id="a">A<a class="headerlink" href="#a" title="Permanent link">¶</a></h2>'
            '<table><tbody><tr><td data-label="Phí" style="text-align: right;">1</td></tr></tbody></table>')
    assert sanitize(kept) == kept.replace("text-align: right;", "text-align:right")
    dropped = sanitize('<p onclick="x()">a</p><script>alert(1)</script><style>p{}</style><a href="javascript:x">b</a>'
                       '<img src=x onerror=alert(1)><p style="display:none">c</p><svg><animate values="javascript:x"/></svg>')
    assert dropped == '<p>a</p><a>b</a><img src="x"><p>c</p>'
