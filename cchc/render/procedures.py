"""Procedure pages, in the order a citizen needs them, and the finder that lists the whole catalogue."""

from __future__ import annotations

import json
import posixpath
import re
from collections import Counter
from itertools import groupby

from markupsafe import Markup

from .. import catalogue, finder
from ..content import PROCEDURES_DIR, Entry, Site, relative_path, url_of
from ..page_inputs import entry_named
from ..procedure_shapes import NO_UNIT
from ..text import fold, slugify, vietnamese_order
from ..vocab import CHANNELS, ONLINE_LEVELS, PROCEDURE_LEVELS
from . import english, html
from .html import HtmlPage
from .markdown import attr

FINDER_URI = f"{PROCEDURES_DIR}/index.md"
FINDER_TITLE = "Tra cứu thủ tục hành chính"
EXPORTS = {"json": f"{PROCEDURES_DIR}/procedures.json", "csv": f"{PROCEDURES_DIR}/procedures.csv"}
NO_ONLINE = "khong"
# The finder's URL parameters, also used in links to it (a department's procedures).
FACETS = {"co-quan": "Cơ quan", "linh-vuc": "Lĩnh vực", "cap": "Cấp thực hiện", "truc-tuyen": "Dịch vụ công trực tuyến"}


def online_label(procedure: Entry) -> str:
    level = procedure.get("online")
    return f"Trực tuyến {ONLINE_LEVELS[level].lower()}" if level else "Không nộp trực tuyến"


def finder_link(from_uri: str, **params: str) -> str:
    """A Markdown link target to the finder with filters set, e.g. `co_quan="STP-KH"`."""
    return relative_path(FINDER_URI, posixpath.dirname(from_uri)) + _query(params)


def finder_href(here: str, **params: str) -> str:
    """The same as an address, for HTML."""
    return html.href(here, FINDER_URI) + _query(params)


def _query(params: dict[str, str]) -> str:
    query = "&".join(f"{key.replace('_', '-')}={value}" for key, value in params.items())
    return f"?{query}" if query else ""


# The long parts of a procedure page (tables, steps) are written as HTML blocks, which Python-Markdown
# passes through: as Markdown tables they cost most of a large portal's build (13 ms a page against 3).

def _html(value: str) -> str:
    return attr(" ".join(str(value).split()))


def prose(value: str) -> list[str]:
    """Imported multi-line text as HTML: `-` lines as a list, `+` lines nested under them, other lines as paragraphs.

    A nested list goes inside its parent item (`<li>… <ul>…</ul></li>`), as HTML requires."""
    out, depth = [], 0  # depth: lists open, each with its last item still open

    def close_to(level: int) -> None:
        nonlocal depth
        while depth > level:
            out.append("</li></ul>")
            depth -= 1

    for line in value.split("\n"):
        line = line.strip()
        marker = re.match(r"^([-–•+])\s*", line)
        if marker and line[marker.end():]:
            wanted = 2 if marker[1] == "+" and depth else 1
            if wanted > depth:
                out += ["<ul>"] * (wanted - depth)
                depth = wanted
            else:
                close_to(wanted)
                out.append("</li>")
            out.append(f"<li>{_html(line[marker.end():])}")
        elif line:
            close_to(0)
            out.append(f"<p>{_html(line)}</p>")
    close_to(0)
    return ['<div class="cchc-prose">', *out, "</div>", ""]


VERBATIM_NOTE = '<small class="cchc-verbatim">(chép nguyên văn từ Cổng Dịch vụ công quốc gia)</small>'


def _time(channel: dict) -> str:
    if channel.get("time"):
        return _html(channel["time"])
    if channel.get("time_raw"):
        return f"{_html(channel['time_raw'])} <small>({NO_UNIT})</small>"
    return "Không ghi"


def _channel_table(channels: list[dict]) -> list[str]:
    """Columns for what some row has: a fee-note or description column only where one is written."""
    fee_notes = any(c.get("fee_note") for c in channels)
    notes = any(c.get("note") for c in channels)
    head = ["Cách nộp hồ sơ", "Thời hạn giải quyết", "Phí, lệ phí"] + ["Ghi chú về phí"] * fee_notes + ["Mô tả"] * notes
    rows = []
    for channel in channels:
        method = (f"<strong>{CHANNELS.get(channel.get('method', ''), 'Khác')}</strong>", 1)
        if channel.get("verbatim"):
            rows.append([method, (f"{_html(channel.get('note', ''))} {VERBATIM_NOTE}", len(head) - 1)])
            continue
        cells = [_time(channel), _html(channel.get("fee", "Không ghi")).replace(" đồng", "&nbsp;đồng")]
        cells += [_html(channel.get("fee_note", ""))] * fee_notes + [_html(channel.get("note", ""))] * notes
        rows.append([method, *((cell, 1) for cell in cells)])
    return html.rows_table(head, rows)


