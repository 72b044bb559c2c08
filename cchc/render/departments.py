"""Department pages (the editor's introduction, then contacts, plans, procedures and assigned tasks) and their index."""

from __future__ import annotations

from itertools import groupby

from ..content import DEPARTMENTS_DIR, Entry, Site
from ..text import fold, slugify, vietnamese_order
from ..vocab import DEPARTMENT_LEVELS
from . import english, html, indices, progress
from .markdown import attr, link, meta_panel, text
from .news import latest_news
from .plans import group_uri, plan_list
from .procedures import department_list_uri, finder_link, prose

INDEX_URI = f"{DEPARTMENTS_DIR}/index.md"
LATEST_PLANS = 10


MISSING = "Chưa cập nhật"


def _person(person: dict | None) -> str:
    return f"{text(person['position'])} {text(person['name'])}" if person else MISSING


def _phone(number: str) -> str:
    digits = "".join(c for c in number if c.isdigit() or c == "+")
    return f'<a href="tel:{attr(digits)}">{text(number)}</a>'


def _email(address: str) -> str:
    return f'<a href="mailto:{attr(address)}">{text(address)}</a>'


def _web(url: str, label: str = "") -> str:
    return f'<a href="{attr(url)}" rel="external">{text(label or url)}</a>'


def _contact_rows(department: Entry) -> tuple[list[tuple[str, str]], int]:
    """Who and where to contact, each row written even when empty ("Chưa cập nhật"); and how many are empty."""
    get = department.get
    contact = get("contact")
    focal = MISSING
    if contact:
        focal = ", ".join([text(contact["name"])] + ([text(contact["position"])] if contact.get("position") else [])
                          + ([_phone(contact["phone"])] if contact.get("phone") else [])
                          + ([_email(contact["email"])] if contact.get("email") else []))
    rows = [("Địa chỉ", text(get("address")) if get("address") else MISSING),
            ("Điện thoại", _phone(get("phone")) if get("phone") else MISSING),
            ("Thư điện tử", _email(get("email")) if get("email") else MISSING),
            ("Trang thông tin điện tử", _web(get("website")) if get("website") else MISSING),
            ("Giờ làm việc", text(get("hours")) if get("hours") else MISSING),
            ("Bản đồ", _web(get("map"), "Xem vị trí trụ sở trên bản đồ") if get("map") else MISSING),
            ("Người đứng đầu", _person(get("head"))),
            ("Cấp phó", "<br>".join(_person(p) for p in get("deputies", [])) or MISSING),
            ("Đầu mối liên hệ", focal)]
    return rows, sum(1 for _term, value in rows if value == MISSING)


def org_chart(department: Entry | None, site: Site, here: str) -> list[str]:
    """The structure as nested lists (drawn as a tree by the stylesheet, no script): a department's superiors above
    it and its units below; for the whole portal (`department` None) every department from the top ones down."""
    def item(d: Entry, inner: list[str]) -> list[str]:
        name = html.link(d["name"], here, d.src_uri) if d is not department else \
            f'<strong aria-current="page">{html.escape(d["name"])}</strong>'
        return [f"<li>{name}", *inner, "</li>"]

    def below(d: Entry, depth: int) -> list[str]:
        units = site.units.get(d["code"], [])
        if not units or depth == 0:
            return []
        return ["<ul>", *(line for u in units for line in item(u, below(u, depth - 1))), "</ul>"]

    if department is None:
        tops = [d for d in site.departments.values() if d.get("parent") not in site.departments]
        tops.sort(key=lambda d: (vietnamese_order(d["province"]), list(DEPARTMENT_LEVELS).index(d["level"]),
                                 vietnamese_order(d["name"])))
        return ['<ul class="cchc-org">', *(line for d in tops for line in item(d, below(d, -1))), "</ul>", ""]
    chain = [department]
    while chain[-1].get("parent") in site.departments and site.departments[chain[-1]["parent"]] not in chain:
        chain.append(site.departments[chain[-1]["parent"]])
    lines = item(department, below(department, 1))
    for superior in chain[1:]:
        lines = item(superior, ["<ul>", *lines, "</ul>"])
    return ['<ul class="cchc-org">', *lines, "</ul>", ""]


