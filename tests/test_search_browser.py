"""Search in a real browser: Vietnamese typed with or without diacritics, in any case or normal form."""

import re
import unicodedata
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from conftest import mkdocs_build, serve, write

QUERIES = [  # (typed, a title the first results must include, how many of the first results to look at)
    # The shortest title that has the words side by side comes first.
    ("cải cách hành chính", "Kế hoạch tuyên truyền cải cách hành chính năm 2020", 1),
    ("cai cach hanh chinh", "Kế hoạch tuyên truyền cải cách hành chính năm 2020", 1),
    ("CẢI CÁCH HÀNH CHÍNH", "Kế hoạch tuyên truyền cải cách hành chính năm 2020", 1),
    (unicodedata.normalize("NFD", "cải cách hành chính"), "Kế hoạch tuyên truyền cải cách hành chính năm 2020", 1),
    ("đăng ký hoạt động", "Đăng ký hoạt động Văn phòng công chứng", 1),
    ("dang ky hoat dong", "Đăng ký hoạt động Văn phòng công chứng", 1),
    ("489/QĐ-UBND", "Quyết định ban hành Kế hoạch tuyên truyền cải cách hành chính năm 2020", 1),
    ("489/QD-UBND", "Quyết định ban hành Kế hoạch tuyên truyền cải cách hành chính năm 2020", 1),
    ("cap the cong chung vien", "Cấp thẻ công chứng viên", 1),
    ("tro giup phap ly", "Thủ tục yêu cầu trợ giúp pháp lý", 1),
    ("thua phat lai", "Bổ nhiệm Thừa phát lại", 1),
    ("nha o xa hoi", "Cho thuê, cho thuê mua nhà ở xã hội do Nhà nước đầu tư xây dựng bằng vốn đầu tư công", 2),
    ("Sở Ngoại vụ Kiên Giang", "Sở Ngoại vụ tỉnh Kiên Giang", 1),
    ("so tu phap khanh hoa", "Sở Tư pháp tỉnh Khánh Hòa", 1),
    ("Đài Phát thanh", "Đài Phát thanh - Truyền hình Khánh Hòa", 1),
    ("ĐÀI PHÁT THANH", "Đài Phát thanh - Truyền hình Khánh Hòa", 1),
    ("chuyen doi so", "Kế hoạch thực hiện công tác thông tin, tuyên truyền và phát động phong trào thi đua thực hiện nhiệm vụ về cải cách hành chính năm 2024", 3),
    ("489/QĐ-UBND ngày 11/3/2020", "Quyết định ban hành Kế hoạch tuyên truyền cải cách hành chính năm 2020", 1),
]


def results(page, base: str, query: str, extra: str = ""):
    page.goto(f"{base}tim-kiem/?q={quote(query)}{extra}")
    expect(page.locator(".cchc-search__status")).to_have_text(re.compile(r"^(Tìm thấy|Không tìm thấy)"))
    return page.locator(".cchc-hit > a")


@pytest.mark.parametrize("typed, title, within", QUERIES, ids=[q[0] for q in QUERIES])
def test_query_table(page, bundled_site, typed, title, within):
    titles = results(page, bundled_site, typed).all_inner_texts()
    assert any(t.startswith(title) for t in titles[:within]), titles[:5]


def test_typed_with_or_without_diacritics_finds_the_same_documents(page, bundled_site):
    counts = set()
    for typed in ("cải cách hành chính", "cai cach hanh chinh", "CẢI CÁCH HÀNH CHÍNH", unicodedata.normalize("NFD", "Cải Cách Hành Chính")):
        results(page, bundled_site, typed)
        counts.add(page.locator(".cchc-search__status").inner_text())
    assert len(counts) == 1, counts


def test_results_show_kind_department_date_and_an_excerpt_in_the_original_diacritics(page, bundled_site):
    hits = results(page, bundled_site, "dang ky bien phap bao dam")
    first = page.locator(".cchc-hit").first
    # Registering a security interest is done by the land registration office: the agriculture and environment department.
    expect(first.locator(".cchc-hit__meta")).to_have_text("Thủ tục hành chính · Sở Nông nghiệp và Môi trường tỉnh Khánh Hòa")
    marks = [m.lower() for m in first.locator("mark").all_inner_texts()]
    assert "đăng ký biện pháp bảo đảm" in marks  # typed without diacritics, the phrase marked as written
    results(page, bundled_site, "489/QĐ-UBND")
    expect(page.locator(".cchc-hit__meta").first).to_have_text("Văn bản · Ủy ban nhân dân tỉnh Khánh Hòa · 11/03/2020")
    hits.first.click()
    expect(page).to_have_url(bundled_site + "van-ban/2020-489-qd-ubnd-khanh-hoa/")


def test_results_narrow_by_kind_and_department_and_the_filters_live_in_the_url(page, bundled_site):
    results(page, bundled_site, "tuyen truyen")
    page.select_option('select[name="loai"]', "news")
    expect(page.locator(".cchc-search__status")).to_have_text(re.compile(r"^Tìm thấy"))
    kinds = set(page.locator(".cchc-hit").evaluate_all("els => els.map(e => e.dataset.kind)"))
    assert kinds == {"news"} and "loai=news" in page.url
    page.select_option('select[name="co-quan"]', "SNgV-KG")
    expect(page.locator(".cchc-hit__meta").first).to_contain_text("Tin tức · Sở Ngoại vụ tỉnh Kiên Giang")
    assert all("Sở Ngoại vụ tỉnh Kiên Giang" in m for m in page.locator(".cchc-hit__meta").all_inner_texts())
    page.reload()
    expect(page.locator('select[name="co-quan"]')).to_have_value("SNgV-KG")
    page.go_back()
    expect(page.locator('select[name="co-quan"]')).to_have_value("")


