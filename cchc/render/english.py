"""English pages (Nghị định 42/2022/NĐ-CP asks for the organisation, its functions and its contacts in English): the
portal's organisation, each department with an English name, and the procedures foreigners carry out, written from
the English fields of the same files (`name_en`, `functions_en`, …). What has no English yet is listed as such."""

from __future__ import annotations

import re

from .. import portal_info, procedure_shapes as shapes
from ..content import Entry, Site, url_of
from ..text import slugify, vietnamese_order
from . import html
from .html import HtmlPage
from . import procedures as procedure_pages  # each department's Vietnamese listing

ROOT = "en"
INDEX_URI = f"{ROOT}/index.md"
PROCEDURES_URI = f"{ROOT}/procedures/index.md"
NOT_YET = "Not yet available in English"
UNPUBLISHED = "Not published yet"  # what the Vietnamese pages call "Chưa cập nhật"
# Applicants that make a procedure one foreigners carry out, as the national database names them.
FOREIGN_APPLICANTS = ("Người nước ngoài", "Tổ chức nước ngoài")
_CHANNELS = {"truc-tiep": "In person", "truc-tuyen": "Online", "buu-chinh": "By post"}
_UNITS = {"ngày làm việc": "working days", "giờ làm việc": "working hours", "ngày": "days", "giờ": "hours",
          "tuần": "weeks", "tháng": "months", "năm": "years", "phút": "minutes"}
_PREFIXES = {"không quá": "up to", "tối đa": "up to", "trong vòng": "within", "trong": "within"}


def department_uri(code: str) -> str:
    return f"{ROOT}/departments/{slugify(code)}/index.md"


def procedure_uri(code: str) -> str:
    return f"{ROOT}/procedures/{slugify(code)}/index.md"


def for_foreigners(procedure: Entry) -> bool:
    return any(a in FOREIGN_APPLICANTS for a in procedure.get("applicants", []))


def duration(value: str) -> str | None:
    """`15 ngày làm việc` -> `15 working days`; None for what is not a duration."""
    match = re.fullmatch(shapes.DURATION_FORM, " ".join(value.split()))
    if not match:
        return None
    prefix, low, high, unit = match.groups()
    words = [_PREFIXES[prefix.lower()]] if prefix else []
    return " ".join(words + [f"{low}–{high}" if high else low, _UNITS[unit.lower()]])


def fee(value: str) -> str | None:
    """`800.000 đồng` -> `VND 800,000`, `Miễn phí` -> `Free`; None for what is not money."""
    money = shapes.fee(value)
    if money is None:
        return None
    return "Free" if money == shapes.FREE else "VND " + money.removesuffix(" đồng").replace(".", ",")


def switch(here: str, to_uri: str, english: bool) -> str:
    """The language switch at the top of a page that has its counterpart in the other language."""
    lang, label = ("en", "English") if english else ("vi", "Tiếng Việt")
    return (f'<p class="cchc-lang"><a href="{html.escape(html.href(here, to_uri))}" hreflang="{lang}" lang="{lang}">'
            f"{label}</a></p>")


def _wrapped(page: HtmlPage, here: str, vietnamese_uri: str) -> None:
    page.add(switch(here, vietnamese_uri, english=False))


def _english(page: HtmlPage) -> HtmlPage:
    """The page's content marked as English for screen readers and translators (the site's chrome is Vietnamese)."""
    page.parts.insert(0, '<div lang="en">')
    page.parts.append("</div>")
    return page


def _name(department: Entry) -> str:
    return department.get("name_en") or department["name"]


def _person(person: dict | None) -> str:
    if not person:
        return UNPUBLISHED
    return html.escape(f"{person['name']}, {person.get('position_en') or person['position']}")


