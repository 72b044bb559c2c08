"""The CCHC indices (PAR INDEX, SIPAS, PAPI, PCI, …): each published result with its components, a page per index
with each unit's results by year, and a section on each department's page; charts drawn as SVG at build time
(`cchc/charts.py`) beside tables of the same numbers; year-on-year change in score and rank."""

from __future__ import annotations

from collections import defaultdict

from .. import charts, indices
from ..content import Entry, Site, url_of
from ..dates import display_date
from ..kinds import INDEX_RESULT
from ..text import slugify
from . import html
from .html import HtmlPage

INDEX_URI = f"{INDEX_RESULT.folder}/index.md"
TITLE = "Chỉ số cải cách hành chính"


def index_uri(code: str) -> str:
    return f"{INDEX_RESULT.folder}/{code}/index.md"


def _chart_path(code: str, unit: str) -> str:
    return f"{INDEX_RESULT.folder}/{code}/{slugify(unit)}.svg"


def _components_path(result: Entry) -> str:
    return f"{url_of(result.src_uri)}thanh-phan.svg"


def series(site: Site) -> dict[tuple[str, str], list[Entry]]:
    """(index, unit) -> its results, oldest year first; computed once per build (every result page asks)."""
    if "index_series" not in site.derived:
        site.derived["index_series"] = _series(site)
    return site.derived["index_series"]


def _series(site: Site) -> dict[tuple[str, str], list[Entry]]:
    found: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    for result in sorted(site.entries.get(INDEX_RESULT.name, []), key=lambda r: (r["year"], r.src_uri)):
        found[(result["index"], result["unit"])].append(result)
    return dict(found)


def _previous(result: Entry, results: list[Entry]) -> Entry | None:
    """The same index and unit's result of the year before, among `results` (theirs)."""
    earlier = [r for r in results if int(r["year"]) == int(result["year"]) - 1]
    return earlier[0] if earlier else None


def _change(result: Entry, previous: Entry | None) -> tuple[str, str]:
    """(score change, rank change) in words: `+2,57`, `tăng 13 bậc`; "" where a year is missing either."""
    score = rank = ""
    if previous is not None and result.get("score") and previous.get("score"):
        delta = float(result["score"]) - float(previous["score"])
        score = f"{'+' if delta >= 0 else '−'}{charts.decimal(round(abs(delta), 2))}"
    if previous is not None and result.get("rank") and previous.get("rank"):
        places = int(previous["rank"].split("/")[0]) - int(result["rank"].split("/")[0])
        rank = "giữ nguyên" if not places else f"{'tăng' if places > 0 else 'giảm'} {abs(places)} bậc"
    return score, rank


def _name(result: Entry) -> str:
    return f"{indices.BY_CODE[result['index']].short} {result['year']}"


def title(result: Entry, site: Site) -> str:
    """`SIPAS 2024: Ủy ban nhân dân tỉnh Khánh Hòa`: the page's, and the feed item's when the year is published."""
    return f"{_name(result)}: {site.departments[result['unit']]['name']}"


def feed_categories(result: Entry) -> tuple[str, ...]:
    return (TITLE, indices.BY_CODE[result["index"]].short)


def _score(result: Entry, index: indices.Index) -> str:
    return f"{charts.decimal(result['score'])}{' ' if index.unit != '%' else ''}{index.unit}" if result.get("score") else "Không công bố"


def page(result: Entry, site: Site, _context) -> str:
    here = result.src_uri
    index = indices.BY_CODE[result["index"]]
    unit = site.departments[result["unit"]]
    score_change, rank_change = _change(result, _previous(result, series(site)[(result["index"], result["unit"])]))
    rows = [("Chỉ số", html.link(f"{index.name} ({index.short})", here, index_uri(index.code))), ("Năm", result["year"]),
            ("Đơn vị", html.link(unit["name"], here, unit.src_uri)), ("Điểm", _score(result, index)),
            ("Xếp hạng", html.escape(result.get("rank", "Không công bố")))]
    if score_change or rank_change:
        rows.append((f"So với năm {int(result['year']) - 1}", " · ".join(filter(None, [
            f"điểm {score_change}" if score_change else "", f"thứ hạng {rank_change}" if rank_change else ""]))))
    source = f'<a href="{html.escape(result["source"])}" rel="external">{html.escape(result.get("source_note") or result["source"])}</a>'
    rows += [("Công bố", display_date(result["published"])), ("Nguồn", source)]
    parts = [f"# {html.escape(title(result, site))}", "", *html.meta_panel(rows), "",
             result.body.strip(), ""]
    components = result.get("components", [])
    if components:
        said = "; ".join(f"{c['name']} {charts.decimal(c['score'])}" for c in components)
        parts += ["## Chỉ số thành phần", "",
                  f'<p><img src="thanh-phan.svg" alt="Biểu đồ chỉ số thành phần {html.escape(_name(result))}: {html.escape(said)}" '
                  'width="400" loading="lazy"></p>', "",
                  *html.rows_table(["Chỉ số thành phần", "Điểm", "Tối đa"],
                                   [[html.escape(c["name"]), charts.decimal(c["score"]), charts.decimal(c.get("maximum") or index.maximum)]
                                    for c in components])]
    return "\n".join(parts)


