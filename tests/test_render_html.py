"""Generated pages written as HTML: ids and table of contents as Python-Markdown makes them, links as MkDocs
writes them, listings split into pages, and indexes that stay small however many documents there are."""

import re

import markdown

from cchc.content import Layout, load_site
from cchc.render import html, plans
from cchc.render.html import HtmlPage
from cchc.text import heading_slug

HEADINGS = [(1, "Tin tức"), (2, "Đường bộ"), (3, "Chi tiết"), (2, "Đường bộ"), (2, "Cải cách & đổi mới"), (1, "Khác")]


def test_headings_get_the_ids_and_toc_of_the_markdown_toc_extension():
    page = HtmlPage("tin-tuc/index.md")
    for level, text in HEADINGS:
        page.heading(level, text)
    converter = markdown.Markdown(extensions=["toc"], extension_configs={"toc": {"slugify": heading_slug}})
    converted = converter.convert("\n\n".join("#" * level + " " + text for level, text in HEADINGS))
    assert re.findall(r'id="([^"]+)"', page.html) == re.findall(r'id="([^"]+)"', converted)

    def shape(tokens):
        return [(t["level"], t["id"], t["name"], shape(t["children"])) for t in tokens]
    assert shape(page.toc) == shape(converter.toc_tokens)
    assert 'title="Liên kết tới mục này">¶</a></h2>' in page.html


def test_a_count_beside_a_heading_is_not_part_of_its_anchor():
    page = HtmlPage("van-ban/index.md")
    page.heading(2, "2024", " (3)")
    assert '<h2 id="2024">2024 (3)<a class="headerlink" href="#2024"' in page.html and page.toc[0]["name"] == "2024"


def test_links_between_pages_are_relative_directory_urls():
    assert html.href("tin-tuc/index.md", "tin-tuc/chuyen-muc/the-che/index.md") == "chuyen-muc/the-che/"
    assert html.href("tin-tuc/trang-2.md", "tin-tuc/index.md") == "../"
    assert html.href("tin-tuc/2025/a.md", "co-quan/snv-kh.md") == "../../../co-quan/snv-kh/"
    assert html.href("co-quan/snv-kh.md", "index.md") == "../../"
    assert html.href("index.md", "van-ban/index.md", "2024") == "van-ban/#2024"
    assert html.href("van-ban/index.md", "van-ban/index.md") == "./"
    assert html.link("<b>Sở</b>", "index.md", "tim-kiem.md") == '<a href="tim-kiem/">&lt;b&gt;Sở&lt;/b&gt;</a>'


def test_a_long_list_is_split_into_linked_pages_each_with_its_own_relative_links():
    items = [lambda here, n=n: f"<li>{html.link(f'Mục {n}', here, 'index.md')}</li>" for n in range(25)]
    pages = html.paginated("tin-tuc/index.md", "Tin tức", lambda here: [f"<p>{html.link('Về đầu', here, 'index.md')}</p>"],
                           items, 10, "Chưa có tin nào.")
    assert list(pages) == ["tin-tuc/index.md", "tin-tuc/trang-2.md", "tin-tuc/trang-3.md"]
    first, last = pages["tin-tuc/index.md"][1].html, pages["tin-tuc/trang-3.md"][1].html
    assert first.count("<li>") == 10 and last.count("<li>") == 5 and pages["tin-tuc/trang-3.md"][0] == "Tin tức – trang 3"
    assert '<a href="../">Về đầu</a>' in first and '<a href="../../">Về đầu</a>' in last
    assert "Trang 1/3 · <a href=\"trang-2/\">Cũ hơn →</a>" in first and '<a href="../trang-2/">← Mới hơn</a> · Trang 3/3' in last
    assert "Chưa có tin nào." in html.paginated("a/index.md", "A", lambda here: [], [], 10, "Chưa có tin nào.")["a/index.md"][1].html


def test_a_listing_of_lines_is_named_page_by_page_and_made_only_when_read():
    """A rebuild places a listing page whose name (`Listed.key`: everything it is made of) is unchanged without making
    it: an edited line renames the page it lands on, and no other; what a page is made into is what the same items
    given as plain functions make."""
    def listing(titles: list[str]) -> dict:
        lines = [html.Line("<li>", html.escape(t), f"tin-tuc/2024/tin-{n}.md", " · 01/01/2024</li>") for n, t in enumerate(titles)]
        return html.paginated("tin-tuc/index.md", "Tin tức", lambda here: ["<p>25 tin</p>"], lines, 10, "Chưa có tin nào.")

    titles = [f"Tin {n}" for n in range(25)]
    first, again = listing(titles), listing(titles)
    assert all(isinstance(page, html.Listed) and "page" not in vars(page) for _title, page in first.values())
    assert [page.key for _t, page in first.values()] == [page.key for _t, page in again.values()]
    edited = listing(titles[:12] + ["Tin 12 (sửa)"] + titles[13:])
    assert [a.key == b.key for (_t, a), (_u, b) in zip(first.values(), edited.values())] == [True, False, True]
    plain = html.paginated("tin-tuc/index.md", "Tin tức", lambda here: ["<p>25 tin</p>"],
                           [lambda here, line=line: line(here) for line in
                            [html.Line("<li>", html.escape(t), f"tin-tuc/2024/tin-{n}.md", " · 01/01/2024</li>")
                             for n, t in enumerate(titles)]], 10, "Chưa có tin nào.")
    assert [page.page.source for _t, page in first.values()] == [page.source for _t, page in plain.values()]
    assert '<li><a href="../2024/tin-12/">Tin 12</a> · 01/01/2024</li>' in first["tin-tuc/trang-2.md"][1].page.html


def test_plan_indexes_preview_each_group_and_list_only_the_groups_when_there_are_many(small_site, monkeypatch):
    site = load_site(Layout.at(small_site))
    pages = plans.index_pages(site)
    by_year = pages["van-ban/index.md"][1].html
    assert "489/QĐ-UBND" in by_year and 'href="nam/2020/"' not in by_year  # one document: nothing more to see
    assert plans.group_uri("year", "2020") in pages and plans.group_uri("issuer", "Ủy ban nhân dân tỉnh Khánh Hòa") in pages
    monkeypatch.setattr(plans, "MAX_PREVIEWED_GROUPS", 0)
    monkeypatch.setattr(plans, "PREVIEW", 0)
    by_issuer = plans.index_pages(site)["van-ban/theo-co-quan.md"][1].html
    assert "489/QĐ-UBND" not in by_issuer
    assert '<li><a href="../co-quan/uy-ban-nhan-dan-tinh-khanh-hoa/">Ủy ban nhân dân tỉnh Khánh Hòa</a> (1)</li>' in by_issuer