def department_page(department: Entry, site: Site) -> HtmlPage:
    here = department_uri(department["code"])
    page = HtmlPage(here)
    page.heading(1, department["name_en"])
    _wrapped(page, here, department.src_uri)
    get = department.get
    rows = [("Vietnamese name", f'<span lang="vi">{html.escape(department["name"])}</span>')]
    if get("parent") in site.departments:
        parent = site.departments[get("parent")]
        rows.append(("Under", html.link(_name(parent), here, department_uri(parent["code"])) if parent.get("name_en")
                     else f'<span lang="vi">{html.escape(parent["name"])}</span>'))
    page.add(*html.meta_panel(rows))
    page.heading(2, "Functions and duties")
    page.add(f"<p>{html.escape(get('functions_en'))}</p>" if get("functions_en") else f"<p>{NOT_YET}.</p>")
    digits = "".join(c for c in get("phone", "") if c.isdigit() or c == "+")
    contacts = [("Address", f'<span lang="vi">{html.escape(get("address"))}</span>' if get("address") else UNPUBLISHED),
                ("Phone", f'<a href="tel:{digits}">{html.escape(get("phone"))}</a>' if get("phone") else UNPUBLISHED),
                ("E-mail", f'<a href="mailto:{html.escape(get("email"))}">{html.escape(get("email"))}</a>' if get("email") else UNPUBLISHED),
                ("Website", f'<a href="{html.escape(get("website"))}">{html.escape(get("website"))}</a>' if get("website") else UNPUBLISHED),
                ("Office hours", html.escape(get("hours_en")) if get("hours_en") else
                 f'<span lang="vi">{html.escape(get("hours"))}</span>' if get("hours") else UNPUBLISHED),
                ("Head", _person(get("head"))),
                ("Deputies", "<br>".join(_person(p) for p in get("deputies", [])) or UNPUBLISHED)]
    page.heading(2, "Contact")
    page.add(*html.meta_panel(contacts))
    units = [u for u in site.units.get(department["code"], [])]
    if units:
        page.heading(2, "Units")
        page.add(*html.item_list([f"<li>{html.link(_name(u), here, department_uri(u['code']))}</li>" if u.get("name_en")
                                  else f'<li><span lang="vi">{html.escape(u["name"])}</span> ({NOT_YET.lower()})</li>'
                                  for u in units], ""))
    procedures = [p for p in site.procedures_by_department.get(department["code"], []) if for_foreigners(p) and p.get("name_en")]
    if procedures:
        page.heading(2, "Procedures for foreigners")
        page.add(*html.item_list([f"<li>{html.link(p['name_en'], here, procedure_uri(p['code']))}</li>" for p in procedures], ""))
    return _english(page)


def procedure_page(procedure: Entry, site: Site) -> HtmlPage:
    here = procedure_uri(procedure["code"])
    department = site.departments[procedure["department"]]
    page = HtmlPage(here)
    page.heading(1, procedure["name_en"])
    _wrapped(page, here, procedure.src_uri)
    if procedure.get("summary_en"):
        page.add(f"<p>{html.escape(procedure['summary_en'])}</p>")
    if procedure.get("online_url"):
        page.add(f'<p><a class="md-button md-button--primary" href="{html.escape(procedure["online_url"])}" '
                 'rel="external">Apply online (National Public Service Portal, in Vietnamese)</a></p>')
    handled = (html.link(department["name_en"], here, department_uri(department["code"])) if department.get("name_en")
               else f'<span lang="vi">{html.escape(department["name"])}</span>')
    page.add(*html.meta_panel([("Procedure code", html.escape(procedure["code"])),
                               ("Vietnamese name", f'<span lang="vi">{html.escape(procedure["name"])}</span>'),
                               ("Handled by", handled)]))
    rows = []
    for channel in procedure.get("channels", []):
        how = _CHANNELS.get(channel.get("method", ""), "")
        time = duration(channel["time"]) if channel.get("time") else None
        money = fee(channel["fee"]) if channel.get("fee") else None
        if how:
            rows.append(f"<tr><td>{how}</td><td>{time or 'See the Vietnamese page'}</td><td>{money or 'See the Vietnamese page'}</td></tr>")
    if rows:
        page.heading(2, "How to apply, time limit and fee")
        page.add("<table>", "<thead><tr><th>How</th><th>Time limit</th><th>Fee</th></tr></thead>", "<tbody>", *rows,
                 "</tbody>", "</table>")
    page.add(f"<p>The documents to submit and the forms are listed on the {html.link('Vietnamese page', here, procedure.src_uri)}.</p>")
    return _english(page)


