"""Tra cứu thủ tục in a real browser: facets, text with or without diacritics, state in the URL, no JavaScript."""

import unicodedata
from collections import Counter

import pytest
from playwright.sync_api import expect

from cchc import frontmatter
from cchc.text import fold
from conftest import REPO, finder_items

FINDER = "thu-tuc/"


@pytest.fixture(scope="module")
def catalogue() -> list[dict]:
    """The bundled procedures, read straight from their files."""
    return [frontmatter.parse(p.read_text(encoding="utf-8")).data for p in sorted((REPO / "docs/thu-tuc").glob("*.md"))]


def test_facets_filter_and_count(page, bundled_site, catalogue):
    page.goto(bundled_site + FINDER)
    total = len(catalogue)
    expect(page.locator(".cchc-finder__status")).to_have_text(f"Tất cả {total} thủ tục")
    by_department = Counter(p["department"] for p in catalogue)
    expect(page.locator('select[name="co-quan"] option[value="SXD-KH"]')).to_have_text(f"Sở Xây dựng ({by_department['SXD-KH']})")

    page.select_option('select[name="co-quan"]', "SXD-KH")
    expect(finder_items(page)).to_have_count(by_department["SXD-KH"])
    assert set(finder_items(page).evaluate_all("els => els.map(e => e.dataset.coQuan)")) == {"SXD-KH"}
    expect(page.get_by_role("heading", name="Sở Tư pháp tỉnh Khánh Hòa")).to_be_hidden()

    # Counts of the other facets follow the filter; a field of another department has none.
    roads = sum(1 for p in catalogue if p["department"] == "SXD-KH" and p["field"] == "Đường bộ")
    expect(page.locator('select[name="linh-vuc"] option[value="duong-bo"]')).to_have_text(f"Đường bộ ({roads})")
    expect(page.locator('select[name="linh-vuc"] option[value="luat-su"]')).to_be_disabled()

    online = sum(1 for p in catalogue if p["department"] == "SXD-KH" and p["field"] == "Đường bộ" and p.get("online"))
    page.select_option('select[name="linh-vuc"]', "duong-bo")
    page.select_option('select[name="truc-tuyen"]', "mot-phan")
    expect(finder_items(page)).to_have_count(online)
    expect(page.locator(".cchc-finder__status")).to_have_text(f"Tìm thấy {online} / {total} thủ tục")
    assert "co-quan=SXD-KH" in page.url and "linh-vuc=duong-bo" in page.url and "truc-tuyen=mot-phan" in page.url


PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1366, "height": 900}


def type_in(page, selector: str, text: str) -> None:
    """Key by key, as a reader types: every keystroke fires its own input event."""
    page.locator(selector).click()
    page.locator(selector).press_sequentially(text, delay=15)


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("typed", ["đăng ký hoạt động", "dang ky hoat dong", "DANG KY HOAT DONG",
                                   unicodedata.normalize("NFD", "đăng ký hoạt động")], ids=["nfc", "plain", "upper", "nfd"])
def test_text_search_with_or_without_diacritics(page, bundled_site, catalogue, typed, size):
    expected = sum(1 for p in catalogue if all(w in fold(p["name"] + " " + p["code"]) for w in "dang ky hoat dong".split()))
    assert expected > 5
    page.set_viewport_size(size)
    page.goto(bundled_site + FINDER)
    type_in(page, 'input[name="tim"]', typed)
    expect(page.locator('input[name="tim"]')).to_have_value(typed)  # every space typed is still there
    expect(finder_items(page)).to_have_count(expected)
    for name in finder_items(page).all_inner_texts()[:5]:
        assert "đăng ký hoạt động" in name.lower()


def test_search_by_code_and_by_field_words(page, bundled_site):
    page.set_viewport_size(PHONE)
    page.goto(bundled_site + FINDER)
    type_in(page, 'input[name="tim"]', "1.000688")
    expect(finder_items(page)).to_have_count(1)
    expect(finder_items(page).first).to_contain_text("Cấp Chứng chỉ hành nghề luật sư")
    page.locator('input[name="tim"]').fill("")
    type_in(page, 'input[name="tim"]', "cong chung")
    expect(finder_items(page).first).to_contain_text("công chứng")


