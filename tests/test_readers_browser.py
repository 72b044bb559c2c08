"""Every page type as readers use it: a phone and a desktop, the keyboard, axe-core, and nothing from another host."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1366, "height": 900}
SIZES = pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
PAGE_TYPES = {
    "home": "",
    "news list": "tin-tuc/",
    "news item": "tin-tuc/2025/stp-st-ngay-phap-luat/",
    "plans list": "van-ban/",
    "plan": "van-ban/2020-489-qd-ubnd-khanh-hoa/",
    "procedure finder": "thu-tuc/",
    "procedure": "thu-tuc/1-000404/",
    "procedures of a department": "thu-tuc/co-quan/stp-kh/",
    "departments": "co-quan/",
    "department": "co-quan/stp-kh/",
    "search": "tim-kiem/?q=cai+cach",
    "feeds": "theo-doi/",
    "editors' guide": "huong-dan/",
    "not found": "404.html",
}


def _open(page, base: str, path: str) -> list[str]:
    """Load the page and wait for what its scripts write; returns every URL it requested."""
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(base + path)
    page.wait_for_load_state("networkidle")
    if path.startswith("tim-kiem/?q="):
        page.locator(".cchc-hit").first.wait_for()
    return requested


@SIZES
@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_every_page_type_passes_axe_stays_on_the_site_and_fits_the_screen(page, bundled_site, size, path):
    page.set_viewport_size(size)
    requested = _open(page, bundled_site, path)
    here = urlsplit(bundled_site).netloc
    assert [url for url in requested if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc != here] == []
    violations = [v for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in violations]
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    html = page.content()
    assert [words for words in ENGLISH if words in html] == []


ENGLISH = ["Permanent link", "Jump back to footnote", 'aria-label="Tabs"', "Made with", "Not found", "Back to top",
           "Skip to content"]


def test_the_phone_menu_is_a_button_the_keyboard_reaches(page, bundled_site):
    page.set_viewport_size(PHONE)
    page.goto(bundled_site + "van-ban/")
    drawer_links = page.locator(".md-sidebar--primary a[href]")
    reached = []
    for _ in range(6):  # the skip link, the logo, the menu button, the search box…
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.getAttribute('aria-label') || document.activeElement.textContent.trim()"))
        assert not drawer_links.evaluate_all("els => els.includes(document.activeElement)"), reached
    assert "Danh mục" in reached
    menu = page.get_by_role("button", name="Danh mục")
    expect(menu).to_have_attribute("aria-expanded", "false")
    menu.focus()
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(page.locator(".md-sidebar--primary a[href]:focus")).to_have_count(1)
    page.keyboard.press("Escape")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_focused()


@SIZES
def test_text_boxes_show_where_the_keyboard_is(page, bundled_site, size):
    page.set_viewport_size(size)
    page.goto(bundled_site + "thu-tuc/")
    for box in (".cchc-searchbar input[name=q]", 'input[name="tim"]'):
        page.locator(box).focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")  # arrive by keyboard, as :focus-visible means
        style = page.locator(box).evaluate("el => getComputedStyle(el).outlineStyle + ' ' + getComputedStyle(el).outlineWidth")
        assert not style.startswith("none") and not style.endswith(" 0px"), (box, style)


@SIZES
def test_a_feeds_address_is_copied_not_opened_as_xml(browser, bundled_site, size):
    context = browser.new_context(locale="vi-VN", viewport=size, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(bundled_site + "theo-doi/")
    expect(page.locator("article a[href$='.xml']")).to_have_count(0)
    button = page.get_by_role("button", name="Sao chép địa chỉ bảng tin Tin tức")
    button.focus()
    page.keyboard.press("Enter")
    address = bundled_site.replace(bundled_site, "https://cchc.example.gov.vn/") + "feeds/tin-tuc/rss.xml"
    expect(page.locator(".cchc-copy__status")).to_have_text(f"Đã chép địa chỉ: {address}")
    assert page.evaluate("navigator.clipboard.readText()") == address
    context.close()


def test_a_table_wider_than_the_screen_is_reached_by_the_keyboard(page, bundled_site):
    page.set_viewport_size(PHONE)  # the departments table is wider than a phone
    page.goto(bundled_site + "co-quan/")
    page.wait_for_load_state("load")
    wraps = page.locator(".md-typeset__scrollwrap")
    scrolling = wraps.evaluate_all("els => els.filter(e => e.scrollWidth > e.clientWidth).length")
    assert scrolling > 0
    expect(page.locator('.md-typeset__scrollwrap[tabindex="0"][role="region"]')).to_have_count(scrolling)
    violations = [v for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]
    assert violations == [], [v["id"] for v in violations]
