"""Checks of the built site: broken links and anchors are found and traced to the file to fix."""

from cchc.site_check import check
from conftest import mkdocs_build, write


def test_the_small_site_passes(small_site):
    assert mkdocs_build(small_site).returncode == 0
    report = check(small_site / "site")
    assert report.problems == [] and report.pages > 5 and report.links > 50


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