@pytest.mark.parametrize("size", [{"width": 390, "height": 844}, {"width": 1366, "height": 900}], ids=["phone", "desktop"])
def test_the_search_bar_on_every_page_leads_to_the_results(page, bundled_site, size):
    page.set_viewport_size(size)
    page.goto(bundled_site + "co-quan/")
    page.keyboard.press("Tab")  # the skip link, then the menu button (phone) or the tabs (desktop)…
    page.locator(".cchc-searchbar input[name=q]").focus()
    page.locator(".cchc-searchbar input[name=q]").press_sequentially("cong chung vien", delay=15)
    page.press(".cchc-searchbar input[name=q]", "Enter")
    expect(page.locator(".cchc-search__status")).to_have_text(re.compile(r"^Tìm thấy"))
    assert "công chứng viên" in page.locator(".cchc-hit > a").first.inner_text().lower()


@pytest.mark.parametrize("word", ["dunglenbanhap", "chohengiodang"])
def test_drafts_and_scheduled_news_are_not_found(page, bundled_site, word):
    results(page, bundled_site, word)
    expect(page.locator(".cchc-search__status")).to_have_text(re.compile(f"^Không tìm thấy kết quả nào cho “{word}”\\."))


def test_exact_diacritics_rank_first(page, small_site, tmp_path):
    for name, text in (("khong-dau", "Quan pho bo gan tru so, ghi chu viet khong dau."), ("co-dau", "Quán phở bò gần trụ sở.")):
        write(small_site, f"docs/ghi-chu/{name}.md", f"---\ntitle: Ghi chú {name}\n---\n\n{text}\n")
    config = small_site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  /huong-dan/**\n", "  /huong-dan/**\n  /ghi-chu/**\n"), encoding="utf-8")
    assert mkdocs_build(small_site).returncode == 0
    with serve(small_site / "site") as base:
        # Folded, `pho bo` is also `phó`, `phố`, `bộ` of other pages: the two notes come first, the exact one before.
        assert results(page, base, "phở bò").all_inner_texts()[:2] == ["Ghi chú co-dau", "Ghi chú khong-dau"]
        assert results(page, base, "PHỞ BÒ").all_inner_texts()[:2] == ["Ghi chú co-dau", "Ghi chú khong-dau"]
        assert sorted(results(page, base, "pho bo").all_inner_texts()[:2]) == ["Ghi chú co-dau", "Ghi chú khong-dau"]


def test_paging_past_the_first_twenty(page, bundled_site):
    page.set_viewport_size({"width": 390, "height": 844})
    first = results(page, bundled_site, "cai cach hanh chinh").all_inner_texts()
    status = page.locator(".cchc-search__status").inner_text()
    total, pages = map(int, re.match(r"Tìm thấy (\d+) kết quả, trang 1/(\d+)", status).groups())
    assert total > 40 and pages == -(-total // 20) and len(first) == 20
    page.get_by_role("link", name="Trang sau →").click()
    expect(page.locator(".cchc-search__status")).to_have_text(f"Tìm thấy {total} kết quả, trang 2/{pages}")
    assert "trang=2" in page.url
    second = page.locator(".cchc-hit > a").all_inner_texts()
    assert len(second) == 20 and not set(second) & set(first)
    expect(page.locator(".cchc-search__results")).to_have_attribute("start", "21")
    page.go_back()
    expect(page.locator(".cchc-search__status")).to_have_text(f"Tìm thấy {total} kết quả, trang 1/{pages}")
    results(page, bundled_site, "cai cach hanh chinh", f"&trang={pages}")
    assert len(page.locator(".cchc-hit > a").all_inner_texts()) == total - 20 * (pages - 1)
    expect(page.get_by_role("link", name="Trang sau →")).to_have_count(0)


def test_excerpts_show_the_words_typed_side_by_side_and_mark_only_them(page, bundled_site):
    from cchc.text import fold

    results(page, bundled_site, "chung thuc")
    for rank, excerpt in enumerate(page.locator(".cchc-hit__excerpt").all()[:10]):
        marked = [fold(m) for m in excerpt.locator("mark").all_inner_texts()]
        assert marked and set(marked) <= {"chung thuc", "chung", "thuc"}, marked  # whole words typed, nothing else
        if rank < 3:
            assert set(marked) == {"chung thuc"}, marked  # where the text has the phrase, the phrase is shown
    results(page, bundled_site, "489/QĐ-UBND")
    assert set(page.locator(".cchc-hit__excerpt mark").all_inner_texts()[:5]) == {"489/QĐ-UBND"}
    # Excerpts start and end on whole words, not inside the metadata panel's labels.
    for text in page.locator(".cchc-hit__excerpt").all_inner_texts():
        assert not text.startswith("Số ký hiệu")
        body = text.removeprefix("… ").removesuffix(" …")
        assert body == body.strip()


def test_a_code_typed_whole_finds_its_procedure_first(page, bundled_site):
    results(page, bundled_site, "1.000688")
    expect(page.locator(".cchc-hit > a").first).to_have_text(re.compile("^Cấp Chứng chỉ hành nghề luật sư"))
    # The code is marked whole where an excerpt quotes it (a question citing it), never a lone `1`.
    assert set(page.locator(".cchc-hit__excerpt mark").all_inner_texts()) <= {"1.000688"}
