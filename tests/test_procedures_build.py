"""Procedure pages, the finder page, open data and department counts, from a real `mkdocs build`."""

import csv
import io
import json
import re
from pathlib import Path

from cchc import frontmatter
from cchc.importers.national_portal import record_values

from conftest import mkdocs_build, write

RECORDS = Path(__file__).parent / "fixtures" / "tthc"
STP = """---
code: STP-KH
name: Sở Tư pháp tỉnh Khánh Hòa
short_name: Sở Tư pháp
level: so-nganh
province: Khánh Hòa
---
"""


def add_procedure(root: Path, code: str, department: str = "STP-KH") -> dict:
    values = record_values(json.loads((RECORDS / f"{code}.json").read_text(encoding="utf-8")), department).values
    write(root, f"docs/thu-tuc/{code.replace('.', '-')}.md", frontmatter.dump(values))
    return values


def build(small_site: Path) -> Path:
    write(small_site, "docs/co-quan/stp-kh.md", STP)
    result = mkdocs_build(small_site)
    assert result.returncode == 0, result.stderr
    return small_site / "site"


def test_procedure_page_in_the_order_a_citizen_needs(small_site):
    values = add_procedure(small_site, "1.000688")
    html = (build(small_site) / "thu-tuc/1-000688/index.html").read_text(encoding="utf-8")
    headings = re.findall(r'<h2 id="[^"]*">(.*?)<a', html)
    assert headings == ["Ai thực hiện", "Nộp hồ sơ ở đâu", "Cách thức thực hiện, thời hạn và phí", "Thành phần hồ sơ",
                        "Trình tự thực hiện", "Kết quả thực hiện", "Căn cứ pháp lý", "Yêu cầu, điều kiện"]
    assert f'class="md-button md-button--primary cchc-submit" href="{values["online_url"]}"' in html
    assert '<td data-label="Cách nộp hồ sơ"><strong>Trực tuyến</strong></td><td data-label="Thời hạn giải quyết">15 ngày làm việc</td>' in html
    assert "Mẫu số 01-PLIII-LS.docx" in html
    assert "Luật 65/2006/QH11 (<strong>65/2006/QH11</strong>)" in html
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1])
    assert data["@type"] == "GovernmentService" and data["identifier"] == "1.000688"
    assert data["provider"]["name"] == "Sở Tư pháp tỉnh Khánh Hòa"
    assert data["url"] == "https://cchc.example.gov.vn/thu-tuc/1-000688/"
    assert {c["name"] for c in data["availableChannel"]} == {"Trực tiếp", "Trực tuyến", "Dịch vụ bưu chính"}


