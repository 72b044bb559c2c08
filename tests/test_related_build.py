"""A cited document that is on the portal becomes a link, and lists the documents that cite it."""

import re

from conftest import mkdocs_build, write

CITING = """---
number: 15/KH-UBND
doc_type: Kế hoạch
issuer: UBND-KH
place: Khánh Hòa
issued: 2020-04-02
title: Triển khai tuyên truyền cải cách hành chính năm 2020 tại các huyện
signer: {name: Nguyễn Tấn Tuân, position: Chủ tịch}
period: "2020"
areas: [thu-tuc-hanh-chinh]
legal_bases:
  - text: Quyết định số 489/QĐ-UBND ngày 11/3/2020 của UBND tỉnh
    number: 489/QĐ-UBND
    date: 2020-03-11
---

Thực hiện Quyết định số 489/QĐ-UBND ngày 11/3/2020 của UBND tỉnh ban hành Kế hoạch tuyên truyền; Nghị quyết
số 76/NQ-CP ngày 15/7/2021 của Chính phủ, và Quyết định số 489/QĐ-UBND ngày 05/01/2019 (một văn bản khác cùng số).
"""


def test_citations_link_both_ways(small_site):
    write(small_site, "plans/2020-15-kh-ubnd.md", CITING)
    result = mkdocs_build(small_site)
    assert result.returncode == 0, result.stderr
    citing = (small_site / "site/van-ban/2020-15-kh-ubnd/index.html").read_text(encoding="utf-8")
    link = '<a href="../489-qd-ubnd/">Quyết định số 489/QĐ-UBND ngày 11/3/2020 của UBND tỉnh</a>'
    assert link in citing  # in the text
    assert citing.count('href="../489-qd-ubnd/"') == 2  # and in the legal bases
    assert "số 76/NQ-CP ngày 15/7/2021" in citing and 'href="../76' not in citing  # not on the portal: text
    assert "Quyết định số 489/QĐ-UBND ngày 05/01/2019" in citing  # same number, another year: not a link

    cited = (small_site / "site/van-ban/489-qd-ubnd/index.html").read_text(encoding="utf-8")
    section = cited.split('id="van-ban-lien-quan"')[1]
    assert re.search(r'href="\.\./2020-15-kh-ubnd/">Kế hoạch triển khai tuyên truyền cải cách hành chính năm 2020 tại các huyện</a><br>\s*Kế hoạch số 15/KH-UBND', section)
