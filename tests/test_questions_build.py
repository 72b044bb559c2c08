"""Hỏi đáp: a question and its published answer, listed, searched and in feeds; the page of channels to send one,
from mkdocs.yml; and the check of dates and of the procedures and documents a question names."""

import json
import re

import feedparser

from conftest import mkdocs_build, write

QUESTION = """---
title: "Quyết định 489/QĐ-UBND giao Sở Nội vụ việc gì?"
question: |
  Tôi muốn biết Sở Nội vụ được giao những nhiệm vụ nào.
  - Nhiệm vụ tuyên truyền
  - Thời hạn thực hiện
asker: "Ông N.V.A (Nha Trang)"
asked: 2024-05-02
field: Cải cách hành chính
department: SNV-KH
answered: 2024-05-06
documents: [489/qđ-ubnd]
---

Sở Nội vụ chủ trì, hướng dẫn các cơ quan tổ chức tuyên truyền cải cách hành chính.
"""


def _build(site):
    result = mkdocs_build(site, env={"CCHC_NOW": "2024-06-01T08:00"})
    assert result.returncode == 0, result.stderr
    return site / "site"


def test_a_question_is_published_listed_searched_and_in_the_feeds(small_site):
    write(small_site, "docs/hoi-dap/2024/so-noi-vu-duoc-giao.md", QUESTION)
    site = _build(small_site)
    page = (site / "hoi-dap/2024/so-noi-vu-duoc-giao/index.html").read_text(encoding="utf-8")
    panel = re.sub(r"<[^>]+>", " ", page.split('class="cchc-meta"')[1].split("</div>")[0])
    for fact in ("Ngày hỏi", "02/05/2024", "Ông N.V.A (Nha Trang)", "Cải cách hành chính", "Sở Nội vụ tỉnh Khánh Hòa",
                 "Ngày trả lời", "06/05/2024"):
        assert fact in panel, fact
    assert "<li>Nhiệm vụ tuyên truyền" in page and "Sở Nội vụ chủ trì, hướng dẫn" in page
    related = page.split('id="van-ban-lien-quan"')[1]
    assert 'href="../../../van-ban/489-qd-ubnd/">Quyết định số 489/QĐ-UBND</a>' in related  # written in lower case
    assert 'href="../../gui-cau-hoi/">Gửi câu hỏi, phản ánh, kiến nghị</a>' in page

    listing = (site / "hoi-dap/index.html").read_text(encoding="utf-8")
    assert re.search(r'<li><a href="2024/so-noi-vu-duoc-giao/">Quyết định 489/QĐ-UBND giao Sở Nội vụ việc gì\?</a><br>\s*'
                     r"Trả lời ngày 06/05/2024 · Sở Nội vụ tỉnh Khánh Hòa · Cải cách hành chính</li>", listing)

    feed = feedparser.parse((site / "feeds/hoi-dap/rss.xml").read_bytes())
    assert not feed.bozo and [e.title for e in feed.entries] == ["Quyết định 489/QĐ-UBND giao Sở Nội vụ việc gì?"]
    assert feed.entries[0].published.startswith("Mon, 06 May 2024")
    department = feedparser.parse((site / "feeds/co-quan/snv-kh/rss.xml").read_bytes())
    assert "Quyết định 489/QĐ-UBND giao Sở Nội vụ việc gì?" in [e.title for e in department.entries]

    manifest = json.loads((site / "search/manifest.json").read_text(encoding="utf-8"))
    assert "question" in manifest["kinds"] and manifest["kindLabels"]["question"] == "Hỏi đáp"


def test_the_channels_page_says_what_is_not_published(small_site):
    config = small_site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "    feedback:\n      national: https://dichvucong.gov.vn\n"
                      '      hotline: "0258 1022"\n', encoding="utf-8")
    site = _build(small_site)
    page = (site / "hoi-dap/gui-cau-hoi/index.html").read_text(encoding="utf-8")
    assert '<a href="https://dichvucong.gov.vn">https://dichvucong.gov.vn</a>' in page
    assert '<a href="tel:02581022">0258 1022</a>' in page
    assert re.search(r"Thư điện tử</dt>\s*<dd>Chưa cập nhật", page)
    assert "Kênh ghi “Chưa cập nhật”: Ban biên tập chưa công bố trên cổng" in page
    assert "Chưa có câu hỏi nào được trả lời trên cổng." in (site / "hoi-dap/index.html").read_text(encoding="utf-8")


def test_a_wrong_question_is_reported_with_its_lines(small_site):
    write(small_site, "docs/hoi-dap/2024/sai.md", QUESTION.replace("answered: 2024-05-06", "answered: 2024-04-30")
          .replace("documents: [489/qđ-ubnd]", "documents: [490/QĐ-UBND]\nprocedures: ['9.999999']"))
    result = mkdocs_build(small_site, env={"CCHC_NOW": "2024-06-01T08:00"})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "docs/hoi-dap/2024/sai.md:11: lỗi: [answered] ngày trả lời 30/04/2024 trước ngày hỏi 02/05/2024" in result.stderr
    assert "docs/hoi-dap/2024/sai.md:12: lỗi: [documents[0]] trên cổng không có văn bản số '490/QĐ-UBND'" in result.stderr
    assert "docs/hoi-dap/2024/sai.md:13: lỗi: [procedures[0]] trên cổng không có thủ tục mã '9.999999'" in result.stderr
