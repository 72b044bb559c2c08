"""A page per plan, and the plans index in three groupings."""

from __future__ import annotations

from collections import defaultdict
from typing import Callable, Iterable

from .. import finder, related, validity
from . import progress
from .document_names import designation, heading
from ..kinds import ATTACHMENT_TYPES
from ..content import PLANS_URL_DIR, Entry, Site
from ..dates import display_date
from ..text import lcfirst, slugify, vietnamese_order
from ..vocab import CCHC_AREAS
from . import html
from .html import HtmlPage
from .markdown import link, link_target, meta_panel, text

INDEX_PAGES = {
    "year": (f"{PLANS_URL_DIR}/index.md", "Theo năm"),
    "type": (f"{PLANS_URL_DIR}/theo-loai.md", "Theo loại văn bản"),
    "issuer": (f"{PLANS_URL_DIR}/theo-co-quan.md", "Theo cơ quan ban hành"),
}


def department_name(site: Site, code: str) -> str:
    department = site.departments[code]
    return department.get("name")


def plan_item(plan: Entry, from_uri: str, site: Site) -> str:
    """One line of a list of documents, as HTML (`<li>`): its subject line is the link, as readers look for it."""
    return plan_line(plan, site)(from_uri)


def plan_line(plan: Entry, site: Site) -> html.Line:
    """`plan_item` for any page that lists the document (`html.Line`)."""
    issuer = department_name(site, plan["issuer"])
    state = validity.status(plan, site)
    flag = "" if state == validity.IN_FORCE else f' · <span class="cchc-status cchc-status--{state}">{validity.STATUSES[state]}</span>'
    return html.Line("<li>", html.escape(heading(plan)), plan.src_uri,
                     f"<br>\n  {html.escape(designation(plan))} · {display_date(plan['issued'])} · {html.escape(issuer)}{flag}</li>")


def plan_list(plans: list[Entry], here: str, site: Site, empty: str = "Chưa có văn bản nào.") -> list[str]:
    return html.item_list([plan_item(p, here, site) for p in plans], empty)


def plan_page(plan: Entry, site: Site) -> str:
    here = plan.src_uri
    signer = plan.get("signer", {})
    signed = " – ".join(text(v) for v in (signer.get("authority"), signer.get("position"), signer.get("name")) if v)
    start, end = plan["period"]
    rows = [("Số ký hiệu", text(plan.get("number", "")) if plan.get("number", "")[:1].isdigit() else "Chưa có số")]
    rows.append(("Loại văn bản", text(plan["doc_type"])))
    rows.append(("Cơ quan ban hành", link(department_name(site, plan["issuer"]), here, site.department_uri(plan["issuer"]))))
    rows.append(("Nơi, ngày ban hành", f"{text(plan['place'])}, {display_date(plan['issued'])}"))
    rows.append(("Người ký", signed or "Bản gốc không có phần chữ ký"))
    rows.append(("Thời kỳ", str(start) if start == end else f"{start}–{end}"))
    rows.append(("Lĩnh vực CCHC", "; ".join(CCHC_AREAS[a] for a in plan["areas"])))
    if plan.get("attached"):
        rows.append(("Ban hành kèm theo", text(f"{plan['attached']['doc_type']} {lcfirst(plan['attached']['title'])}")))
    rows += _validity_rows(plan, site)
    if plan.get("attachments"):
        rows.append(("Tệp đính kèm", "<br>".join(_attachment(a, i, here, site) for i, a in enumerate(plan["attachments"]))))
    meta = meta_panel(rows)

    def cite(label: str, target: Entry) -> str:
        return f"[{label}](<{link_target(here, target.src_uri)}>)"

    parts = [f"# {text(heading(plan))}", "", *meta, related.linked(plan.body.strip(), plan, site, cite), ""]
    if plan.get("recipients"):
        parts += ["## Nơi nhận", "", *(f"- {text(r)}" for r in plan["recipients"]), ""]
    parts += progress.plan_section(plan, site)
    listed = [("Căn cứ ban hành", plan.get("legal_bases", [])), ("Văn bản được dẫn", plan.get("cites", []))]
    for title, citations in listed:
        if citations:
            parts += [f"## {title}", "", *(f"- {related.linked(text(c['text']), plan, site, cite)}" for c in citations), ""]
    citing = site.cited_by.get(plan.src_uri, [])
    if citing:
        parts += ["## Văn bản liên quan", "", "Các văn bản trên cổng dẫn chiếu văn bản này:", ""]
        parts += [*plan_list(citing, here, site), ""]
    return "\n".join(parts)


_CHANGE_LABELS = {"replaces": ("Thay thế", "Bị thay thế bởi"), "amends": ("Sửa đổi, bổ sung", "Được sửa đổi, bổ sung bởi")}


