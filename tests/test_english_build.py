"""English pages from the English fields of the same files: the organisation, each department with an English name,
the procedures foreigners carry out; what has no English is listed as such, and each page links its counterpart."""

import re

from cchc.render.english import duration, fee
from conftest import mkdocs_build, write

PROCEDURE = """---
code: "1.003160"
name: Giải quyết việc người nước ngoài thường trú ở Việt Nam nhận trẻ em Việt Nam làm con nuôi
name_en: Adoption of a Vietnamese child by a foreigner permanently residing in Viet Nam
summary_en: For foreigners who permanently reside in Viet Nam.
department: SNV-KH
field: Nuôi con nuôi
levels: [cap-tinh]
applicants: [Người nước ngoài]
channels:
  - method: truc-tiep
    time: "Không quá 30 ngày"
    fee: "4.500.000 đồng"
---
"""
UNTRANSLATED = PROCEDURE.replace('"1.003160"', '"1.003179"').replace("name_en:", "# name_en:").replace("summary_en:", "# summary_en:")


def test_times_and_fees_read_in_english():
    assert duration("15 ngày làm việc") == "15 working days" and duration("Không quá 30 ngày") == "up to 30 days"
    assert duration("3 - 5 ngày") == "3–5 days" and duration("Theo quy định") is None
    assert fee("800.000 đồng") == "VND 800,000" and fee("Miễn phí") == "Free" and fee("Theo mức thu") is None


def test_english_pages_and_the_language_switch(small_site):
    department = small_site / "docs/co-quan/snv-kh.md"
    department.write_text(department.read_text(encoding="utf-8").replace(
        "short_name: Sở Nội vụ\n", "short_name: Sở Nội vụ\nname_en: Khanh Hoa Department of Home Affairs\n"
        "functions_en: The province's standing agency for administrative reform.\n"), encoding="utf-8")
    write(small_site, "docs/thu-tuc/1-003160.md", PROCEDURE)
    write(small_site, "docs/thu-tuc/1-003179.md", UNTRANSLATED)
    result = mkdocs_build(small_site)
    assert result.returncode == 0, result.stderr
    site = small_site / "site"

    organisation = (site / "en/index.html").read_text(encoding="utf-8")
    assert '<div lang="en">' in organisation
    assert re.search(r'Operated by</dt>\s*<dd><a href="departments/snv-kh/">Khanh Hoa Department of Home Affairs</a>', organisation)
    missing = organisation.split('id="not-yet-available-in-english"')[1]
    assert "Ủy ban nhân dân tỉnh Khánh Hòa" in missing  # a department without English fields, listed as such

    page = (site / "en/departments/snv-kh/index.html").read_text(encoding="utf-8")
    assert "The province's standing agency for administrative reform." in page
    assert re.search(r'Phone</dt>\s*<dd><a href="tel:02583822001">0258 3822 001</a>', page)
    assert re.search(r"Address</dt>\s*<dd>Not published yet", page)
    assert '<a href="../../../co-quan/snv-kh/" hreflang="vi" lang="vi">Tiếng Việt</a>' in page
    assert 'href="../../procedures/1-003160/">Adoption of a Vietnamese child' in page
    vietnamese = (site / "co-quan/snv-kh/index.html").read_text(encoding="utf-8")
    assert '<a href="../../en/departments/snv-kh/" hreflang="en" lang="en">English</a>' in vietnamese
    assert 'hreflang="en"' not in (site / "co-quan/ubnd-kh/index.html").read_text(encoding="utf-8").split("md-footer")[0]

    procedure = (site / "en/procedures/1-003160/index.html").read_text(encoding="utf-8")
    assert "<td>In person</td><td>up to 30 days</td><td>VND 4,500,000</td>" in procedure
    listing = (site / "en/procedures/index.html").read_text(encoding="utf-8")
    assert "2 administrative procedures that foreigners" in listing and "1 of them are described in English" in listing
    assert 'id="in-english"' in listing
    # Those without English are counted by department, each linking to its Vietnamese listing: a page stays small.
    assert "Đăng ký lại" not in listing and "1.003179" not in listing
    waiting = listing.split('id="not-yet-available-in-english"')[1]
    assert re.search(r'By department.*?<li><span lang="vi"><a href="../../thu-tuc/co-quan/snv-kh/">'
                     r"Sở Nội vụ tỉnh Khánh Hòa</a></span>: 1</li>", waiting, re.S)
    assert not (site / "en/procedures/1-003179").exists()


def test_the_english_procedures_are_a_hundred_a_page(small_site):
    for number in range(1, 106):
        write(small_site, f"docs/thu-tuc/1-{number:06d}.md", PROCEDURE.replace('"1.003160"', f'"1.{number:06d}"')
              .replace("name_en: ", f"name_en: No {number:03d} "))
    result = mkdocs_build(small_site)
    assert result.returncode == 0, result.stderr
    first = (small_site / "site/en/procedures/index.html").read_text(encoding="utf-8")
    second = (small_site / "site/en/procedures/page-2/index.html").read_text(encoding="utf-8")
    assert "105 of them are described in English" in first and first.count('href="1-0') == 100
    assert second.count('href="../1-0') == 5 and "Page 2/2" in second and 'href="../">← Previous</a>' in second
    assert "<title>Procedures for foreigners – page 2" in second
