"""Who runs the portal, set once in mkdocs.yml and shown in the footer of every page; mistakes stop the build."""

import re

from cchc.content import Layout, load_site
from cchc.portal_info import resolve
from conftest import assert_same_site, mkdocs_build


def _departments(small_site):
    return load_site(Layout.at(small_site)).departments


def test_the_operators_contacts_fill_what_is_not_written_and_gaps_are_said(small_site):
    info, errors, warnings = resolve({"managing_body": "UBND-KH", "operator": "SNV-KH",
                                      "responsible": {"position": "Giám đốc Sở Nội vụ"}}, _departments(small_site))
    assert errors == []
    rows = {term: (value, href) for term, value, _page, href in info.rows}
    assert rows["Điện thoại"] == ("0258 3822 001", "tel:02583822001")  # from docs/co-quan/snv-kh.md
    assert rows["Thư điện tử"] == ("snv@khanhhoa.gov.vn", "mailto:snv@khanhhoa.gov.vn")
    assert rows["Địa chỉ"] == ("Chưa cập nhật", "")
    assert any(w.startswith("extra.portal.address: chưa có địa chỉ") for w in warnings)
    assert any(w.startswith("extra.portal.responsible.name: Nghị định 42/2022 yêu cầu") for w in warnings)


def test_mistakes_are_reported_with_what_to_write(small_site):
    departments = _departments(small_site)
    _info, errors, _warnings = resolve(None, departments)
    assert errors[0].startswith("extra.portal: chưa khai báo thông tin cổng")
    _info, errors, _warnings = resolve({"managing_body": "UBND-HK", "responsible": {"name": "A"}, "phone": "gọi tôi",
                                        "website": "x"}, departments)
    assert "extra.portal: không có cơ quan mã 'UBND-HK' → viết mã của một tệp trong docs/co-quan/" not in errors
    assert any(e.startswith("extra.portal.managing_body: không có cơ quan mã 'UBND-HK'") for e in errors)
    assert any(e.startswith("extra.portal.responsible: thiếu trường bắt buộc `position`") for e in errors)
    assert any(e.startswith("extra.portal.phone:") for e in errors)
    assert any(e.startswith("extra.portal.website: trường `website` không có trong mẫu") for e in errors)


def test_every_page_shows_it_and_a_wrong_one_stops_the_build(small_site):
    config = small_site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("    operator: SNV-KH\n", "    operator: SNV-KH\n    address: Số 1 Lê Lợi, Nha Trang\n"
                                   "    links:\n      - title: Cổng Dịch vụ công quốc gia\n        url: https://dichvucong.gov.vn\n"),
                      encoding="utf-8")
    result = mkdocs_build(small_site)
    assert result.returncode == 0, result.stderr
    for page in ("index.html", "van-ban/489-qd-ubnd/index.html", "co-quan/snv-kh/index.html"):
        footer = (small_site / "site" / page).read_text(encoding="utf-8").split('class="md-copyright cchc-portal-info"')[1]
        assert re.search(r"<dt>Cơ quan chủ quản:</dt>\s*<dd><a href=\"[./a-z-]*ubnd-kh/\">Ủy ban nhân dân tỉnh Khánh Hòa</a>", footer)
        assert "<dd>Giám đốc Sở Nội vụ Nguyễn Văn A</dd>" in footer and "<dd>Số 1 Lê Lợi, Nha Trang</dd>" in footer
        assert '<a href="https://dichvucong.gov.vn" rel="external">Cổng Dịch vụ công quốc gia</a>' in footer
    # The footer is made once per way its links are written: a page beside the managing body's links to it as the
    # other pages at its depth do not, and a build that reuses nothing writes the same.
    assert mkdocs_build(small_site, "--site-dir", "clean", env={"CCHC_CACHE": "off"}).returncode == 0
    assert_same_site(small_site / "site", small_site / "clean")

    config.write_text(text.replace("managing_body: UBND-KH", "managing_body: UBND-XX"), encoding="utf-8")
    result = mkdocs_build(small_site)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "extra.portal.managing_body: không có cơ quan mã 'UBND-XX'" in result.stderr
