"""Documents as Decree 42/2022 asks: in force or not as of the build clock, replaced and amended documents linked both
ways, files to download with their type and size, lists that link the subject line, and the document finder's data."""

import json
import re

from conftest import mkdocs_build, write

NEWER = """---
number: 77/QĐ-UBND
doc_type: Quyết định
issuer: UBND-KH
place: Khánh Hòa
issued: 2021-01-10
effective: 2021-02-01
title: Ban hành Kế hoạch tuyên truyền cải cách hành chính năm 2021
period: "2021"
areas: [thu-tuc-hanh-chinh]
replaces:
  - "Quyết định số 489/QĐ-UBND ngày 11/3/2020 của UBND tỉnh"
  - "Quyết định số 12/QĐ-UBND ngày 05/01/2018 của UBND tỉnh"
attachments:
  - file: files/77-qd-ubnd.pdf
  - file: files/phu-luc.xlsx
    title: "Phụ lục: danh mục nhiệm vụ"
---

Quyết định này có hiệu lực từ ngày 01/02/2021 và thay thế Quyết định số 489/QĐ-UBND ngày 11/3/2020.
"""


def _build(site, now: str):
    result = mkdocs_build(site, env={"CCHC_NOW": now})
    assert result.returncode == 0, result.stderr
    return site / "site"


def _files(site) -> None:
    write(site, "docs/files/77-qd-ubnd.pdf", "%PDF-1.4\n" + "x" * 3000)
    write(site, "docs/files/phu-luc.xlsx", "PK" + "y" * 2_500_000)


def _panel(page: str) -> str:
    return re.sub(r"<[^>]+>", " ", page.split('class="cchc-meta"')[1].split("</div>")[0])


def test_a_replaced_document_ends_once_the_newer_one_is_in_force_and_both_link(small_site):
    write(small_site, "plans/77-qd-ubnd.md", NEWER)
    _files(small_site)

    site = _build(small_site, "2021-01-20T09:00")  # signed, not yet in force: the old one still is
    newer = (site / "van-ban/77-qd-ubnd/index.html").read_text(encoding="utf-8")
    old = (site / "van-ban/489-qd-ubnd/index.html").read_text(encoding="utf-8")
    assert "Chưa có hiệu lực" in _panel(newer) and "từ ngày 01/02/2021" in _panel(newer)
    assert "Còn hiệu lực" in _panel(old)
    assert 'href="../489-qd-ubnd/">Quyết định số 489/QĐ-UBND ngày 11/3/2020 của UBND tỉnh</a>' in newer
    assert "Quyết định số 12/QĐ-UBND ngày 05/01/2018 của UBND tỉnh" in newer  # not on the portal: named, not linked
    assert re.search(r'Bị thay thế bởi\s*</dt>\s*<dd><a href="\.\./77-qd-ubnd/">Quyết định số 77/QĐ-UBND', old)

    site = _build(small_site, "2021-02-01T00:00")  # the day it comes into force
    old = (site / "van-ban/489-qd-ubnd/index.html").read_text(encoding="utf-8")
    assert "Hết hiệu lực (bị thay thế)" in _panel(old) and "Còn hiệu lực" not in _panel(old)
    listing = (site / "van-ban/index.html").read_text(encoding="utf-8")
    assert re.search(r'489-qd-ubnd/">Quyết định ban hành Kế hoạch tuyên truyền[^<]*</a><br>\s*Quyết định số 489/QĐ-UBND · '
                     r'11/03/2020 · Ủy ban nhân dân tỉnh Khánh Hòa · <span class="cchc-status cchc-status--bi-thay-the">'
                     r"Hết hiệu lực \(bị thay thế\)</span>", listing)


def test_an_expiry_date_ends_a_document_on_that_day(small_site):
    plan = small_site / "plans/489-qd-ubnd.md"
    plan.write_text(plan.read_text(encoding="utf-8").replace("period:", "expires: 2020-12-31\nperiod:"), encoding="utf-8")
    assert "đến hết hiệu lực ngày 31/12/2020" in _panel(
        (_build(small_site, "2020-12-30T23:00") / "van-ban/489-qd-ubnd/index.html").read_text(encoding="utf-8"))
    panel = _panel((_build(small_site, "2020-12-31T08:00") / "van-ban/489-qd-ubnd/index.html").read_text(encoding="utf-8"))
    assert "Hết hiệu lực" in panel and "hết hiệu lực ngày 31/12/2020" in panel


