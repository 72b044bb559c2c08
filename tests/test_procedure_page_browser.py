"""A procedure page as a citizen reads it, in Chromium at phone and desktop sizes, with the keyboard and axe-core."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}


@pytest.fixture(params=list(SIZES))
def sized(request, browser):
    context = browser.new_context(locale="vi-VN", viewport=SIZES[request.param])
    yield request.param, context.new_page()
    context.close()


def test_times_and_fees_as_a_reader_reads_them_on_every_screen(sized, bundled_site):
    size, page = sized
    page.goto(bundled_site + "thu-tuc/1-000688/")
    channels = page.locator("h2#cach-thuc-thuc-hien-thoi-han-va-phi").locator("xpath=following::table[1]")
    online = channels.locator("tbody tr").first
    expect(online.locator('td[data-label="Thời hạn giải quyết"]')).to_have_text("15 ngày làm việc")
    expect(online.locator('td[data-label="Phí, lệ phí"]')).to_have_text("800.000\u00a0đồng")
    expect(online.locator('td[data-label="Ghi chú về phí"]')).to_contain_text("400.000 đồng/hồ sơ")
    expect(channels.locator("th")).to_have_count(4)  # no description column: no row has one
    # No table wider than the screen: a phone shows each row stacked instead of a table to scroll sideways.
    for table in page.locator("article table tbody").all():
        box = table.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= SIZES[size]["width"], box
    violations = Axe().run(page, context="article").response["violations"]
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


def test_what_the_portal_wrote_unsplit_is_shown_as_such(sized, bundled_site):
    _, page = sized
    page.goto(bundled_site + "thu-tuc/1-013807/")
    # The national portal gives the time as `1` with no unit: shown as written, never as a duration.
    expect(page.locator('td[data-label="Thời hạn giải quyết"]').first).to_have_text("1 (không ghi đơn vị)")
    violations = Axe().run(page, context="article").response["violations"]
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]
    # A document whose form name cannot be told from its name (`…Nghị định GMSGMS - Gia hạn.docx`) is one
    # cell, marked as copied verbatim.
    page.goto(bundled_site + "thu-tuc/1-002046/")
    verbatim = page.locator('td[data-label="Tên giấy tờ / Mẫu đơn, tờ khai"]').first
    expect(verbatim).to_contain_text("GMSGMS - Gia hạn.docx")
    expect(verbatim.locator(".cchc-verbatim")).to_have_text("(chép nguyên văn từ Cổng Dịch vụ công quốc gia)")
    violations = Axe().run(page, context="article").response["violations"]
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


def test_the_keyboard_reaches_online_submission(sized, bundled_site):
    _, page = sized
    page.goto(bundled_site + "thu-tuc/1-000688/")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Nộp hồ sơ trực tuyến":
            break
    else:
        pytest.fail("Tab never reached the online submission button")
    expect(page.locator(":focus")).to_have_attribute("href", "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-3faa-71b6-96ab-51618971aa7f")
