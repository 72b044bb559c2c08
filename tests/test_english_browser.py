"""The language switch as readers use it, at phone and desktop sizes: from a department's page to its English page
and back, from the footer to the English section, and axe-core on the English pages."""

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect



def _no_violations(page) -> None:
    violations = Axe().run(page, context="article").response["violations"]
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


def test_a_department_switches_to_english_and_back(sized, bundled_site):
    page = sized
    page.goto(bundled_site + "co-quan/stp-kh/")
    english = page.locator("article").get_by_role("link", name="English")
    english.focus()
    page.keyboard.press("Enter")
    expect(page.locator("article h1")).to_contain_text("Khanh Hoa Department of Justice")
    expect(page.locator('article [lang="en"] h1')).to_have_count(1)
    expect(page.locator(".cchc-meta").last).to_contain_text("Not published yet")
    _no_violations(page)
    page.get_by_role("link", name="Tiếng Việt").click()
    expect(page.locator("article h1")).to_contain_text("Sở Tư pháp tỉnh Khánh Hòa")


def test_the_footer_leads_to_the_english_section_and_its_procedures(sized, bundled_site):
    page = sized
    page.goto(bundled_site + "tin-tuc/")
    page.locator(".md-footer").get_by_role("link", name="English").click()
    expect(page.locator("article h1")).to_contain_text("Administrative reform portal")
    page.get_by_role("link", name="procedures foreigners carry out").click()
    expect(page.locator("article h1")).to_contain_text("Procedures for foreigners")
    _no_violations(page)
    page.get_by_role("link", name="Adoption of a Vietnamese child by a foreigner permanently residing in Viet Nam").click()
    expect(page.locator("table")).to_contain_text("In person")
    _no_violations(page)
