"""Checks of the built site: broken links and anchors are found and traced to the file to fix."""

import json

from cchc.site_check import RECORD, check
from conftest import mkdocs_build, write


def test_the_small_site_passes(small_site):
    assert mkdocs_build(small_site).returncode == 0
    report = check(small_site / "site")
    assert report.problems == [] and report.pages > 5 and report.links > 50
    # The record names every file written (known to the build, not listed from the site), the search index's (said by
    # the process that made it) and the theme's templates among them.
    site = small_site / "site"
    listed = json.loads((site / RECORD).read_text(encoding="utf-8"))["files"]
    assert listed == sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and p.name != RECORD)
    assert any(p.startswith("search/") for p in listed) and any(p.startswith("feeds/") for p in listed)
    assert {"404.html", "sitemap.xml", "sitemap.xml.gz"} <= set(listed)


def test_a_broken_link_an_anchor_and_a_feed_are_reported_with_their_source(small_site):
    write(small_site, "docs/huong-dan/lien-he.md", "---\ntitle: Liên hệ\n---\n\n"
          '<a href="../../van-ban/khong-co/">Văn bản</a> và <a href="../../van-ban/489-qd-ubnd/#khong-co-muc">mục</a>\n'
          '<a href="https://dichvucong.gov.vn/">Cổng DVC</a>\n')
    assert mkdocs_build(small_site).returncode == 0  # MkDocs does not look inside raw HTML
    site = small_site / "site"
    feed = next((site / "feeds").rglob("rss.xml"))
    feed.write_text("<rss><channel>", encoding="utf-8")
    report = check(site)
    assert "huong-dan/lien-he/index.html (từ docs/huong-dan/lien-he.md): liên kết hỏng “../../van-ban/khong-co/”" in report.problems
    assert any("liên kết tới mục không có “../../van-ban/489-qd-ubnd/#khong-co-muc”" in p for p in report.problems)
    assert any(p.startswith(f"{feed.relative_to(site)}: bảng tin không đọc được") for p in report.problems)
    assert "https://dichvucong.gov.vn/" in report.external


def test_a_site_missing_a_file_the_build_wrote_is_incomplete(small_site):
    assert mkdocs_build(small_site).returncode == 0
    site = small_site / "site"
    (site / "search" / "manifest.json").unlink()
    next((site / "feeds").rglob("atom.xml")).unlink()
    report = check(site)
    assert "search/manifest.json: tệp đã dựng bị thiếu: trang không đầy đủ, dựng lại" in report.problems
    assert sum("tệp đã dựng bị thiếu" in p for p in report.problems) == 2
    (site / RECORD).unlink()  # a build killed before its end never wrote it
    assert check(site).problems == [f"{site}: thiếu {RECORD}: trang chưa dựng xong, hoặc không do `make build` dựng; dựng lại"]


def test_the_portals_own_absolute_links_are_checked_as_internal(small_site):
    assert mkdocs_build(small_site).returncode == 0
    report = check(small_site / "site")
    assert not any(link.startswith("https://cchc.example.gov.vn/") for link in report.external)
    feed = next((small_site / "site" / "feeds").rglob("rss.xml"))
    assert "https://cchc.example.gov.vn/" in feed.read_text(encoding="utf-8")