def _document_tables(page: HtmlPage, documents: list[dict]) -> None:
    for group, rows in groupby(documents, key=lambda d: d.get("group", "")):
        if group:
            page.heading(3, group)
        table = []
        for number, document in enumerate(rows, start=1):
            name = _html(document["name"])
            middle = [(f"{name} {VERBATIM_NOTE}", 2)] if document.get("verbatim") else \
                [(name, 1), ("<br>".join(_html(f) for f in document.get("forms", [])), 1)]
            table.append([(str(number), 1), *middle, (_html(document.get("quantity", "")), 1)])
        page.add(*html.rows_table(["STT", "Tên giấy tờ", "Mẫu đơn, tờ khai", "Số lượng"], table))


def _verbatim(row: dict) -> str:
    return f" {VERBATIM_NOTE}" if row.get("verbatim") else ""


def _list(items: list[str]) -> list[str]:
    return ["<ul>", *(f"<li>{item}</li>" for item in items), "</ul>"] if items else []


def procedure_page(procedure: Entry, department: Entry) -> HtmlPage:
    here = procedure.src_uri
    results = procedure.get("results", [])
    page = HtmlPage(here)
    page.heading(1, procedure["name"])
    if english.for_foreigners(procedure) and procedure.get("name_en"):
        page.add(english.switch(here, english.procedure_uri(procedure["code"]), english=True))
    if results:
        page.add(f"<p><strong>Kết quả nhận được:</strong> {'; '.join(_html(r['name']) for r in results)}</p>")
    if procedure.get("online_url"):
        page.add(f'<p><a class="md-button md-button--primary cchc-submit" href="{attr(procedure["online_url"])}" '
                 f'rel="external">Nộp hồ sơ trực tuyến</a></p>')

    levels = ", ".join(PROCEDURE_LEVELS[level] for level in procedure["levels"])
    field = f'<a href="{attr(finder_href(here, linh_vuc=slugify(procedure["field"])))}">{_html(procedure["field"])}</a>'
    rows = [("Mã thủ tục", _html(procedure["code"])), ("Lĩnh vực", field), ("Cấp thực hiện", _html(levels)),
            ("Dịch vụ công trực tuyến", _html(online_label(procedure))),
            ("Cơ quan chủ trì", html.link(department["name"], here, department.src_uri))]
    if procedure.get("type"):
        rows.append(("Loại thủ tục", _html(procedure["type"])))
    if procedure.get("decision"):
        rows.append(("Quyết định công bố", _html(procedure["decision"])))
    page.add(*html.meta_panel(rows))

    def section(title: str, lines: list[str], missing: str) -> None:
        page.heading(2, title)
        page.add(*(lines or [f"<p>{missing}</p>"]))

    section("Ai thực hiện", _list([_html(a) for a in procedure.get("applicants", [])]), "Không ghi đối tượng thực hiện.")
    where = [f"<strong>{label}:</strong> {_html(procedure[key])}" for key, label in [
        ("executing_agency", "Cơ quan thực hiện"), ("competent_agency", "Cơ quan có thẩm quyền"),
        ("authorized_agency", "Cơ quan được ủy quyền"), ("coordinating_agency", "Cơ quan phối hợp"),
        ("address", "Địa chỉ tiếp nhận hồ sơ")] if procedure.get(key)]
    section("Nộp hồ sơ ở đâu", _list([*where, f"<strong>Hướng dẫn, giải đáp:</strong> "
                                            f"{html.link(department['name'], here, department.src_uri)}"]), "")
    section("Cách thức thực hiện, thời hạn và phí", _channel_table(procedure["channels"]) if procedure.get("channels") else [],
            "Không ghi cách thức thực hiện.")
    page.heading(2, "Thành phần hồ sơ")
    if procedure.get("documents"):
        _document_tables(page, procedure["documents"])
    else:
        page.add("<p>Không ghi thành phần hồ sơ.</p>")
    section("Trình tự thực hiện", prose(procedure["steps"]) if procedure.get("steps") else [],
            "Không ghi trình tự thực hiện.")
    section("Kết quả thực hiện", _list([_html(r["name"]) + (f" (mã {_html(r['code'])})" if r.get("code") else "")
                                        + (f": {_html(r['description'])}" if r.get("description") else "") + _verbatim(r)
                                        for r in results]), "Không ghi kết quả.")
    section("Căn cứ pháp lý", _list([_html(b["name"]) + (f" (<strong>{_html(b['code'])}</strong>)" if b.get("code") else "")
                                     + _verbatim(b) for b in procedure.get("legal_bases", [])]), "Không ghi căn cứ pháp lý.")
    section("Yêu cầu, điều kiện", prose(procedure["conditions"]) if procedure.get("conditions") else [],
            "Không có yêu cầu, điều kiện riêng.")
    if procedure.get("related"):
        section("Thủ tục hành chính liên quan", prose(procedure["related"]), "")
    if procedure.body.strip():
        page.heading(2, "Ghi chú của cơ quan")
        page.add_body(procedure.body.strip())
    source = "Nguồn: Cơ sở dữ liệu quốc gia về thủ tục hành chính"
    if procedure.get("portal_url"):
        source += f' – <a href="{attr(procedure["portal_url"])}" rel="external">xem thủ tục trên Cổng Dịch vụ công quốc gia</a>'
    page.add("<hr>", f'<p>{source}. <a href="{attr(finder_href(here))}">Tra cứu thủ tục khác</a></p>')
    return page


