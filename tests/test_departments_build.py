"""Department pages as Decree 42/2022 asks: functions, contacts (each missing one said so, never an empty heading), the
focal contact for reform questions, and the structure drawn from the parent relations as a tree without a script."""

import re

from conftest import mkdocs_build, write

UNIT = """---
code: TTPVHCC-KH
name: Trung tâm Phục vụ hành chính công tỉnh Khánh Hòa
level: don-vi-su-nghiep
parent: SNV-KH
province: Khánh Hòa
address: "Số 1 Trần Phú, phường Nha Trang, tỉnh Khánh Hòa"
phone: "0258 3568 000"
email: ttpvhcc@khanhhoa.gov.vn
website: https://dichvucong.khanhhoa.gov.vn
hours: "Sáng 7:00–11:30, chiều 13:30–17:00, thứ Hai đến thứ Sáu"
map: https://www.openstreetmap.org/?mlat=12.2388&mlon=109.1967
functions: |
  Tiếp nhận, trả kết quả thủ tục hành chính của các sở, ngành.
  - Hướng dẫn người dân, doanh nghiệp
  - Theo dõi việc giải quyết hồ sơ
head: {name: Trần Văn B, position: Giám đốc}
deputies:
  - {name: Lê Thị C, position: Phó Giám đốc}
  - {name: Phạm Văn D, position: Phó Giám đốc}
contact: {name: Ngô Thị E, position: Chuyên viên, phone: "0258 3568 001", email: hotro@khanhhoa.gov.vn}
---
"""


def _built(small_site):
    write(small_site, "docs/co-quan/ttpvhcc-kh.md", UNIT)
    result = mkdocs_build(small_site)
    assert result.returncode == 0, result.stderr
    return small_site / "site"


def _section(page: str, anchor: str) -> str:
    return page.split(f'id="{anchor}"')[1].split("<h2")[0]


def test_every_contact_is_shown_and_a_missing_one_says_so(small_site):
    site = _built(small_site)
    unit = (site / "co-quan/ttpvhcc-kh/index.html").read_text(encoding="utf-8")
    contacts = _section(unit, "thong-tin-lien-he")
    assert "Chưa cập nhật" not in contacts and "Cổng chưa có" not in contacts
    assert '<a href="tel:02583568000">0258 3568 000</a>' in contacts
    assert '<a href="mailto:ttpvhcc@khanhhoa.gov.vn">ttpvhcc@khanhhoa.gov.vn</a>' in contacts
    assert 'rel="external">Xem vị trí trụ sở trên bản đồ</a>' in contacts
    assert "Phó Giám đốc Lê Thị C<br>Phó Giám đốc Phạm Văn D" in contacts
    assert re.search(r"Ngô Thị E, Chuyên viên, <a href=\"tel:02583568001\">", contacts)
    functions = _section(unit, "chuc-nang-nhiem-vu")
    assert "<p>Tiếp nhận, trả kết quả" in functions and re.search(r"<li>Hướng dẫn người dân, doanh nghiệp\s*</li>", functions)

    home = (site / "co-quan/snv-kh/index.html").read_text(encoding="utf-8")  # phone, e-mail and head only
    contacts = re.sub(r"<[^>]+>", " ", _section(home, "thong-tin-lien-he"))
    assert len(re.findall(r"Địa chỉ\s+Chưa cập nhật", contacts)) == 1
    assert contacts.count("Chưa cập nhật") == 7  # address, website, hours, map, deputies, focal contact, and the note
    assert "Cổng chưa có đủ thông tin liên hệ được công bố của cơ quan này (6 mục" in contacts
    assert "Chưa cập nhật" in _section(home, "chuc-nang-nhiem-vu")


def test_the_structure_is_a_tree_from_the_parent_relations(small_site):
    site = _built(small_site)
    home = (site / "co-quan/snv-kh/index.html").read_text(encoding="utf-8")
    chart = _section(home, "co-cau-to-chuc")
    # The superior above, the department itself (not a link), its unit below.
    assert re.search(r'<ul class="cchc-org">\s*<li><a href="\.\./ubnd-kh/">Ủy ban nhân dân tỉnh Khánh Hòa</a>\s*<ul>\s*'
                     r'<li><strong aria-current="page">Sở Nội vụ tỉnh Khánh Hòa</strong>\s*<ul>\s*'
                     r'<li><a href="\.\./ttpvhcc-kh/">Trung tâm Phục vụ hành chính công tỉnh Khánh Hòa</a>', chart)
    unit = (site / "co-quan/ttpvhcc-kh/index.html").read_text(encoding="utf-8")
    assert "Cổng chưa có đơn vị trực thuộc nào" in _section(unit, "co-cau-to-chuc")

    index = (site / "co-quan/index.html").read_text(encoding="utf-8")
    tree = _section(index, "so-do-to-chuc")
    assert re.search(r'<li><a href="ubnd-kh/">[^<]+</a>\s*<ul>\s*<li><a href="snv-kh/">[^<]+</a>\s*<ul>\s*'
                     r'<li><a href="ttpvhcc-kh/">', tree)
