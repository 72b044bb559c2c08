"""Tiến độ thực hiện in Chromium at phone and desktop sizes: the task finder typed key by key, its filters in the URL
and Back, the progress bars' accessible names, and axe-core."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from cchc.content import Layout, load_site
from conftest import REPO, finder_items



@pytest.fixture(scope="module")
def tasks():
    return list(load_site(Layout.at(REPO)).tasks.values())


def test_tasks_are_found_typed_and_filtered_with_the_state_in_the_url(sized, bundled_site, tasks):
    page = sized
    page.goto(bundled_site + "tien-do/")
    expect(page.locator(".cchc-finder__status")).to_have_text(f"Tất cả {len(tasks)} nhiệm vụ")
    box = page.locator('input[name="tim"]')
    box.click()
    box.press_sequentially("tap huan", delay=15)
    training = [t for t in tasks if "tập huấn" in t.text.lower()]
    expect(finder_items(page)).to_have_count(len(training))
    assert "tim=tap+huan" in page.url
    page.select_option('select[name="co-quan"]', "SNV-KH")
    expect(finder_items(page)).to_have_count(sum(1 for t in training if "SNV-KH" in t.departments))
    assert "co-quan=SNV-KH" in page.url
    page.go_back()
    expect(page.locator('select[name="co-quan"]')).to_have_value("")
    expect(finder_items(page)).to_have_count(len(training))
    finder_items(page).first.locator("a").click()
    expect(page.locator("tr:target")).to_have_count(1)  # the plan page, at the task's row
    expect(page.locator("tr:target")).to_contain_text("tập huấn")


def test_bars_say_their_numbers_and_the_page_passes_axe(sized, bundled_site, tasks):
    page = sized
    page.goto(bundled_site + "tien-do/")
    bar = page.locator('.cchc-progress[role="img"]').first
    label = bar.get_attribute("aria-label")
    assert label.startswith(f"{len(tasks)} nhiệm vụ: ") and "đã hoàn thành" in label and "quá hạn" in label
    expect(page.get_by_role("img", name=label)).to_have_count(1)
    violations = Axe().run(page, context="article").response["violations"]
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


def test_index_charts_are_images_named_by_their_numbers_beside_a_table(sized, bundled_site):
    page = sized
    page.goto(bundled_site + "chi-so/sipas/")
    chart = page.get_by_role("img", name="Biểu đồ SIPAS của Ủy ban nhân dân tỉnh Khánh Hòa theo năm: 2023: 81,09, 2024: 83,66")
    expect(chart).to_be_visible()
    assert page.evaluate("img => img.complete && img.naturalWidth > 0", chart.element_handle())  # the SVG loads
    expect(page.locator(".cchc-rows").first).to_contain_text("83,66%")
    expect(page.locator(".cchc-rows").first).to_contain_text("tăng 13 bậc")
    violations = Axe().run(page, context="article").response["violations"]
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]
    page.goto(bundled_site + "chi-so/sipas/ubnd-kh.svg")  # opened alone, it names itself
    expect(page.locator("svg title")).to_have_text("SIPAS của Ủy ban nhân dân tỉnh Khánh Hòa theo năm")