def page(procedure: Entry, site: Site, context) -> HtmlPage:
    # Made of the procedure, its department and the site's address, nothing else of the site (the functions below are
    # given no more): made once for those (3,000 procedure pages made again were 0.7 s of every rebuild).
    department = site.departments[procedure["department"]]
    inputs = (entry_named(procedure), entry_named(department), context.site_url)
    made, jsonld = context.remember(("procedure-page", *inputs), lambda: (
        procedure_page(procedure, department), json_ld(procedure, department, context.site_url)))
    context.meta["jsonld"] = Markup(jsonld)  # "<" escaped
    return made


def json_ld(procedure: Entry, department: Entry, site_url: str) -> str:
    """schema.org GovernmentService, safe to put inside a <script> element."""
    base = site_url.rstrip("/") + "/"
    service = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": procedure["name"],
        "identifier": procedure["code"],
        "serviceType": procedure["field"],
        "url": base + url_of(procedure.src_uri),
        "provider": {"@type": "GovernmentOrganization", "name": department["name"],
                     "url": base + url_of(department.src_uri)},
        "areaServed": {"@type": "AdministrativeArea", "name": department["province"]},
        "audience": [{"@type": "Audience", "audienceType": a} for a in procedure.get("applicants", [])],
        "availableChannel": [
            {"@type": "ServiceChannel", "name": CHANNELS[c["method"]],
             **({"processingTime": c["time"]} if c.get("time") else {}),
             **({"serviceUrl": procedure["online_url"]} if c["method"] == "truc-tuyen" and procedure.get("online_url") else {})}
            for c in procedure.get("channels", []) if c.get("method")],
    }
    if procedure.get("results"):
        service["produces"] = [r["name"] for r in procedure["results"]]
    return json.dumps(service, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def _example_words(procedures: list[Entry]) -> str:
    """The catalogue's largest field, typed as people type it (no tone marks): an example that finds something."""
    fields = Counter(fold(p["field"]) for p in procedures)
    return fields.most_common(1)[0][0] if fields else "cong chung"


def department_list_uri(code: str) -> str:
    """One department's procedures on one page: the finder's listing without JavaScript."""
    return f"{PROCEDURES_DIR}/co-quan/{slugify(code)}/index.md"


def finder_page(site: Site) -> str:
    """The form and, for readers without JavaScript, the departments with a link to each one's listing.

    `finder.js` lists and filters the catalogue from `FINDER_DATA`: the page stays small however many procedures a
    province publishes (3,000 listed on the page made it 1.2 MB)."""
    here = FINDER_URI
    procedures = site.procedures
    parts = [f"# {FINDER_TITLE}", "",
             f"{len(procedures)} thủ tục hành chính của {len(site.procedures_by_department)} cơ quan. "
             "Tìm theo tên hoặc mã (gõ có dấu hay không dấu đều được), lọc theo cơ quan, lĩnh vực, cấp thực hiện "
             "và mức dịch vụ công trực tuyến. Địa chỉ trang giữ bộ lọc: có thể gửi cho người khác.", "",
             "Dữ liệu mở: " + " · ".join(f'<a href="{posixpath.basename(uri)}" download>{posixpath.basename(uri)}</a>'
                                          for uri in EXPORTS.values()) + " (UTF-8, mở được bằng Excel)", ""]

    departments = {code: site.departments[code].get("short_name") or site.departments[code]["name"]
                   for code in site.procedures_by_department}
    example = f"Ví dụ: {_example_words(procedures)}, {procedures[0]['code'] if procedures else '1.000688'}"
    parts += finder.form(_facets(site, departments), "thủ tục", "Tìm thủ tục", example, posixpath.basename(FINDER_DATA))
    parts += ['<section class="cchc-finder__browse">', "<h2>Thủ tục theo cơ quan</h2>", "<ul>"]
    for code, members in site.procedures_by_department.items():
        parts.append(f'<li><a href="{attr(html.href(here, department_list_uri(code)))}">{attr(site.departments[code]["name"])}</a> ({len(members)})</li>')
    parts += ["</ul>", "</section>", ""]
    return "\n".join(parts)


def _fields(procedures: list[Entry]) -> dict[str, str]:
    return dict(sorted({slugify(p["field"]): p["field"] for p in procedures}.items(), key=lambda kv: vietnamese_order(kv[1])))


FINDER_DATA = f"{PROCEDURES_DIR}/tra-cuu.json"


def _facets(site: Site, departments: dict[str, str]) -> list[finder.Facet]:
    """The finder's filters; `departments` labels each department's option."""
    return [finder.Facet("co-quan", FACETS["co-quan"], departments),
            finder.Facet("linh-vuc", FACETS["linh-vuc"], _fields(site.procedures)),
            finder.Facet("cap", FACETS["cap"], dict(PROCEDURE_LEVELS)),
            finder.Facet("truc-tuyen", FACETS["truc-tuyen"], {**ONLINE_LEVELS, NO_ONLINE: "Không trực tuyến"})]


def exports(site: Site, site_url: str) -> dict[str, bytes]:
    """The finder's data and the catalogue's open data (every field as JSON, and CSV for Excel)."""
    return {EXPORTS["json"]: catalogue.to_json(site, site_url), EXPORTS["csv"]: catalogue.to_csv(site, site_url),
            FINDER_DATA: finder_data(site)}


def export_inputs(site: Site, site_url: str) -> tuple:
    """Everything `exports` reads: each procedure, named (`entry_named`: its 8 KB of values pickled for the key were
    0.12 s of every rebuild at 10,000 documents), in order, and the names of their departments."""
    return (site_url, [entry_named(p) for p in site.procedures],
            {code: site.departments[code]["name"] for code in site.procedures_by_department})


def finder_data(site: Site) -> bytes:
    """What `finder.js` lists, grouped by department (its full name as the heading) then field."""
    names = {code: site.departments[code]["name"] for code in site.procedures_by_department}
    items = [finder.Item(p["name"], html.href(FINDER_URI, p.src_uri), p["code"], p["code"],
                         {"co-quan": [p["department"]], "linh-vuc": [slugify(p["field"])], "cap": p["levels"],
                          "truc-tuyen": [p.get("online", NO_ONLINE)]}) for p in site.procedures]
    return finder.data(_facets(site, names), items, ("co-quan", "linh-vuc"), "cchc-code")


def listing_pages(site: Site) -> dict[str, tuple[str, str | HtmlPage]]:
    """The finder and, for readers without JavaScript, one listing per department."""
    pages: dict = {FINDER_URI: (FINDER_TITLE, finder_page(site))}
    for code in site.procedures_by_department:
        pages[department_list_uri(code)] = (f"Thủ tục hành chính: {site.departments[code]['name']}", department_listing(site, code))
    return pages


def department_listing(site: Site, code: str) -> HtmlPage:
    """A department's procedures by field, readable without JavaScript."""
    here = department_list_uri(code)
    department = site.departments[code]
    members = site.procedures_by_department[code]
    page = HtmlPage(here)
    page.heading(1, f"Thủ tục hành chính: {department['name']}")
    page.add(f"<p>{len(members)} thủ tục. {html.link(department['name'], here, department.src_uri)} · "
             f'<a href="{attr(finder_href(here, co_quan=code))}">Tìm, lọc trong các thủ tục này</a></p>')
    for field, rows in groupby(members, key=lambda p: p["field"]):
        rows = list(rows)
        page.heading(2, field, f" ({len(rows)})")
        page.add(*_list([f'<a href="{attr(html.href(here, p.src_uri))}">{_html(p["name"])}</a> <span class="cchc-code">{_html(p["code"])}</span>'
                         for p in rows]))
    return page
