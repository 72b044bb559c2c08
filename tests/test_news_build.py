"""The bundled site's news and feeds, built as of a fixed moment."""

import json
import re

import feedparser
import pytest

from cchc import search
from conftest import REPO, mkdocs_build, write

NOW = {"CCHC_NOW": "2026-11-25T12:00"}
SITE = "https://cchc.example.gov.vn/"
DRAFT_WORD, SCHEDULED_WORD = "dunglenbanhap", "chohengiodang"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("news") / "site"
    result = mkdocs_build(REPO, "--site-dir", str(out), env=NOW)
    assert result.returncode == 0, result.stderr
    return out


def test_every_feed_on_the_subscribe_page_parses_with_items(built):
    page = (built / "theo-doi/index.html").read_text(encoding="utf-8")
    listed = re.findall(r'data-copy="(https://cchc\.example\.gov\.vn/feeds/[^"]+)"', page)
    assert len(listed) > 10 and all(url.endswith("/rss.xml") for url in listed)
    folders = {url.rsplit("/", 1)[0] for url in listed}
    every = sorted(SITE + p.relative_to(built).as_posix() for p in (built / "feeds").rglob("*.*"))
    urls = [url for url in every if url.rsplit("/", 1)[0] in folders]  # the Atom and JSON beside each listed RSS
    assert len(urls) == 3 * len(listed) < len(every)
    for url in every:  # listed exactly when it carries something: an empty feed is a dead end
        data = (built / url[len(SITE):]).read_bytes()
        if url.endswith(".json"):
            feed = json.loads(data)
            assert feed["version"] == "https://jsonfeed.org/version/1.1" and feed["feed_url"] == url
            assert bool(feed["items"]) == (url in urls), url
            continue
        parsed = feedparser.parse(data)
        assert not parsed.bozo, (url, parsed.bozo_exception)
        assert bool(parsed.entries) == (url in urls), url
        for entry in parsed.entries:
            assert entry.link.startswith(SITE)
            assert not re.search(r'(?:href|src)="(?!https?://|mailto:|tel:)', entry.content[0].value), url


def test_site_news_feed_carries_the_newest_items(built):
    parsed = feedparser.parse((built / "feeds/tin-tuc/rss.xml").read_bytes())
    assert len(parsed.entries) == 20  # feed_limit in mkdocs.yml
    assert parsed.entries[0].title == "Sổ tay hướng dẫn thủ tục hành chính dành cho người nước ngoài"
    assert parsed.entries[0].published == "Mon, 01 Dec 2025 00:00:00 +0700"


def test_department_feed_has_its_news_and_its_plans(built):
    parsed = feedparser.parse((built / "feeds/co-quan/sngv-kg/atom.xml").read_bytes())
    titles = [e.title for e in parsed.entries]
    assert len(titles) == 7  # its five news items, its plan, and the report on the plan's first task
    assert any(t.startswith("Kế hoạch (chưa có số, /KH-SNgV)") for t in titles)
    assert "Đang thực hiện: nhiệm vụ 1 của Kế hoạch (chưa có số, /KH-SNgV)" in titles


def test_pages_advertise_the_feeds_that_fit_them(built):
    department = (built / "co-quan/sngv-kg/index.html").read_text(encoding="utf-8")
    assert f'href="{SITE}feeds/co-quan/sngv-kg/rss.xml"' in department
    assert f'href="{SITE}feeds/tin-tuc/atom.xml"' in department
    category = (built / "tin-tuc/chuyen-muc/chinh-quyen-so/index.html").read_text(encoding="utf-8")
    assert f'href="{SITE}feeds/chuyen-muc/chinh-quyen-so/feed.json"' in category


def test_drafts_and_scheduled_items_are_nowhere(built):
    for path in built.rglob("*"):
        if path.is_file() and path.suffix != ".gz":
            data = path.read_bytes()
            assert DRAFT_WORD.encode() not in data and SCHEDULED_WORD.encode() not in data, path
    assert not (built / "tin-tuc/2027").exists()


def test_a_scheduled_item_appears_on_its_day(tmp_path):
    out = tmp_path / "site"
    assert mkdocs_build(REPO, "--site-dir", str(out), env={"CCHC_NOW": "2027-01-15T08:00"}).returncode == 0
    assert (out / "tin-tuc/2027/hoi-nghi-tong-ket-cchc-2026/index.html").is_file()
    assert SCHEDULED_WORD in (out / "feeds/tin-tuc/rss.xml").read_text(encoding="utf-8")
    assert DRAFT_WORD not in (out / "sitemap.xml").read_text(encoding="utf-8")


