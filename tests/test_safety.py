from cchc.safety import find_unsafe


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
