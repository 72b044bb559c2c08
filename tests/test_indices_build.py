"""CCHC indices: results as content with their source, pages per index and per department with tables and SVG
charts (title, description, numbers beside), year-on-year change and rank, feeds when a year is published."""

import re
import xml.etree.ElementTree as ElementTree

import feedparser

from conftest import mkdocs_build, write

RESULT = """---
index: {index}
year: "{year}"
unit: UBND-KH
{score}rank: {rank}
published: {published}
source: https://example.gov.vn/chi-so-{year}
{extra}---
"""


def _write(site, index, year, score, rank, published, extra=""):
    write(site, f"docs/chi-so/{year}/{index}-ubnd-kh.md",
          RESULT.format(index=index, year=year, score=f'score: "{score}"\n' if score else "", rank=rank,
                        published=published, extra=extra))


def _build(site):
    _write(site, "sipas", 2023, "81,09", "43/63", "2024-04-17")
    _write(site, "sipas", 2024, "83,66", "30/63", "2025-04-07",
           'components:\n  - name: Cung ứng dịch vụ hành chính công\n    score: "85,7"\n')
    _write(site, "par-index", 2024, "90,49", "10/63", "2025-04-07",
           'components:\n  - name: Tác động của cải cách hành chính\n    score: "5,09"\n    maximum: "6,5"\n')
    result = mkdocs_build(site)
    assert result.returncode == 0, result.stderr
    return site / "site"


def test_pages_show_each_year_its_change_and_a_chart_with_its_numbers(small_site):
    site = _build(small_site)
    page = (site / "chi-so/sipas/index.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr>(.*?)</tr>", page.split("<tbody>")[1], re.S)
    assert "2024" in rows[0] and "83,66%" in rows[0] and "+2,57" in rows[0] and "tăng 13 bậc" in rows[0]
    image = re.search(r'<img src="(ubnd-kh\.svg)" alt="([^"]+)"', page)
    assert image and image[2] == "Biểu đồ SIPAS của Ủy ban nhân dân tỉnh Khánh Hòa theo năm: 2023: 81,09, 2024: 83,66"
    svg = ElementTree.fromstring((site / "chi-so/sipas/ubnd-kh.svg").read_bytes())
    ns = "{http://www.w3.org/2000/svg}"
    assert svg.get("role") == "img" and svg.find(f"{ns}title").text == "SIPAS của Ủy ban nhân dân tỉnh Khánh Hòa theo năm"
    assert svg.find(f"{ns}desc").text == "Điểm từng năm: 2023: 81,09, 2024: 83,66"
    assert [t.text for t in svg.iter(f"{ns}text")] == ["81,09%", "2023", "83,66%", "2024"]

    result = (site / "chi-so/2024/par-index-ubnd-kh/index.html").read_text(encoding="utf-8")
    assert '<img src="thanh-phan.svg"' in result and "5,09" in result and "6,5" in result
    components = ElementTree.fromstring((site / "chi-so/2024/par-index-ubnd-kh/thanh-phan.svg").read_bytes())
    assert "Tác động của cải cách hành chính: 5,09/6,5" in components.find(f"{ns}desc").text

    department = (site / "co-quan/ubnd-kh/index.html").read_text(encoding="utf-8")
    assert 'id="chi-so-cai-cach-hanh-chinh"' in department and "../../chi-so/sipas/ubnd-kh.svg" in department


def test_a_new_year_is_in_the_feeds(small_site):
    site = _build(small_site)
    feed = feedparser.parse((site / "feeds/chi-so/rss.xml").read_bytes())
    unit = "Ủy ban nhân dân tỉnh Khánh Hòa"
    assert not feed.bozo and [e.title for e in feed.entries] == [f"SIPAS 2024: {unit}", f"PAR INDEX 2024: {unit}",  # same day:
                                                                f"SIPAS 2023: {unit}"]  # by address


def test_a_result_without_score_or_rank_or_source_is_refused(small_site):
    write(small_site, "docs/chi-so/2024/papi-ubnd-kh.md", "---\nindex: papi\nyear: \"2024\"\nunit: UBND-KH\n"
          "rank: 70/63\npublished: 2025-04\n---\n")
    result = mkdocs_build(small_site)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "[rank] xếp hạng 70/63 lớn hơn số đơn vị" in result.stderr
    assert "thiếu trường bắt buộc `source`" in result.stderr