def organisation_page(site: Site, portal_rows: list) -> HtmlPage:
    """`/en/`: who runs the portal, the departments with their English pages, those without, and the procedures."""
    here = INDEX_URI
    page = HtmlPage(here)
    page.heading(1, "Administrative reform portal")
    _wrapped(page, here, "index.md")
    page.add("<p>Information on public administration reform (cải cách hành chính) and administrative procedures of the "
             "province, for citizens, businesses and foreigners. Most content is in Vietnamese; this section gives the "
             f"organisation, its departments' functions and contacts, and the {html.link('procedures foreigners carry out', here, PROCEDURES_URI)} "
             "in English.</p>")
    terms = {"Cơ quan chủ quản": "Managing body", "Cơ quan quản lý, vận hành": "Operated by",
             "Chịu trách nhiệm chính": "Responsible", "Giấy phép": "Licence", "Địa chỉ": "Address",
             "Điện thoại": "Phone", "Thư điện tử": "E-mail"}
    rows = []
    for term, value, page_url, href in portal_rows:
        department = next((d for d in site.departments.values() if page_url and url_of(d.src_uri) == page_url), None)
        if department is not None and department.get("name_en"):
            shown = html.link(department["name_en"], here, department_uri(department["code"]))
        elif href:
            shown = f'<a href="{html.escape(href)}">{html.escape(value)}</a>'
        else:
            shown = f'<span lang="vi">{html.escape(value)}</span>' if value != portal_info.MISSING else UNPUBLISHED
        rows.append((terms.get(term, term), shown))
    page.heading(2, "About this portal")
    page.add(*html.meta_panel(rows))
    ordered = sorted(site.departments.values(), key=lambda d: vietnamese_order(d["name"]))
    english = [d for d in ordered if d.get("name_en")]
    page.heading(2, "Departments", f" ({len(english)})")
    page.add(*html.item_list([f"<li>{html.link(d['name_en'], here, department_uri(d['code']))}</li>" for d in english],
                             "No department has an English page yet."))
    missing = [d for d in ordered if not d.get("name_en")]
    if missing:
        page.heading(2, NOT_YET, f" ({len(missing)})")
        page.add(*html.item_list([f'<li><span lang="vi">{html.link(d["name"], here, d.src_uri)}</span></li>' for d in missing], ""))
    return _english(page)


PROCEDURES_PAGE_SIZE = 100  # procedures in English per page: a page stays small however many are translated


def procedures_pages(site: Site) -> dict[str, tuple[str, HtmlPage]]:
    """The procedures foreigners carry out: those described in English, a hundred a page; the others counted by
    department, each linking to its Vietnamese listing (a province's thousands would make one page megabytes)."""
    foreign = [p for p in site.procedures if for_foreigners(p)]
    translated = [p for p in foreign if p.get("name_en")]
    waiting: dict[str, int] = {}
    for procedure in foreign:
        if not procedure.get("name_en"):
            waiting[procedure["department"]] = waiting.get(procedure["department"], 0) + 1

    def intro(here: str) -> list[str]:
        return [switch(here, "thu-tuc/index.md", english=False),
                f"<p>{len(foreign)} administrative procedures that foreigners or foreign organisations carry out in "
                f"the province; {len(translated)} of them are described in English.</p>"]

    items = [lambda here, p=p: f"<li>{html.link(p['name_en'], here, procedure_uri(p['code']))} ({html.escape(p['code'])})</li>"
             for p in translated]
    found = html.paginated(PROCEDURES_URI, "Procedures for foreigners", intro, items, PROCEDURES_PAGE_SIZE,
                           "None yet.", html.ENGLISH_PAGING, heading="In English")
    if waiting:
        first = found[PROCEDURES_URI][1]
        first.heading(2, NOT_YET, f" ({sum(waiting.values())})")
        first.add("<p>By department, each linking to its procedures in Vietnamese:</p>", *html.item_list(
            [f'<li><span lang="vi">{html.link(_vietnamese_name(site, code), PROCEDURES_URI, procedure_pages.department_list_uri(code))}'
             f"</span>: {waiting[code]}</li>"
             for code in sorted(waiting, key=lambda code: vietnamese_order(_vietnamese_name(site, code)))], ""))
    for _title, page in found.values():
        _english(page)
    return found


def _vietnamese_name(site: Site, code: str) -> str:
    department = site.departments.get(code)
    return department["name"] if department else code


def pages(site: Site, portal_rows: list) -> dict[str, tuple[str, HtmlPage]]:
    """{src_uri: (title, page)} of every English page."""
    found = {INDEX_URI: ("Administrative reform portal", organisation_page(site, portal_rows))} | procedures_pages(site)
    for department in site.departments.values():
        if department.get("name_en"):
            found[department_uri(department["code"])] = (department["name_en"], department_page(department, site))
    for procedure in site.procedures:
        if for_foreigners(procedure) and procedure.get("name_en"):
            found[procedure_uri(procedure["code"])] = (procedure["name_en"], procedure_page(procedure, site))
    return found