def _validity_rows(plan: Entry, site: Site) -> list[tuple[str, str]]:
    """In force or not as of the build clock, its dates, and the documents it changes or that change it, linked."""
    here, state = plan.src_uri, validity.status(plan, site)
    said = f'<strong class="cchc-status cchc-status--{state}">{validity.STATUSES[state]}</strong>'
    if plan.get("effective"):
        said += f" · từ ngày {display_date(plan['effective'])}"
    if plan.get("expires"):
        said += f" · {'hết' if state in validity.NOT_IN_FORCE else 'đến hết'} hiệu lực ngày {display_date(plan['expires'])}"
    rows = [("Hiệu lực", said)]
    changes, changed_by = site.changes.get(here, {}), site.changed_by.get(here, {})
    for field, (label, back) in _CHANGE_LABELS.items():
        named = [link(t, here, target.src_uri) if target else text(t) for t, target in changes.get(field, [])]
        if named:
            rows.append((label, "<br>".join(named)))
        newer = [link(f"{designation(p)}: {heading(p)}", here, p.src_uri) for p in changed_by.get(field, [])]
        if newer:
            rows.append((back, "<br>".join(newer)))
    return rows


def _attachment(attachment: dict, position: int, here: str, site: Site) -> str:
    """A download link with the file's type and size, as readers decide whether to open it on a phone."""
    name = attachment["file"]
    label = attachment.get("title") or ("Toàn văn" if position == 0 else f"Tệp đính kèm {position + 1}")
    kind = ATTACHMENT_TYPES[name.rsplit(".", 1)[-1].lower()]
    size = site.file_sizes.get(name)
    described = f"{kind}, {_size(size)}" if size is not None else kind
    return f"{link(label, here, name)}{{ download }} ({described})"


