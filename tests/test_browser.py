"""What a reader sees in a real browser (Debian's Chromium, driven by Playwright)."""

from playwright.sync_api import expect

PLAN_489 = "van-ban/2020-489-qd-ubnd-khanh-hoa/"


def test_home_page_shows_the_latest_plans_newest_first(page, bundled_site):
    page.goto(bundled_site)
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    latest = page.locator("article h2:has-text('Văn bản mới ban hành') + ul > li")
    expect(latest).to_have_count(4)  # the four seed plans
    expect(latest.first).to_contain_text("Kế hoạch (chưa có số, /KH-SNgV)")
    # A plan dated by its year alone counts as signed late in that year.
    expect(latest.nth(2)).to_contain_text("Kế hoạch (chưa có số) · năm 2020 · Sở Tư pháp tỉnh Sóc Trăng")
    expect(latest.nth(3)).to_contain_text("Quyết định số 489/QĐ-UBND · 11/03/2020")


def test_reader_opens_a_plan_from_the_index(page, bundled_site):
    page.goto(bundled_site + "van-ban/")
    # A list names each document by its subject line, the link; its symbol and date follow.
    page.get_by_role("link", name="Quyết định ban hành Kế hoạch tuyên truyền cải cách hành chính năm 2020").first.click()
    expect(page).to_have_url(bundled_site + PLAN_489)
    expect(page.locator("article h1")).to_contain_text("Quyết định ban hành Kế hoạch tuyên truyền cải cách hành chính năm 2020")
    panel = page.locator(".cchc-meta")
    expect(panel).to_contain_text("489/QĐ-UBND")
    expect(panel).to_contain_text("Khánh Hòa, 11/03/2020")
    expect(panel).to_contain_text("Nguyễn Tấn Tuân")
    table = page.locator("h2#phan-cong-thuc-hien").locator("xpath=following::table[1]")
    expect(table.locator("tbody tr").first).to_contain_text("Sở Nội vụ")
    expect(page.locator("article")).to_contain_text("Điều 3.")


def test_footnotes_of_a_plan_link_both_ways(page, bundled_site):
    page.goto(bundled_site + "van-ban/2024-ke-hoach-tuyen-truyen-thi-dua-cchc-so-ngoai-vu-kien-giang/")
    expect(page.locator(".cchc-meta")).to_contain_text("Chưa có số")
    expect(page.locator(".cchc-meta")).to_contain_text("tháng 02/2024")
    page.locator("sup a.footnote-ref").first.click()
    expect(page.locator(".footnote li").first).to_contain_text("Gồm 6 nội dung thực hiện CCHC năm 2024")


def test_department_page_lists_its_tasks_and_leads_to_the_plan(page, bundled_site):
    page.goto(bundled_site + "co-quan/")
    page.get_by_role("link", name="Sở Tư pháp tỉnh Khánh Hòa").first.click()  # in the table (the chart has it too)
    expect(page.locator("article h1")).to_contain_text("Sở Tư pháp tỉnh Khánh Hòa")
    expect(page.locator("article")).to_contain_text("Nhiệm vụ được giao (1)")
    expect(page.locator("article")).to_contain_text("www.phapluatkhanhhoa.vn")
    # The task links to its row on the plan's page, where its state is.
    page.locator(".cchc-rows a", has_text="www.phapluatkhanhhoa.vn").click()
    expect(page).to_have_url(bundled_site + PLAN_489 + "#nhiem-vu-11")
    expect(page.locator("tr:target")).to_contain_text("Sở Tư pháp")


def test_issuer_page_lists_its_plans(page, bundled_site):
    page.goto(bundled_site + "co-quan/stp-st/")
    expect(page.locator("article")).to_contain_text("Văn bản ban hành (1)")
    expect(page.locator("article")).to_contain_text("Giám đốc Phạm Tuân")


def test_news_listing_pages_through_all_items(page, bundled_site):
    page.goto(bundled_site)
    page.get_by_role("link", name="Tin tức", exact=True).first.click()
    expect(page).to_have_url(bundled_site + "tin-tuc/")
    items = page.locator("article > ul > li")
    expect(items).to_have_count(10)
    expect(items.first).to_contain_text("Nổi bật Sở Ngoại vụ Kiên Giang triển khai kế hoạch")  # pinned first
    expect(items.nth(1)).to_contain_text("Sổ tay hướng dẫn thủ tục hành chính dành cho người nước ngoài")
    page.get_by_role("link", name="Cũ hơn →").click()
    expect(page.locator(".cchc-pages")).to_contain_text("Trang 2/3")
    page.get_by_role("link", name="Cũ hơn →").click()
    expect(page).to_have_url(bundled_site + "tin-tuc/trang-3/")  # wait for the page, not the one before it
    expect(page.locator("article > ul > li")).to_have_count(2)
    page.get_by_role("link", name="← Mới hơn").click()
    expect(page).to_have_url(bundled_site + "tin-tuc/trang-2/")


def test_category_page_from_a_news_item(page, bundled_site):
    page.goto(bundled_site + "tin-tuc/2025/stttt-kh-chinh-quyen-dien-tu/")
    expect(page.locator(".cchc-meta")).to_contain_text("20/05/2025")
    page.locator(".cchc-meta").get_by_role("link", name="Xây dựng chính quyền điện tử, chính quyền số").click()
    expect(page.locator("article h1")).to_contain_text("Xây dựng chính quyền điện tử, chính quyền số")
    titles = page.locator("article > ul > li")
    expect(titles).to_have_count(3)
    expect(titles.first).to_contain_text("Truyền thông về chính quyền điện tử, chính quyền số")
    rss = page.locator('head link[type="application/rss+xml"][href$="/feeds/chuyen-muc/chinh-quyen-so/rss.xml"]')
    expect(rss).to_have_count(1)
