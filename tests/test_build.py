"""`mkdocs build --strict` on small sites in a temporary folder, as editors and CI run it."""

import json
import re
import subprocess
import sys

from cchc.site_check import RECORD
from conftest import REPO, assert_same_site, mkdocs_build, write


def page(root, url: str) -> str:
    return (root / "site" / url / "index.html").read_text(encoding="utf-8")


def visible(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_plan_department_and_index_pages(small_site):
    result = mkdocs_build(small_site)
    assert result.returncode == 0, result.stderr
    plan = page(small_site, "van-ban/489-qd-ubnd")
    assert '<html lang="vi"' in plan
    text = visible(plan)
    for expected in ["Số ký hiệu 489/QĐ-UBND", "Khánh Hòa, 11/03/2020", "TM. Ủy ban nhân dân – Chủ tịch – Nguyễn Tấn Tuân",
                     "Lĩnh vực CCHC Cải cách thủ tục hành chính", "Nơi nhận", "Phân công thực hiện"]:
        assert expected in text
    assert 'class="footnote"' in plan
    assert 'href="../../co-quan/snv-kh/"' in plan  # the assignment links to the department
    assert 'id="iii-cac-hoat-dong-tuyen-truyen-trong-diem"' in plan  # anchors keep đ as d

    department = visible(page(small_site, "co-quan/snv-kh"))
    assert "Nhiệm vụ được giao (6)" in department and "Quyết định số 489/QĐ-UBND" in department
    assert "Trực thuộc Ủy ban nhân dân tỉnh Khánh Hòa" in department
    issuer = visible(page(small_site, "co-quan/ubnd-kh"))
    assert "Văn bản ban hành (1)" in issuer

    for index in ["van-ban", "van-ban/theo-loai", "van-ban/theo-co-quan", "co-quan"]:
        assert "489/QĐ-UBND" in visible(page(small_site, index)) or "Sở Nội vụ" in visible(page(small_site, index))


def test_generated_pages_stay_out_of_the_navigation(small_site):
    assert mkdocs_build(small_site).returncode == 0
    html = page(small_site, "co-quan/snv-kh")
    nav = html[html.index("md-nav--primary"):html.index('<div class="md-content"')]
    assert "Văn bản – theo năm" in nav
    assert "van-ban/489-qd-ubnd/" not in nav and "co-quan/ubnd-kh/" not in nav


def test_values_are_escaped_not_interpreted(small_site):
    path = small_site / "docs/co-quan/snv-kh.md"
    path.write_text(path.read_text(encoding="utf-8").replace("short_name: Sở Nội vụ", "short_name: \"Sở <b>Nội</b> vụ *x*\""), encoding="utf-8")
    assert mkdocs_build(small_site).returncode == 0
    plan = page(small_site, "van-ban/489-qd-ubnd")
    assert "Sở &lt;b&gt;Nội&lt;/b&gt; vụ *x*" in plan


def test_content_error_stops_the_build_and_keeps_the_previous_site(small_site):
    previous = write(small_site, "site/index.html", "bản cũ")
    write(small_site, "plans/a.md", "---\ntitle: Kế hoạch: năm 2025\n---\n")
    write(small_site, "docs/co-quan/stp-kh.md", "---\ncode: STP-KH\nname: Sở Tư pháp\nlevel: so\nprovince: Khánh Hòa\n---\n")
    result = mkdocs_build(small_site)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    assert "plans/a.md:2: lỗi: phần đầu YAML không đọc được" in result.stderr
    assert "docs/co-quan/stp-kh.md:4: lỗi: [level] 'so' không có trong danh mục" in result.stderr
    assert previous.read_text(encoding="utf-8") == "bản cũ"
    assert sorted(p.name for p in (small_site / "site").iterdir()) == ["index.html"]


def test_a_bad_clock_is_a_clear_error(small_site):
    result = mkdocs_build(small_site, env={"CCHC_NOW": "hôm qua"})
    assert result.returncode != 0 and "CCHC_NOW" in result.stderr and "Traceback" not in result.stderr


def test_the_bundled_site_builds(tmp_path):
    result = mkdocs_build(REPO, "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    built = tmp_path / "site"
    for seed in ["2020-489-qd-ubnd-khanh-hoa", "2020-ke-hoach-tuyen-truyen-cchc-so-tu-phap-soc-trang",
                 "2022-ke-hoach-thong-tin-tuyen-truyen-cchc-so-gtvt-binh-dinh",
                 "2024-ke-hoach-tuyen-truyen-thi-dua-cchc-so-ngoai-vu-kien-giang"]:
        assert (built / "van-ban" / seed / "index.html").is_file()
    reference = (built / "huong-dan/truong-du-lieu/index.html").read_text(encoding="utf-8")
    assert "legal_bases" in reference
    listed = json.loads((built / RECORD).read_text(encoding="utf-8"))["files"]  # what the build knows it wrote
    assert listed == sorted(p.relative_to(built).as_posix() for p in built.rglob("*") if p.is_file() and p.name != RECORD)


def test_two_builds_are_identical(small_site, tmp_path):
    clean = {"CCHC_CACHE": "off"}  # the second build must not reuse what the first made
    assert mkdocs_build(small_site, "--site-dir", str(tmp_path / "a"), env=clean).returncode == 0
    assert mkdocs_build(small_site, "--site-dir", str(tmp_path / "b"), env={**clean, "TZ": "America/New_York"}).returncode == 0
    assert_same_site(tmp_path / "a", tmp_path / "b")


def test_content_at_an_address_the_portal_writes_is_refused(small_site):
    write(small_site, "plans/b.md", (small_site / "plans" / "489-qd-ubnd.md").read_text(encoding="utf-8")
          .replace("number: 489/QĐ-UBND", "number: 490/QĐ-UBND").replace("---\n", "---\nslug: theo-loai\n", 1))
    write(small_site, "docs/tim-kiem.md", "# Tìm kiếm của tôi\n")
    result = mkdocs_build(small_site)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "plans/b.md:2: lỗi: [slug] địa chỉ /van-ban/theo-loai/ là trang cổng tự tạo" in result.stderr
    assert "docs/tim-kiem.md: lỗi: địa chỉ /tim-kiem/ là trang cổng tự tạo (tim-kiem.md)" in result.stderr
    checked = subprocess.run([sys.executable, "-m", "cchc.check", str(small_site)], capture_output=True, text=True)
    assert checked.returncode == 1 and "plans/b.md:2: lỗi: [slug]" in checked.stdout


def test_each_page_is_converted_afresh_though_one_converter_serves_them_all(small_site):
    """The build converts every page with one Markdown instance, reset between pages: nothing of one page (its
    footnotes, its headings' ids, its links) may reach the next."""
    config = small_site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  /huong-dan/**\n", "  /huong-dan/**\n  /trang-*.md\n"),
                      encoding="utf-8")
    for name, note in (("mot", "Chú thích của trang mot."), ("hai", "Chú thích của trang hai.")):
        write(small_site, f"docs/trang-{name}.md",
              f"---\ntitle: Trang {name}\n---\n\n## Mục chung\n\nVăn bản[^1], xem [trang chủ](index.md).\n\n"
              f"## Mục chung\n\n[^1]: {note}\n")
    result = mkdocs_build(small_site)
    assert result.returncode == 0, result.stderr
    for name, other in (("mot", "hai"), ("hai", "mot")):
        html = page(small_site, f"trang-{name}")
        assert 'id="muc-chung"' in html and 'id="muc-chung_1"' in html and 'id="muc-chung_2"' not in html
        assert 'id="fn:1"' in html and 'id="fn:2"' not in html
        assert f"Chú thích của trang {name}." in html
        assert f"Chú thích của trang {other}." not in html
        assert 'href="../"' in html  # the link to the home page, relative to this page


def test_the_build_says_what_it_did_but_not_each_page_it_put_in_place(small_site):
    """MkDocs logs "Page skipped" for each page the portal placed itself: not made at the usual level, shown at
    `--verbose`; its other messages, before and after the pages, still shown."""
    quiet = mkdocs_build(small_site)
    assert quiet.returncode == 0 and "Page skipped" not in quiet.stderr
    assert "Cleaning site directory" in quiet.stderr and "Documentation built in" in quiet.stderr
    home = small_site / "docs" / "index.md"  # the nav's title of a page: every page is walked again, most placed as made
    home.write_text(home.read_text(encoding="utf-8").replace("# Trang chủ", "# Trang chủ mới", 1), encoding="utf-8")
    verbose = mkdocs_build(small_site, "--verbose")
    assert verbose.returncode == 0 and "Page skipped" in verbose.stderr
    again = mkdocs_build(small_site)  # nothing changed: the pages out of the nav are not walked at all
    assert again.returncode == 0 and "Page skipped" not in again.stderr
    assert re.search(r"\d+ trang không đổi so với lần dựng trước", again.stderr)
