"""Reading order rebuilt from the boxes of a PDF's text runs (cchc/importers/pdf_text.py)."""

from pathlib import Path

import pytest

from cchc.importers.pdf_text import Run, ScannedPdf, layout, read_pdf

DOCUMENTS = Path(__file__).parent / "fixtures" / "documents"


def line(top: float, text: str, left: float = 90, right: float | None = None, page: int = 0) -> Run:
    """A run of 12-point text; `right` from its length, about 6 points a letter, unless given."""
    return Run(left, top - 12, right if right is not None else left + 6 * len(text), top, text, page)


def test_a_sentence_wraps_across_lines_and_pages_and_a_page_number_is_dropped():
    full = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015 và các"  # reaches the margin
    pages = [[line(700, full, right=520), line(684, "văn bản hướng dẫn;", right=200),
              line(660, "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch tuyên truyền cải cách", right=520),
              line(40, "1", left=300)],
             [line(760, "2", left=300), line(700, "hành chính năm 2020.", right=210)]]
    assert layout(pages) == [f"{full} văn bản hướng dẫn;",
                             "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch tuyên truyền cải cách hành chính năm 2020."]


def test_a_short_line_ends_its_paragraph_and_a_list_item_opens_one():
    pages = [[line(700, "Nhằm bảo đảm hoàn thành các mục tiêu sau:", right=330),
              line(684, "Tối thiểu 90% người dân được tiếp cận thông tin về dịch vụ công trực tuyến", right=520),
              line(668, "- Làm rõ những trọng tâm", right=250),
              line(652, "(VBĐT);", right=140)]]
    assert layout(pages) == ["Nhằm bảo đảm hoàn thành các mục tiêu sau:",
                             "Tối thiểu 90% người dân được tiếp cận thông tin về dịch vụ công trực tuyến",
                             "- Làm rõ những trọng tâm", "(VBĐT);"]


def test_a_borderless_table_is_read_one_column_after_the_other():
    """Decree 30's header: the issuer and the number on the left, the motto and the date on the right."""
    pages = [[line(720, "ỦY BAN NHÂN DÂN", left=126, right=260), line(720, "CỘNG HÒA XÃ HỘI CHỦ", left=326, right=492),
              line(705, "NGHĨA VIỆT NAM", left=348, right=469),
              line(692, "TỈNH KHÁNH HÒA", left=128, right=258),
              line(676, "Độc lập – Tự do – Hạnh phúc", left=314, right=504),
              line(650, "Số: 489/QĐ-UBND", left=137, right=248), line(650, "Khánh Hòa, ngày 11 tháng 3 năm", left=307, right=511),
              line(636, "2020", left=394, right=423),
              line(610, "QUYẾT ĐỊNH", left=265, right=347)]]
    assert layout(pages) == ["ỦY BAN NHÂN DÂN", "TỈNH KHÁNH HÒA", "Số: 489/QĐ-UBND",
                             "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập – Tự do – Hạnh phúc",
                             "Khánh Hòa, ngày 11 tháng 3 năm 2020", "QUYẾT ĐỊNH"]


def test_a_hyphen_that_ends_a_line_joins_a_symbol_and_stands_between_words():
    """PDFium gives a hyphen at the end of a line as U+0002."""
    pages = [[line(700, "Kế hoạch số 163/KH\x02", right=520), line(684, "UBND ngày 26/12/2019 giai đoạn 2011 \x02", right=520),
              line(668, "2020.", right=130)]]
    assert layout(pages) == ["Kế hoạch số 163/KH-UBND ngày 26/12/2019 giai đoạn 2011 - 2020."]


def test_a_scan_without_text_is_told_apart():
    with pytest.raises(ScannedPdf, match="chỉ là ảnh"):
        read_pdf(DOCUMENTS / "qd-489-2020-khanh-hoa-ban-quet.pdf")