def _size(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")


def page(plan: Entry, site: Site, _context=None):
    return plan_page(plan, site)


def title(plan: Entry, _site: Site) -> str:
    return heading(plan)  # a plan's page is titled as the document is: `Kế hoạch tuyên truyền …`


def feed_title(plan: Entry, _site: Site) -> str:
    return f"{designation(plan)}: {heading(plan)}"


def feed_categories(plan: Entry) -> tuple[str, ...]:
    return ("Văn bản",) + tuple(CCHC_AREAS[a] for a in plan["areas"])


def _grouped(plans: Iterable[Entry], key: Callable[[Entry], str], order: Callable[[str], object]) -> list[tuple[str, list[Entry]]]:
    groups: dict[str, list[Entry]] = defaultdict(list)
    for plan in plans:
        groups[key(plan)].append(plan)
    return sorted(groups.items(), key=lambda item: order(item[0]))


PAGE_SIZE = 20
PREVIEW = 5  # newest documents of each group shown on an index page
MAX_PREVIEWED_GROUPS = 30  # beyond, an index lists its groups only: a province has hundreds of issuing bodies
_SEGMENTS = {"year": "nam", "type": "loai", "issuer": "co-quan"}


def group_uri(grouping: str, name: str) -> str:
    """The listing of one year, one type or one issuer's documents."""
    return f"{PLANS_URL_DIR}/{_SEGMENTS[grouping]}/{slugify(name) or 'khac'}/index.md"


def _groups(site: Site, grouping: str) -> list[tuple[str, list[Entry]]]:
    if grouping == "year":
        return _grouped(site.plans, lambda p: str(p["issued"].year), lambda y: -int(y))
    if grouping == "type":
        return _grouped(site.plans, lambda p: p["doc_type"], vietnamese_order)
    return _grouped(site.plans, lambda p: department_name(site, p["issuer"]), vietnamese_order)


def _group_title(grouping: str, name: str) -> str:
    return {"year": f"Văn bản năm {name}", "type": f"Văn bản: {name}", "issuer": f"Văn bản của {name}"}[grouping]


def listing_pages(site: Site) -> dict[str, tuple[str, HtmlPage | html.Listed]]:
    """The indexes, each group's listing and the document finder."""
    return index_pages(site) | {FINDER_URI: (FINDER_TITLE, finder_page(site))}


def index_pages(site: Site) -> dict[str, tuple[str, HtmlPage | html.Listed]]:
    """The three indexes (by year, type, issuer), each group's newest documents, and every group's own listing."""
    pages: dict[str, tuple[str, HtmlPage | html.Listed]] = {}
    lines = {p.src_uri: plan_line(p, site) for p in site.plans}  # each document is in the three indexes
    for grouping, (here, label) in INDEX_PAGES.items():
        groups = _groups(site, grouping)
        page = HtmlPage(here)
        page.heading(1, "Văn bản chỉ đạo, điều hành")
        switch = " · ".join(f"<strong>{html.escape(other)}</strong>" if key == grouping else html.link(other, here, uri)
                            for key, (uri, other) in INDEX_PAGES.items())
        page.add(f"<p>{len(site.plans)} văn bản, mới nhất trước. Xếp: {switch}</p>",
                 f'<p>{html.link("Tra cứu văn bản", here, FINDER_URI)}: tìm theo trích yếu, số ký hiệu; lọc theo loại, '
                 "cơ quan ban hành, năm, hiệu lực, lĩnh vực.</p>")
        if len(groups) > MAX_PREVIEWED_GROUPS:
            page.add(*html.item_list([f"<li>{html.link(name, here, group_uri(grouping, name))} ({len(plans)})</li>"
                                      for name, plans in groups], ""))
        for name, plans in groups if len(groups) <= MAX_PREVIEWED_GROUPS else []:
            page.heading(2, name, f" ({len(plans)})")
            page.add(*plan_list(plans[:PREVIEW], here, site))
            if len(plans) > PREVIEW:
                page.add(f"<p>{html.link(f'Xem tất cả {len(plans)} văn bản', here, group_uri(grouping, name))}</p>")
        if not site.plans:
            page.add("<p>Chưa có văn bản nào.</p>")
        pages[here] = (f"Văn bản – {label.lower()}", page)
        for name, plans in groups:
            title = _group_title(grouping, name)
            def intro(at: str, count=len(plans), index=here) -> list[str]:
                return [f"<p>{count} văn bản, mới nhất trước. {html.link('Các cách xếp khác', at, index)}</p>"]

            pages |= html.paginated(group_uri(grouping, name), title, intro, [lines[p.src_uri] for p in plans], PAGE_SIZE,
                                    "Chưa có văn bản nào.")
    return pages


FINDER_URI = f"{PLANS_URL_DIR}/tra-cuu/index.md"
FINDER_TITLE = "Tra cứu văn bản"
FINDER_DATA = f"{PLANS_URL_DIR}/tra-cuu/van-ban.json"
_FINDER_HELP = ("Tìm theo trích yếu hoặc số ký hiệu (gõ có dấu hay không dấu đều được), lọc theo loại văn bản, cơ quan ban "
                "hành, năm, hiệu lực và lĩnh vực cải cách hành chính. Địa chỉ trang giữ bộ lọc: có thể gửi cho người khác.")


def _finder_facets(site: Site) -> list[finder.Facet]:
    years = sorted({p["issued"].year for p in site.plans}, reverse=True)
    issuers = sorted({p["issuer"] for p in site.plans}, key=lambda c: vietnamese_order(department_name(site, c)))
    return [finder.Facet("loai", "Loại văn bản", {t: t for t in sorted({p["doc_type"] for p in site.plans}, key=vietnamese_order)}),
            finder.Facet("co-quan", "Cơ quan ban hành", {c: department_name(site, c) for c in issuers}),
            finder.Facet("nam", "Năm ban hành", {str(y): str(y) for y in years}),
            finder.Facet("hieu-luc", "Hiệu lực", dict(validity.STATUSES)),
            finder.Facet("linh-vuc", "Lĩnh vực CCHC", dict(CCHC_AREAS))]


def finder_page(site: Site) -> HtmlPage:
    """The document finder: the form, and for readers without JavaScript the three listings it filters."""
    here = FINDER_URI
    page = HtmlPage(here)
    page.heading(1, FINDER_TITLE)
    page.add(f"<p>{len(site.plans)} văn bản. {html.escape(_FINDER_HELP)}</p>")
    example = next((p.get("number") for p in site.plans if p.get("number", "")[:1].isdigit()), "489/QĐ-UBND")
    page.add(*finder.form(_finder_facets(site), "văn bản", "Tìm văn bản", f"Ví dụ: tuyen truyen cai cach, {example}",
                          FINDER_DATA.rsplit("/", 1)[-1]))
    page.add('<section class="cchc-finder__browse">', "<h2>Xem văn bản theo danh sách</h2>",
             *html.item_list([f"<li>{html.link(label, here, uri)}</li>" for uri, label in INDEX_PAGES.values()], ""),
             "</section>")
    return page


def exports(site: Site, _site_url: str) -> dict[str, bytes]:
    return {FINDER_DATA: finder_data(site)}


def export_inputs(site: Site, _site_url: str) -> tuple:
    """Everything `exports` reads: each document as checked, in order, with its validity on the build clock's day
    (which the documents replacing it decide), and the names of their issuers."""
    return ([(p.src_uri, p.values, validity.status(p, site)) for p in site.plans],
            {code: department_name(site, code) for code in sorted({p["issuer"] for p in site.plans})})


def finder_data(site: Site) -> bytes:
    """What `finder.js` lists: every document, newest first, under its year."""
    items = []
    for plan in site.plans:
        state = validity.status(plan, site)
        note = " · ".join([designation(plan), display_date(plan["issued"]), department_name(site, plan["issuer"]),
                           validity.STATUSES[state]])
        href = html.href(FINDER_URI, plan.src_uri)
        items.append(finder.Item(heading(plan), href, plan.get("number", ""), note,
                                 {"loai": [plan["doc_type"]], "co-quan": [plan["issuer"]], "nam": [str(plan["issued"].year)],
                                  "hieu-luc": [state], "linh-vuc": list(plan["areas"])}))
    return finder.data(_finder_facets(site), items, ("nam",))
