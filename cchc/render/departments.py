"""Department pages (the editor's introduction, then contacts, plans, procedures and assigned tasks) and their index."""

from __future__ import annotations

from itertools import groupby

from ..content import DEPARTMENTS_DIR, Entry, Site
from ..text import fold, slugify, vietnamese_order
from ..vocab import DEPARTMENT_LEVELS
from .markdown import attr, link, meta_panel, text
from .plans import designation, group_uri, heading, plan_list
from .procedures import department_list_uri, finder_link

INDEX_URI = f"{DEPARTMENTS_DIR}/index.md"
LATEST_PLANS = 10


def department_page(department: Entry, site: Site) -> str:
    here = department.src_uri
    code = department["code"]
    rows: list[tuple[str, str]] = []

    def row(term: str, value: str) -> None:
        rows.append((term, value))

    row("Mã cơ quan", text(code))
    row("Cấp", text(DEPARTMENT_LEVELS[department["level"]]))
    if department.get("parent"):
        parent = site.departments[department["parent"]]
        row("Trực thuộc", link(parent["name"], here, parent.src_uri))
    row("Tỉnh, thành phố", text(department["province"]))
    if department.get("head"):
        row("Người đứng đầu", f"{text(department['head']['position'])} {text(department['head']['name'])}")
    if department.get("address"):
        row("Địa chỉ", text(department["address"]))
    if department.get("phone"):
        digits = "".join(c for c in department["phone"] if c.isdigit() or c == "+")
        row("Điện thoại", f'<a href="tel:{attr(digits)}">{text(department["phone"])}</a>')
    if department.get("email"):
        row("Thư điện tử", f'<a href="mailto:{attr(department["email"])}">{text(department["email"])}</a>')
    if department.get("website"):
        row("Trang thông tin điện tử", f'<a href="{attr(department["website"])}">{text(department["website"])}</a>')
    contacts = meta_panel(rows)

    parts = [f"# {text(department['name'])}", "", department.body.strip(), "", "## Thông tin liên hệ", "", *contacts]
    plans = site.plans_by_issuer.get(code, [])
    parts += [f"## Văn bản ban hành ({len(plans)})", ""]
    parts += plan_list(plans[:LATEST_PLANS], here, site, "Chưa có văn bản nào trên cổng.")
    if len(plans) > LATEST_PLANS:  # a province's people's committee issues hundreds: its newest, and a link
        parts += ["", link(f"Xem tất cả {len(plans)} văn bản", here, group_uri("issuer", department["name"]))]
    parts.append("")
    parts += _procedures(department, site)
    tasks = site.tasks_by_department.get(code, [])
    parts += [f"## Nhiệm vụ được giao ({sum(len(t.assignment['tasks']) for t in tasks)})", ""]
    if not tasks:
        parts.append("Chưa có nhiệm vụ nào được giao trong các văn bản trên cổng.")
    for task in tasks:
        plan = task.plan
        parts += [f"### {link(designation(plan), here, plan.src_uri)}", "",
                  f"{text(heading(plan))}. Giao cho: *{text(task.assignment['to'])}*", ""]
        parts += [f"- {text(t)}" for t in task.assignment["tasks"]]
        parts.append("")
    return "\n".join(parts)


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


def index_page(site: Site) -> str:
    parts = ["# Cơ quan, đơn vị", "", f"{len(site.departments)} cơ quan, đơn vị trên cổng.", ""]
    ordered = sorted(site.departments.values(),
                     key=lambda d: (vietnamese_order(d["province"]), list(DEPARTMENT_LEVELS).index(d["level"]),
                                    vietnamese_order(d["name"])))
    for province, members in groupby(ordered, key=lambda d: d["province"]):
        parts += [f"## {text(province)}", "", "| Cơ quan | Mã | Văn bản | Nhiệm vụ được giao | Thủ tục |", "|---|---|--:|--:|--:|"]
        for d in members:
            code = d["code"]
            tasks = sum(len(t.assignment["tasks"]) for t in site.tasks_by_department.get(code, []))
            parts.append(f"| {link(d['name'], INDEX_URI, d.src_uri)} | {text(code)} | "
                         f"{len(site.plans_by_issuer.get(code, []))} | {tasks} | {len(site.procedures_by_department.get(code, []))} |")
        parts.append("")
    return "\n".join(parts)