def test_attachments_download_with_their_type_and_size(small_site):
    write(small_site, "plans/77-qd-ubnd.md", NEWER)
    _files(small_site)
    site = _build(small_site, "2021-03-01T09:00")
    page = (site / "van-ban/77-qd-ubnd/index.html").read_text(encoding="utf-8")
    assert re.search(r'<a download="" href="\.\./\.\./files/77-qd-ubnd\.pdf">Toàn văn</a> \(PDF, 3 KB\)', page)
    assert re.search(r'<a download="" href="\.\./\.\./files/phu-luc\.xlsx">Phụ lục: danh mục nhiệm vụ</a> \(Excel, 2,4 MB\)', page)
    assert (site / "files/phu-luc.xlsx").stat().st_size == 2_500_002


def test_a_missing_or_wrong_attachment_stops_the_build_with_its_line(small_site):
    write(small_site, "plans/77-qd-ubnd.md", NEWER.replace("files/phu-luc.xlsx", "files/phu-luc.exe"))
    write(small_site, "docs/files/phu-luc.exe", "MZ")
    result = mkdocs_build(small_site, env={"CCHC_NOW": "2021-03-01T09:00"})
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "plans/77-qd-ubnd.md:15: lỗi: [attachments[0].file] không có tệp docs/files/77-qd-ubnd.pdf" in result.stderr
    assert "plans/77-qd-ubnd.md:16: lỗi: [attachments[1].file] tệp đính kèm 'files/phu-luc.exe' không phải PDF" in result.stderr
    assert not (small_site / "site").exists()


def test_the_document_finder_lists_every_document_with_its_facets(small_site):
    write(small_site, "plans/77-qd-ubnd.md", NEWER)
    _files(small_site)
    site = _build(small_site, "2021-03-01T09:00")
    page = (site / "van-ban/tra-cuu/index.html").read_text(encoding="utf-8")
    assert "assets/finder.js" in page and 'data-source="van-ban.json"' in page and 'data-noun="văn bản"' in page
    assert '<a href="../">Theo năm</a>' in page  # without JavaScript: the listings
    data = json.loads((site / "van-ban/tra-cuu/van-ban.json").read_text(encoding="utf-8"))
    facets = {f["name"]: [v for v, _label in f["values"]] for f in data["facets"]}
    assert list(facets) == ["loai", "co-quan", "nam", "hieu-luc", "linh-vuc"] and data["groups"] == ["nam"]
    rows = {row[3]: row for row in data["items"]}
    assert [row[3] for row in data["items"]] == ["77/QĐ-UBND", "489/QĐ-UBND"]  # newest first
    old = rows["489/QĐ-UBND"]
    assert old[1] == "../489-qd-ubnd/" and old[0].startswith("Quyết định ban hành Kế hoạch tuyên truyền")
    assert facets["hieu-luc"][int(old[4 + 3])] == "bi-thay-the" and facets["nam"][int(old[4 + 2])] == "2020"
    assert [facets["linh-vuc"][int(i)] for i in old[4 + 4].split()] == ["thu-tuc-hanh-chinh", "che-do-cong-vu",
                                                                       "tai-chinh-cong", "chinh-quyen-so"]


def test_the_finder_data_is_made_again_when_a_document_comes_to_be_replaced(small_site):
    """The same sources on another day: the documents' validity is among what the finder's data is kept under."""
    from datetime import datetime

    from cchc import clock, content
    from cchc.render import pages as item_pages

    write(small_site, "plans/77-qd-ubnd.md", NEWER.split("attachments:")[0] + "---\n\nNội dung.\n")
    kept = {}

    def remember(parts, make):
        return kept[parts] if parts in kept else kept.setdefault(parts, make())

    def finder_data(now: str) -> dict:
        site = content.load_site(content.Layout.at(small_site))
        content.split_published(site, datetime.fromisoformat(now).replace(tzinfo=clock.TZ))
        made = item_pages.exports(site, "", remember)
        assert made == item_pages.exports(site, "", lambda parts, make: make())
        return {row[0]: row[2] for row in json.loads(made["van-ban/tra-cuu/van-ban.json"])["items"]}

    before = finder_data("2021-01-20T09:00")
    assert finder_data("2021-01-25T09:00") == before and [parts[1] for parts in kept].count("plan") == 1
    after = finder_data("2021-02-01T00:00")  # 77/QĐ-UBND in force: 489/QĐ-UBND replaced
    assert [parts[1] for parts in kept].count("plan") == 2
    changed = {title for title in before if before[title] != after[title]}
    assert len(changed) == 2 and any("Hết hiệu lực (bị thay thế)" in after[title] for title in changed)