def _unit_block(page: HtmlPage, index: indices.Index, unit: Entry, results: list[Entry], site: Site, here: str) -> None:
    scored = [r for r in results if r.get("score")]
    if scored:
        said = ", ".join(f"{r['year']}: {charts.decimal(r['score'])}" for r in scored)
        chart = html.file_href(here, _chart_path(index.code, unit["code"]))
        page.add(f'<p><img src="{html.escape(chart)}" alt="Biểu đồ {html.escape(index.short)} của {html.escape(unit["name"])} '
                 f'theo năm: {html.escape(said)}" width="400" loading="lazy"></p>')
    rows = []
    for result in reversed(results):  # newest first
        score_change, rank_change = _change(result, _previous(result, results))
        rows.append([html.link(result["year"], here, result.src_uri), _score(result, index), score_change or "–",
                     html.escape(result.get("rank", "–")), rank_change or "–"])
    page.add(*html.rows_table(["Năm", "Điểm", "Thay đổi", "Xếp hạng", "Thay đổi thứ hạng"], rows))


def listing_pages(site: Site) -> dict[str, tuple[str, HtmlPage]]:
    """The indices' overview and a page per index with each unit's results by year."""
    found: dict[str, tuple[str, HtmlPage]] = {}
    by_index: dict[str, list[tuple[str, list[Entry]]]] = defaultdict(list)
    for (code, unit), results in series(site).items():
        by_index[code].append((unit, results))
    overview = HtmlPage(INDEX_URI)
    overview.heading(1, TITLE)
    overview.add("<p>Kết quả các chỉ số đánh giá cải cách hành chính, quản trị và năng lực cạnh tranh, theo năm, như cơ quan "
                 "có thẩm quyền công bố (nguồn ghi ở từng kết quả).</p>")
    items = []
    for index in indices.INDICES:
        units = by_index.get(index.code, [])
        if not units:
            continue
        here = index_uri(index.code)
        page = HtmlPage(here)
        page.heading(1, f"{index.short}: {index.name}")
        page.add(f"<p>Cơ quan công bố: {html.escape(index.publisher)}. Thang điểm: {charts.decimal(index.maximum)}{index.unit}. "
                 f"{html.link('Các chỉ số khác', here, INDEX_URI)}</p>")
        for unit_code, results in sorted(units, key=lambda u: site.departments[u[0]]["name"]):
            unit = site.departments[unit_code]
            page.heading(2, unit["name"])
            _unit_block(page, index, unit, results, site, here)
        found[here] = (index.short, page)
        latest = max((r for _u, results in units for r in results), key=lambda r: r["year"])
        items.append(f"<li>{html.link(f'{index.short}: {index.name}', INDEX_URI, here)} · mới nhất: năm {latest['year']}</li>")
    overview.add(*html.item_list(items, "Chưa có kết quả chỉ số nào trên cổng."))
    found[INDEX_URI] = (TITLE, overview)
    return found


def department_section(code: str, site: Site, here: str) -> list[str]:
    """A department's results (the province's, for its people's committee), newest first, with their charts."""
    mine = [(c, results) for (c, unit), results in series(site).items() if unit == code]
    if not mine:
        return []
    page = HtmlPage(here)
    for index_code, results in sorted(mine):
        index = indices.BY_CODE[index_code]
        page.heading(3, f"{index.short}: {index.name}")
        _unit_block(page, index, site.departments[code], results, site, here)
    return [f"## {TITLE}", "", page.html, ""]


def exports(site: Site, _site_url: str) -> dict[str, bytes]:
    """The charts: each unit's scores by year, each result's components."""
    found = {}
    for (code, unit_code), results in series(site).items():
        index, unit = indices.BY_CODE[code], site.departments[unit_code]
        scored = [r for r in results if r.get("score")]
        if scored:
            found[_chart_path(code, unit_code)] = charts.bars(
                f"{index.short} của {unit['name']} theo năm",
                "Điểm từng năm: " + ", ".join(f"{r['year']}: {charts.decimal(r['score'])}" for r in scored),
                [r["year"] for r in scored], [float(r["score"]) for r in scored], index.maximum, index.unit if index.unit == "%" else "")
        for result in results:
            components = result.get("components", [])
            if components:
                maxima = [float(c.get("maximum") or index.maximum) for c in components]
                found[_components_path(result)] = charts.horizontal(
                    f"Chỉ số thành phần {title(result, site)}",
                    "; ".join(f"{c['name']}: {charts.decimal(c['score'])}/{charts.decimal(m)}" for c, m in zip(components, maxima)),
                    [c["name"] for c in components], [float(c["score"]) / m for c, m in zip(components, maxima)],
                    [f"{charts.decimal(c['score'])}/{charts.decimal(m)}" for c, m in zip(components, maxima)])
    return found
