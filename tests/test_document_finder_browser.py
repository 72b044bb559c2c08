"""Tra cứu văn bản in a real browser, at phone and desktop sizes: words typed key by key with or without tone marks,
facets, the state in the URL and Back, the keyboard, axe-core, and the listings readers without JavaScript get."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from cchc import frontmatter
from cchc.text import fold
from conftest import REPO, SIZES, finder_items

FINDER = "van-ban/tra-cuu/"


@pytest.fixture(scope="module")
def documents() -> list[dict]:
    """The bundled documents, read straight from their files."""
    return [frontmatter.parse(p.read_text(encoding="utf-8")).data for p in sorted((REPO / "plans").glob("*.md"))]


def type_in(page, text: str) -> None:
    box = page.locator('input[name="tim"]')
    box.click()
    box.press_sequentially(text, delay=15)


def test_typed_words_with_or_without_tone_marks_and_a_symbol_find_documents(sized, bundled_site, documents):
    page = sized
    page.goto(bundled_site + FINDER)
    expect(page.locator(".cchc-finder__status")).to_have_text(f"Tất cả {len(documents)} văn bản")
    for typed in ("thi đua", "THI DUA", "thi dua "):
        page.locator('input[name="tim"]').fill("")
        type_in(page, typed)
        expect(page.locator('input[name="tim"]')).to_have_value(typed)  # the space typed last is still there
        expected = [d for d in documents if "thi dua" in fold(d["title"])]
        expect(finder_items(page)).to_have_count(len(expected))
        expect(finder_items(page).first).to_contain_text("thi đua")
    page.locator('input[name="tim"]').fill("")
    type_in(page, "489/qđ")
    expect(finder_items(page)).to_have_count(1)
    expect(finder_items(page).first).to_contain_text("Quyết định số 489/QĐ-UBND")
    finder_items(page).first.locator("a").click()
    expect(page.locator("h1")).to_contain_text("Quyết định ban hành Kế hoạch tuyên truyền")
    expect(page.locator(".cchc-meta")).to_contain_text("Còn hiệu lực")


def test_facets_count_filter_and_live_in_the_url_with_back(sized, bundled_site, documents):
    page = sized
    page.goto(bundled_site + FINDER)
    in_2020 = sum(1 for d in documents if str(d["issued"]).startswith("2020"))
    expect(page.locator('select[name="nam"] option[value="2020"]')).to_have_text(f"2020 ({in_2020})")
    page.select_option('select[name="nam"]', "2020")
    expect(finder_items(page)).to_have_count(in_2020)
    expect(page.get_by_role("heading", name="2022")).to_be_hidden()
    assert "nam=2020" in page.url
    decisions = sum(1 for d in documents if str(d["issued"]).startswith("2020") and d["doc_type"] == "Quyết định")
    expect(page.locator('select[name="loai"] option[value="Quyết định"]')).to_have_text(f"Quyết định ({decisions})")
    page.select_option('select[name="loai"]', "Quyết định")
    expect(finder_items(page)).to_have_count(decisions)
    expect(page.locator(".cchc-finder__status")).to_have_text(f"Tìm thấy {decisions} / {len(documents)} văn bản")

    page.go_back()
    expect(page.locator('select[name="loai"]')).to_have_value("")
    expect(finder_items(page)).to_have_count(in_2020)
    page.reload()
    expect(page.locator('select[name="nam"]')).to_have_value("2020")
    expect(finder_items(page)).to_have_count(in_2020)
    violations = Axe().run(page, context="article").response["violations"]
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


def test_the_keyboard_reaches_every_filter_in_order(page, bundled_site):
    page.goto(bundled_site + FINDER)
    type_in(page, "ke hoach")
    reached = []
    for _ in range(5):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.name"))
    assert reached == ["loai", "co-quan", "nam", "hieu-luc", "linh-vuc"]
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")  # back on the year
    page.keyboard.press("ArrowDown")  # the newest year
    expect(page.locator('select[name="nam"]')).not_to_have_value("")
    assert "nam=" in page.url and "tim=ke+hoach" in page.url


def test_without_javascript_the_listings_are_offered(browser, bundled_site, documents):
    context = browser.new_context(java_script_enabled=False, viewport=SIZES["phone"])
    page = context.new_page()
    page.goto(bundled_site + FINDER)
    expect(page.locator(".cchc-finder")).to_be_hidden()
    page.locator(".cchc-finder__browse").get_by_role("link", name="Theo loại văn bản").click()
    expect(page.locator("article li a")).to_have_count(len(documents))
    context.close()


def test_the_document_lists_link_to_the_finder(page, bundled_site):
    page.goto(bundled_site + "van-ban/")
    page.get_by_role("link", name="Tra cứu văn bản").first.click()
    expect(page.locator("h1")).to_contain_text("Tra cứu văn bản")
    expect(page.locator(".cchc-finder")).to_be_visible()