def test_two_builds_are_byte_identical(built, tmp_path):
    again = tmp_path / "site"
    assert mkdocs_build(REPO, "--site-dir", str(again), env=NOW).returncode == 0
    for path in built.rglob("*"):
        if path.is_file():
            assert path.read_bytes() == (again / path.relative_to(built)).read_bytes(), path
    assert "<lastmod>2025-12-01</lastmod>" in (built / "sitemap.xml").read_text(encoding="utf-8")


def test_news_page_shows_its_metadata_and_neighbours(built):
    html = (built / "tin-tuc/2025/stnmt-kh-tap-huan-dat-dai-cap-xa/index.html").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace(" ,", ",")
    assert "Ngày đăng 08:00, 09/04/2025" in text
    assert "Chuyên mục Cải cách thủ tục hành chính, Tin hoạt động" in text
    assert 'href="../../the/dat-dai/"' in html
    assert "Tin mới hơn: Sở Xây dựng công khai quy định" not in text  # ordered by date, not by file
    assert "Tin mới hơn: Truyền thông về chính quyền điện tử, chính quyền số" in text
    assert "Tin cũ hơn: Sở Xây dựng công khai quy định, chính sách mới cho doanh nghiệp" in text


def test_a_news_item_is_its_editors_markdown_inside_the_generated_page(small_site):
    item = """---
title: Tập huấn đất đai
date: 2025-04-09 08:00
department: SNV-KH
categories: [thu-tuc-hanh-chinh]
summary: Hai ngày, ba mươi học viên.
---

Theo [Sở Nội vụ](../../co-quan/snv-kh.md), lớp học mở hằng quý[^1].

## Tập huấn đất đai

Nội dung [ở trên](#tap-huan-dat-dai).

[^1]: Trừ quý có bầu cử.
"""
    write(small_site, "docs/tin-tuc/2025/tap-huan.md", item)
    write(small_site, "docs/tin-tuc/2025/cu-hon.md", item.split("\n\n")[0].replace("Tập huấn đất đai", "Tin cũ hơn")
          .replace("08:00", "07:00") + "\n\nNội dung.\n")
    result = mkdocs_build(small_site, env=NOW)
    assert result.returncode == 0, result.stderr
    html = (small_site / "site/tin-tuc/2025/tap-huan/index.html").read_text(encoding="utf-8")
    article = html[html.index("<article"):html.index("</article>")]
    # The body's heading that repeats the title gets the next id, as in one Markdown text; its links resolve.
    assert re.findall(r'<h[12] id="([^"]+)"', article) == ["tap-huan-dat-dai", "tap-huan-dat-dai_1"]
    assert '<dd><a href="../../../co-quan/snv-kh/">Sở Nội vụ tỉnh Khánh Hòa</a></dd>' in article
    assert "<p><strong>Hai ngày, ba mươi học viên.</strong></p>" in article
    assert '<a href="../../../co-quan/snv-kh/">Sở Nội vụ</a>' in article and 'href="#tap-huan-dat-dai">ở trên</a>' in article
    footnote, rule = article.index('class="footnote"'), article.index('<hr>\n<nav class="cchc-neighbours" '
                                                                    'aria-label="Tin khác"><p>Tin cũ hơn: ')
    assert footnote < rule and '<a href="../cu-hon/">Tin cũ hơn</a></p></nav>' in article[rule:]
    # The neighbour's title is a link on the page, not what the item says: its search text does not hold it.
    text, passages = search.texts(article)
    assert "Hai ngày, ba mươi học viên." in text and "Tin cũ hơn" not in text + passages
    toc = html[html.index("md-nav--secondary"):html.index("<article")]
    assert 'href="#tap-huan-dat-dai_1"' in toc


def test_news_index_leads_to_each_year(built):
    index = (built / "tin-tuc/index.html").read_text(encoding="utf-8")
    for year in (2023, 2024, 2025):
        assert f'href="nam/{year}/"' in index
    year_page = re.sub(r"<[^>]+>", " ", (built / "tin-tuc/nam/2023/index.html").read_text(encoding="utf-8"))
    assert "3 tin" in year_page