def department_page(department: Entry, site: Site) -> str:
    here = department.src_uri
    code = department["code"]
    rows = [("Mã cơ quan", text(code)), ("Cấp", text(DEPARTMENT_LEVELS[department["level"]]))]
    if department.get("parent"):
        parent = site.departments[department["parent"]]
        rows.append(("Trực thuộc", link(parent["name"], here, parent.src_uri)))
    rows.append(("Tỉnh, thành phố", text(department["province"])))
    contacts, missing = _contact_rows(department)

    switch = [english.switch(here, english.department_uri(code), english=True), ""] if department.get("name_en") else []
    parts = [f"# {text(department['name'])}", "", *switch, *meta_panel(rows), department.body.strip(), "",
             "## Chức năng, nhiệm vụ", "", *(prose(department["functions"]) if department.get("functions") else [MISSING]), "",
             "## Thông tin liên hệ", "", *meta_panel(contacts)]
    if missing:
        parts += [f"Cổng chưa có {'đủ ' if missing < len(contacts) else ''}thông tin liên hệ được công bố của cơ quan này "
                  f"({missing} mục ghi “{MISSING}”); Ban biên tập bổ sung khi cơ quan công bố.", ""]
    parts += ["## Cơ cấu tổ chức", "", *org_chart(department, site, here)]
    if not site.units.get(code):
        parts += ["Cổng chưa có đơn vị trực thuộc nào của cơ quan này.", ""]
    plans = site.plans_by_issuer.get(code, [])
    parts += [f"## Văn bản ban hành ({len(plans)})", ""]
    parts += plan_list(plans[:LATEST_PLANS], here, site, "Chưa có văn bản nào trên cổng.")
    if len(plans) > LATEST_PLANS:  # a province's people's committee issues hundreds: its newest, and a link
        parts += ["", link(f"Xem tất cả {len(plans)} văn bản", here, group_uri("issuer", department["name"]))]
    parts.append("")
    parts += _procedures(department, site)
    parts += progress.department_section(code, site, here)
    return "\n".join(parts)


def page(department: Entry, site: Site, _context) -> str:
    here = department.src_uri
    return "\n".join([department_page(department, site), *indices.department_section(department["code"], site, here),
                      latest_news(site, here, site.news_by_department.get(department["code"], []))])


def _procedures(department: Entry, site: Site) -> list[str]:
    here, code = department.src_uri, department["code"]
    members = site.procedures_by_department.get(code, [])
    parts = [f"## Thủ tục hành chính ({len(members)})", ""]
    if not members:
        return parts + ["Cơ quan chưa công bố thủ tục hành chính nào trên cổng.", ""]
    fields = sorted({p["field"] for p in members}, key=fold)
    parts += [f"{len(members)} thủ tục trong {len(fields)} lĩnh vực. "
              f"[Tra cứu thủ tục của {text(department.get('short_name') or department['name'])}]"
              f"(<{finder_link(here, co_quan=code)}>){{ .md-button }} "
              f"{link('Danh sách theo lĩnh vực', here, department_list_uri(code))}", ""]
    counts = {f: sum(1 for p in members if p["field"] == f) for f in fields}
    parts += [f"- [{text(f)}](<{finder_link(here, co_quan=code, linh_vuc=slugify(f))}>) ({counts[f]})" for f in fields]
    return parts + [""]


def listing_pages(site: Site) -> dict[str, tuple[str, str]]:
    return {INDEX_URI: ("Cơ quan, đơn vị", index_page(site))}


def index_page(site: Site) -> str:
    parts = ["# Cơ quan, đơn vị", "", f"{len(site.departments)} cơ quan, đơn vị trên cổng. "
             "[Sơ đồ tổ chức](#so-do-to-chuc) ở cuối trang.", ""]
    ordered = sorted(site.departments.values(),
                     key=lambda d: (vietnamese_order(d["province"]), list(DEPARTMENT_LEVELS).index(d["level"]),
                                    vietnamese_order(d["name"])))
    for province, members in groupby(ordered, key=lambda d: d["province"]):
        parts += [f"## {text(province)}", "", "| Cơ quan | Mã | Văn bản | Nhiệm vụ được giao | Thủ tục |", "|---|---|--:|--:|--:|"]
        for d in members:
            code = d["code"]
            tasks = len(site.tasks_by_department.get(code, []))
            parts.append(f"| {link(d['name'], INDEX_URI, d.src_uri)} | {text(code)} | "
                         f"{len(site.plans_by_issuer.get(code, []))} | {tasks} | {len(site.procedures_by_department.get(code, []))} |")
        parts.append("")
    parts += ["## Sơ đồ tổ chức", "", "Các cơ quan theo quan hệ cấp trên, cấp dưới khai báo trên cổng.", "",
              *org_chart(None, site, INDEX_URI)]
    return "\n".join(parts)