def test_the_placeholder_example_finds_something_and_nothing_found_gives_advice(page, bundled_site):
    page.set_viewport_size(PHONE)
    page.goto(bundled_site + FINDER)
    example = page.locator('input[name="tim"]').get_attribute("placeholder").removeprefix("Ví dụ: ")
    for part in example.split(", "):
        page.locator('input[name="tim"]').fill("")
        type_in(page, 'input[name="tim"]', part)
        expect(page.locator(".cchc-finder__status")).to_contain_text("Tìm thấy")
    page.locator('input[name="tim"]').fill("")
    type_in(page, 'input[name="tim"]', "khong co thu tuc nay")
    expect(page.locator(".cchc-finder__status")).to_have_text(
        "Không có thủ tục nào khớp. Thử bớt một từ, kiểm tra chính tả (gõ có dấu hay không dấu đều được).")


def test_state_in_the_url_survives_reload_and_back(page, bundled_site, catalogue):
    page.goto(bundled_site + FINDER + "?tim=luat%20su&linh-vuc=luat-su")
    expect(page.locator('input[name="tim"]')).to_have_value("luat su")
    expect(page.locator('select[name="linh-vuc"]')).to_have_value("luat-su")
    lawyers = sum(1 for p in catalogue if p["field"] == "Luật sư" and "luat su" in fold(p["name"]))
    expect(finder_items(page)).to_have_count(lawyers)
    page.reload()
    expect(finder_items(page)).to_have_count(lawyers)

    page.select_option('select[name="linh-vuc"]', "")
    expect(page.locator('select[name="linh-vuc"]')).to_have_value("")
    page.go_back()
    expect(page.locator('select[name="linh-vuc"]')).to_have_value("luat-su")
    expect(finder_items(page)).to_have_count(lawyers)


def test_department_page_opens_the_finder_filtered_to_it(page, bundled_site, catalogue):
    page.goto(bundled_site + "co-quan/stp-kh/")
    count = sum(1 for p in catalogue if p["department"] == "STP-KH")
    expect(page.locator("article")).to_contain_text(f"Thủ tục hành chính ({count})")
    page.get_by_role("link", name="Tra cứu thủ tục của Sở Tư pháp").click()
    expect(page.locator('select[name="co-quan"]')).to_have_value("STP-KH")
    expect(finder_items(page)).to_have_count(count)


def test_without_javascript_every_procedure_is_listed_by_department(browser, bundled_site, catalogue):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(bundled_site + FINDER)
    expect(page.locator(".cchc-finder")).to_be_hidden()
    departments = page.locator(".cchc-finder__browse a")
    expect(departments).to_have_count(len({p["department"] for p in catalogue}))
    first = min(p["department"] for p in catalogue)  # in the order of department codes
    assert first == "SNNMT-KH"
    expect(departments.first).to_have_text("Sở Nông nghiệp và Môi trường tỉnh Khánh Hòa")
    listed = []
    for href in departments.evaluate_all("links => links.map(a => a.href)"):
        page.goto(href)
        listed += page.locator("article li .cchc-code").all_inner_texts()
        expect(page.locator("article h2").first).to_be_visible()  # grouped by field
    assert sorted(listed) == sorted(p["code"] for p in catalogue)
    page.locator("article li a").first.click()  # a listed procedure opens
    expect(page.locator("h1")).to_have_count(1)
    context.close()


def test_the_finder_page_stays_small_and_the_script_lists_the_whole_catalogue(page, bundled_site, catalogue):
    import urllib.request

    with urllib.request.urlopen(bundled_site + FINDER) as response:
        html = response.read()
    assert len(html) < 40_000 and catalogue[0]["name"].encode() not in html
    page.goto(bundled_site + FINDER)
    expect(finder_items(page)).to_have_count(len(catalogue))
    expect(page.locator(".cchc-finder__browse")).to_be_hidden()


def test_procedure_page_offers_online_submission(page, bundled_site):
    page.goto(bundled_site + "thu-tuc/1-000688/")
    button = page.get_by_role("link", name="Nộp hồ sơ trực tuyến")
    expect(button).to_have_attribute("href", "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-3faa-71b6-96ab-51618971aa7f")
    expect(page.locator("table").first).to_contain_text("15 ngày làm việc")