def test_finder_lists_every_procedure_and_exports_open_data(small_site):
    add_procedure(small_site, "1.000688")
    add_procedure(small_site, "1.013222")
    site = build(small_site)
    finder = (site / "thu-tuc/index.html").read_text(encoding="utf-8")
    assert "assets/finder.js" in finder and 'data-source="tra-cuu.json"' in finder
    assert '<a href="co-quan/stp-kh/">Sở Tư pháp tỉnh Khánh Hòa</a> (2)' in finder  # without JavaScript
    data = json.loads((site / "thu-tuc/tra-cuu.json").read_text(encoding="utf-8"))  # what finder.js lists
    facets = {f["name"]: f["values"] for f in data["facets"]}
    assert facets["co-quan"] == [["STP-KH", "Sở Tư pháp tỉnh Khánh Hòa"]] and data["groups"] == ["co-quan", "linh-vuc"]
    assert [(row[3], facets["linh-vuc"][int(row[5])][0], row[1]) for row in data["items"]] == [
        ("1.013222", "hoat-dong-xay-dung", "1-013222/"), ("1.000688", "luat-su", "1-000688/")]
    listing = (site / "thu-tuc/co-quan/stp-kh/index.html").read_text(encoding="utf-8")
    assert re.findall(r'<a href="([^"]+)">[^<]+</a> <span class="cchc-code">([^<]+)</span>', listing) == [
        ("../../1-013222/", "1.013222"), ("../../1-000688/", "1.000688")]

    raw = (site / "thu-tuc/procedures.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["Mã thủ tục"] for r in rows] == ["1.013222", "1.000688"]  # by field: Hoạt động xây dựng, Luật sư
    assert rows[1]["Cơ quan chủ trì"] == "Sở Tư pháp tỉnh Khánh Hòa"
    assert rows[1]["Địa chỉ trang"] == "https://cchc.example.gov.vn/thu-tuc/1-000688/"
    assert rows[1]["Cách thức, thời hạn, phí"].startswith("Trực tuyến: 15 ngày làm việc, 800.000 đồng")
    text = (site / "thu-tuc/procedures.json").read_text(encoding="utf-8")
    data = json.loads(text)
    assert data["count"] == 2 and data["procedures"][1]["legal_bases"][-1]["code"] == "65/2006/QH11"
    lines = text.splitlines()  # one procedure a line, between the head and the end
    assert len(lines) == 4 and [json.loads(line.rstrip(","))["code"] for line in lines[1:3]] == ["1.013222", "1.000688"]


def test_department_page_counts_its_procedures_and_links_to_the_finder(small_site):
    add_procedure(small_site, "1.000688")
    add_procedure(small_site, "1.013222")
    html = (build(small_site) / "co-quan/stp-kh/index.html").read_text(encoding="utf-8")
    assert 'id="thu-tuc-hanh-chinh-2"' in html and "2 thủ tục trong 2 lĩnh vực" in html
    assert 'href="../../thu-tuc/?co-quan=STP-KH"' in html
    assert 'href="../../thu-tuc/?co-quan=STP-KH&amp;linh-vuc=luat-su">Luật sư</a> (1)' in html


def test_procedure_mistakes_are_all_reported_with_file_and_line(small_site):
    write(small_site, "docs/co-quan/stp-kh.md", STP)
    write(small_site, "docs/thu-tuc/1-000001.md", """---
code: "1.000001"
department: STP-XX
field: Hộ tịch
levels: [cap-huyen]
channels:
  - method: qua-mang
    time: 5 Ngày
  - method: truc-tiep
    time: "120,000"
    fee: VNĐ
legal_bases:
  - name: Quyết định của Thủ tướng Chính phủ
    code: 53/2013/QĐ-T
results:
  - name: "Quyết định thi hành án dân sựMã: KQ.G15.000327Thông báo"
    code: KQ.G15.000328
---
""")
    write(small_site, "docs/thu-tuc/thu-tuc-moi.md", "---\ncode: \"1.000002\"\nname: A\ndepartment: STP-KH\nfield: B\nlevels: [cap-tinh]\n---\n")
    result = mkdocs_build(small_site)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    out = result.stderr
    assert "docs/thu-tuc/1-000001.md:1: lỗi: thiếu trường bắt buộc `name` (Tên thủ tục)" in out
    assert "docs/thu-tuc/1-000001.md:3: lỗi: [department] không có cơ quan mã 'STP-XX'" in out
    assert "docs/thu-tuc/1-000001.md:5: lỗi: [levels[0]] 'cap-huyen' không có trong danh mục" in out
    assert "docs/thu-tuc/1-000001.md:7: lỗi: [channels[0].method] 'qua-mang' không có trong danh mục" in out
    # Values of the wrong shape: a time that is no duration, a fee that is no amount, a cut legal code, two results in one.
    assert "1-000001.md:10: lỗi: [channels[1].time] '120,000' không đúng dạng thời hạn" in out
    assert "1-000001.md:11: lỗi: [channels[1].fee] 'VNĐ' không đúng dạng phí, lệ phí" in out
    assert "1-000001.md:14: lỗi: [legal_bases[0].code] '53/2013/QĐ-T' không đúng dạng số ký hiệu văn bản" in out
    assert "[results[0].name] name chứa mã của kết quả khác" in out
    assert "docs/thu-tuc/thu-tuc-moi.md:2: lỗi: [code] tệp của thủ tục mã 1.000002 phải tên là 1-000002.md" in out


def test_a_department_note_is_markdown_inside_the_generated_page(small_site):
    add_procedure(small_site, "1.000688")
    path = small_site / "docs/thu-tuc/1-000688.md"
    note = ("\n## Ai thực hiện\n\nNgười nước ngoài xem [Sở Nội vụ](../co-quan/snv-kh.md) và [mục trên](#ai-thuc-hien).\n\n"
            "### Giờ tiếp nhận\n\nSáng thứ Bảy[^1].\n\n[^1]: Trừ ngày lễ.\n")
    path.write_text(path.read_text(encoding="utf-8") + note, encoding="utf-8")
    html = (build(small_site) / "thu-tuc/1-000688/index.html").read_text(encoding="utf-8")
    article = html[html.index("<article"):html.index("</article>")]
    # The note's heading that repeats a generated one gets the next id, as in any Markdown page; its links resolve.
    assert re.findall(r'<h[23] id="(ai-thuc-hien[^"]*|giờ[^"]*|gio-tiep-nhan)"', article) == [
        "ai-thuc-hien", "ai-thuc-hien_1", "gio-tiep-nhan"]
    assert '<a href="../../co-quan/snv-kh/">Sở Nội vụ</a>' in article and 'href="#ai-thuc-hien">mục trên</a>' in article
    assert 'class="footnote"' in article
    toc = html[html.index('md-nav--secondary'):html.index("<article")]
    ghi_chu = toc.index('href="#ghi-chu-cua-co-quan"')
    assert ghi_chu < toc.index('href="#ai-thuc-hien_1"') < toc.index('href="#gio-tiep-nhan"')


def test_a_procedure_page_is_made_again_only_when_what_it_shows_changes(small_site):
    """Its renderer gives the build cache everything the page is made of: the procedure, its department and the
    site's address."""
    from cchc import content
    from cchc.render import pages as item_pages

    add_procedure(small_site, "1.000688")
    write(small_site, "docs/co-quan/stp-kh.md", STP)
    kept, made = {}, []

    def remember(parts, make):  # as the build cache keeps it: under the parts' bytes
        if parts not in kept:
            made.append(parts[0])
            kept[parts] = make()
        return kept[parts]

    def page(site_url="https://cchc.example.gov.vn/"):
        site = content.load_site(content.Layout.at(small_site))
        context = item_pages.PageContext(site_url, {}, remember)
        return item_pages.render(site.pages["thu-tuc/1-000688.md"], site, context).source, context.meta["jsonld"]

    first = page()
    assert page() == first and made == ["procedure-page"]
    write(small_site, "docs/tin-tuc/2025/tin-moi.md", "---\ntitle: Tin mới\ndate: 2025-03-01\ndepartment: STP-KH\n---\n\nNội dung.\n")
    assert page() == first and len(made) == 1  # an edit elsewhere: not made again
    write(small_site, "docs/co-quan/stp-kh.md", STP.replace("name: Sở Tư pháp tỉnh Khánh Hòa", "name: Sở Tư pháp Khánh Hòa"))
    source, jsonld = page()
    assert len(made) == 2 and "Sở Tư pháp Khánh Hòa</a>" in source and '"name":"Sở Tư pháp Khánh Hòa"' in jsonld
    assert "https://khac.example.gov.vn/thu-tuc/1-000688/" in page("https://khac.example.gov.vn/")[1] and len(made) == 3


def test_the_catalogue_and_finder_data_are_made_again_only_when_what_they_list_changes(small_site):
    """The procedures' renderer names everything its data files are made of (`export_inputs`): kept under those."""
    from cchc import content
    from cchc.render import pages as item_pages

    add_procedure(small_site, "1.000688")
    write(small_site, "docs/co-quan/stp-kh.md", STP)
    kept, made = {}, []

    def remember(parts, make):
        if parts not in kept:
            made.append(parts[1])
            kept[parts] = make()
        return kept[parts]

    def exports(remembering=remember):
        site = content.load_site(content.Layout.at(small_site))
        return item_pages.exports(site, "https://cchc.example.gov.vn/", remembering)

    first = exports()
    assert first == exports(lambda parts, make: make()) and made.count("procedure") == 1
    write(small_site, "docs/tin-tuc/2025/tin-moi.md", "---\ntitle: Tin mới\ndate: 2025-03-01\ndepartment: STP-KH\n---\n\nNội dung.\n")
    assert exports() == first and made.count("procedure") == 1  # an edit elsewhere: kept
    write(small_site, "docs/co-quan/stp-kh.md", STP.replace("name: Sở Tư pháp tỉnh Khánh Hòa", "name: Sở Tư pháp Khánh Hòa"))
    renamed = exports()
    assert made.count("procedure") == 2 and '"department_name": "Sở Tư pháp Khánh Hòa"' in renamed["thu-tuc/procedures.json"].decode()
    path = small_site / "docs/thu-tuc/1-000688.md"
    path.write_text(path.read_text(encoding="utf-8").replace("\nname: ", "\nname: (Sửa) ", 1), encoding="utf-8")
    assert "(Sửa)" in exports()["thu-tuc/procedures.json"].decode() and made.count("procedure") == 3


def test_the_catalogue_names_each_procedure_by_its_source_not_by_its_values(small_site):
    """A key for 3,000 procedures that pickled their values (8 KB each) was 0.12 s of every rebuild at 10,000
    documents: each is named by its file and its bytes (`page_inputs.entry_named`), as the pages' reads are."""
    from cchc import build_cache, content
    from cchc.render import procedures

    values = add_procedure(small_site, "1.000688")
    write(small_site, "docs/co-quan/stp-kh.md", STP)
    site = content.load_site(content.Layout.at(small_site))
    named = build_cache.value_bytes(procedures.export_inputs(site, "https://cchc.example.gov.vn/"))
    assert values["name"].encode() not in named and len(named) < 400
