"""Printing an article, a document or a procedure: a print button that the keyboard reaches, and a page printed to
PDF by Chromium that keeps its title, metadata, text and address, without the site's navigation."""

import pypdfium2 as pdfium
import pytest
from playwright.sync_api import expect

PAGES = {"document": ("van-ban/2020-489-qd-ubnd-khanh-hoa/", "Quyết định ban hành Kế hoạch tuyên truyền",
                      ["Số ký hiệu", "489/QĐ-UBND", "Còn hiệu lực", "Điều 1."]),
         "procedure": ("thu-tuc/1-000688/", "Cấp Chứng chỉ hành nghề luật sư", ["Mã thủ tục", "1.000688", "15 ngày làm việc"]),
         "article": ("tin-tuc/2024/snv-kh-tap-huan-nghiep-vu-cchc/", "Tập huấn nghiệp vụ cải cách hành chính",
                     ["Ngày đăng", "Sở Nội vụ tỉnh Khánh Hòa"]),
         "question": ("hoi-dap/2025/le-phi-cap-chung-chi-hanh-nghe-luat-su/", "Lệ phí cấp Chứng chỉ hành nghề luật sư",
                      ["Ngày hỏi", "Ngày trả lời", "800.000 đồng"])}


def _printed_text(page, path) -> str:
    page.pdf(path=str(path), format="A4")
    document = pdfium.PdfDocument(str(path))
    text = "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    document.close()
    return " ".join(text.replace("\r", " ").split())


@pytest.mark.parametrize("name", list(PAGES))
def test_a_printed_page_keeps_title_metadata_text_and_address(page, bundled_site, tmp_path, name):
    url, title, facts = PAGES[name]
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(bundled_site + url)
    button = page.get_by_role("button", name="In trang này")
    expect(button).to_be_visible()
    button.focus()
    expect(button).to_be_focused()
    printed = _printed_text(page, tmp_path / f"{name}.pdf")
    assert title in printed
    for fact in facts:
        assert fact in printed, fact
    assert f"Nguồn: https://cchc.example.gov.vn/{url}" in printed
    for navigation in ("Tìm văn bản, thủ tục, tin tức", "In trang này", "Cơ quan chủ quản"):
        assert navigation not in printed, navigation


def test_listings_and_department_pages_have_no_print_button(page, bundled_site):
    for url in ("van-ban/", "co-quan/snv-kh/"):
        page.goto(bundled_site + url)
        expect(page.locator(".cchc-print")).to_have_count(0)
