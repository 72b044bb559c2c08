"""Tiến độ thực hiện: a plan's tasks with their state and a progress bar, a department's tasks across plans (overdue
first), the overview by plan and by department with a finder over every task, each report's page, and the open
data of tasks and reports. States are as of the build clock (`Site.today`)."""

from __future__ import annotations

import csv
import io
import json
import posixpath
from urllib.parse import urljoin

from .. import finder, progress
from ..content import Entry, Site, url_of
from ..dates import display_date
from ..kinds import REPORT
from ..text import fold
from . import html, indices
from .document_names import designation
from .html import HtmlPage

INDEX_URI = f"{REPORT.folder}/index.md"
FINDER_DATA = f"{REPORT.folder}/nhiem-vu-tra-cuu.json"
EXPORTS = {"json": f"{REPORT.folder}/nhiem-vu.json", "csv": f"{REPORT.folder}/nhiem-vu.csv",
           "reports": f"{REPORT.folder}/bao-cao.csv"}
TITLE = "Tiến độ thực hiện"
PLAN_SECTION = "phan-cong-thuc-hien"  # the plan page's heading the tasks are under (render/plans.py)


def task_anchor(task: progress.TaskItem) -> str:
    return f"nhiem-vu-{task.number}"


def _as_of(site: Site) -> str:
    return f"tính đến {display_date(site.today)}" if site.today else "theo các báo cáo trên cổng"


def bar(tasks: list[progress.TaskItem], site: Site) -> list[str]:
    """A bar of the tasks' states, its numbers said in words beside it (and to screen readers)."""
    counts = progress.counts(tasks, site.today)
    total = sum(counts.values())
    said = ", ".join(f"{counts[s.code]} {s.label.lower()}" for s in progress.STATES)
    if not total:
        return ["<p>Văn bản chưa có nhiệm vụ nào được phân công trên cổng.</p>"]
    segments = "".join(f'<span class="cchc-progress__{s.code}" style="width: {100 * counts[s.code] / total:.2f}%"></span>'
                       for s in progress.STATES if counts[s.code])
    return [f'<div class="cchc-progress" role="img" aria-label="{total} nhiệm vụ: {said}">{segments}</div>',
            f'<p class="cchc-progress__legend">{total} nhiệm vụ, {_as_of(site)}: '
            + " · ".join(f'<span class="cchc-state cchc-state--{s.code}">{counts[s.code]} {s.label.lower()}</span>'
                         for s in progress.STATES) + "</p>"]


def _deadline(task: progress.TaskItem) -> str:
    deadline = task.deadline
    if deadline is None:
        return "Văn bản không ghi"
    due = f" (hạn {display_date(deadline.due)})" if deadline.due and deadline.kind != "day" else ""
    return html.escape(deadline.text) + due


def _state(task: progress.TaskItem, site: Site, here: str) -> str:
    state = progress.state(task, site.today)
    report = progress.latest(task, site.today)
    said = f'<span class="cchc-state cchc-state--{state.code}">{state.label}</span>'
    if report is not None:
        said += (f"<br>{html.link(progress.BY_CODE[report['status']].label, here, report.src_uri)} "
                 f"{display_date(report['date'])}: {html.escape(report['summary'])}")
    return said


def _department_names(codes: list[str], site: Site, here: str) -> str:
    return ", ".join(html.link(site.departments[c].get("short_name") or site.departments[c]["name"], here, site.department_uri(c))
                     for c in codes if c in site.departments)


def plan_section(plan: Entry, site: Site) -> list[str]:
    """The plan page's assignments: each task numbered (reports name it by that number), its state and bar."""
    here = plan.src_uri
    tasks = progress.tasks_of(plan)
    tasks = [site.tasks.get(t.id, t) for t in tasks]  # with their reports (a draft previewed has none)
    rows = []
    for task in tasks:
        who = html.escape(task.assignment["to"])
        if task.departments:
            who += "<br>" + _department_names(task.departments, site, here)
        if task.values.get("cooperate"):
            who += "<br>Phối hợp: " + _department_names(task.values["cooperate"], site, here)
        what = html.escape(task.text) + (f"<br>Sản phẩm: {html.escape(task.values['output'])}" if task.values.get("output") else "")
        rows.append([str(task.number), who, what, _deadline(task), _state(task, site, here)])
    if not rows:
        return []
    return ["## Phân công thực hiện", "", *bar(tasks, site), "",
            *html.rows_table(["Số", "Cơ quan", "Nhiệm vụ", "Thời hạn", "Tình trạng"], rows, [task_anchor(t) for t in tasks])]


def _order(task: progress.TaskItem, site: Site) -> tuple:
    """Overdue first, then under way, then done; the earliest due first within each."""
    state = progress.state(task, site.today)
    due = task.deadline.due.toordinal() if task.deadline and task.deadline.due else 10**7
    return ({progress.OVERDUE.code: 0, progress.ON_TIME.code: 1}.get(state.code, 2), due)


def _task_rows(tasks: list[progress.TaskItem], site: Site, here: str) -> list[str]:
    rows = [[f"{html.link(t.text, here, t.plan.src_uri, task_anchor(t))}<br><small>{html.escape(designation(t.plan))} · "
             f"nhiệm vụ {t.number}</small>", _deadline(t), _state(t, site, here)]
            for t in sorted(tasks, key=lambda t: _order(t, site))]
    return html.rows_table(["Nhiệm vụ", "Thời hạn", "Tình trạng"], rows)


def department_section(code: str, site: Site, here: str) -> list[str]:
    """The tasks a department is in charge of, overdue first, under their bar; then those it cooperates on."""
    tasks = site.tasks_by_department.get(code, [])
    parts = [f"## Nhiệm vụ được giao ({len(tasks)}) {{ #nhiem-vu-duoc-giao }}", ""]  # an anchor the count leaves alone
    if tasks:
        parts += [*bar(tasks, site), "", *_task_rows(tasks, site, here)]
    else:
        parts += ["Chưa có nhiệm vụ nào được giao trong các văn bản trên cổng.", ""]
    cooperating = site.tasks_cooperating.get(code, [])
    if cooperating:
        parts += [f"## Phối hợp thực hiện ({len(cooperating)}) {{ #phoi-hop-thuc-hien }}", "",
                  "Nhiệm vụ cơ quan khác chủ trì, cơ quan này phối hợp.", "", *_task_rows(cooperating, site, here)]
    return parts


def title(report: Entry, site: Site) -> str:
    """`Hoàn thành: nhiệm vụ 5 của Quyết định số 489/QĐ-UBND`, as readers name a plan."""
    task = site.tasks.get(report["task"])
    named = f"nhiệm vụ {task.number} của {designation(task.plan)}" if task else f"nhiệm vụ {report['task']}"
    return f"{progress.BY_CODE[report['status']].label}: {named}"


def feed_title(report: Entry, site: Site) -> str:
    return title(report, site)


def feed_categories(report: Entry) -> tuple[str, ...]:
    return (TITLE, progress.BY_CODE[report["status"]].label)


def page(report: Entry, site: Site, _context) -> str:
    here = report.src_uri
    task = site.tasks.get(report["task"])
    parts = [f"# {html.escape(title(report, site))}", ""]
    if report.get("sample"):
        parts += ['<p class="cchc-banner" role="note">Báo cáo mẫu để minh họa cách cổng theo dõi tiến độ; không phải '
                  "báo cáo thật của cơ quan.</p>", ""]
    rows = [("Trạng thái", html.escape(progress.BY_CODE[report["status"]].label)), ("Ngày báo cáo", display_date(report["date"])),
            ("Cơ quan báo cáo", html.link(site.departments[report["department"]]["name"], here,
                                           site.department_uri(report["department"])))]
    if task is not None:
        rows.insert(0, ("Nhiệm vụ", html.link(task.text, here, task.plan.src_uri, task_anchor(task))))
        rows.insert(1, ("Văn bản", html.link(f"{task.plan['doc_type']} {task.plan.get('number', '')}".strip(), here, task.plan.src_uri)))
    if report.get("evidence"):
        evidence = report["evidence"]
        rows.append(("Minh chứng", f'<a href="{html.escape(evidence)}" rel="external">{html.escape(evidence)}</a>'
                     if "://" in evidence else html.link("Xem minh chứng", here, evidence)))
    if report.get("evidence_document"):
        plan = site.plan_by_number.get(fold(report["evidence_document"]))
        if plan is not None:
            rows.append(("Văn bản minh chứng", html.link(f"{plan['doc_type']} {plan['number']}", here, plan.src_uri)))
    parts += [*html.meta_panel(rows), "", f"**{html.escape(report['summary'])}**", "", report.body.strip(), ""]
    return "\n".join(parts)


def _summary_rows(groups: list[tuple[str, str, list[progress.TaskItem]]], site: Site, here: str) -> list[str]:
    rows = []
    for label, uri, tasks in groups:
        counts = progress.counts(tasks, site.today)
        rows.append([html.link(label, here, uri), bar(tasks, site)[0], *(str(counts[s.code]) for s in progress.STATES)])
    return html.rows_table(["Tên", "Tiến độ", *(s.label for s in progress.STATES)], rows)


def _facets(site: Site) -> list[finder.Facet]:
    grouped = progress.by_plan(site)
    plans = {progress.plan_slug(p): f"{designation(p)} ({p['issued'].year})" for p in site.plans if p.src_uri in grouped}
    codes = sorted(site.tasks_by_department, key=lambda c: site.departments[c]["name"])
    return [finder.Facet("van-ban", "Văn bản", plans),
            finder.Facet("co-quan", "Cơ quan chủ trì", {c: site.departments[c]["name"] for c in codes}),
            finder.Facet("tinh-trang", "Tình trạng", {s.code: s.label for s in progress.STATES})]


def listing_pages(site: Site) -> dict[str, tuple[str, HtmlPage]]:
    """The overview: every task's state by plan and by department, and a finder over every task."""
    here = INDEX_URI
    tasks = list(site.tasks.values())
    page = HtmlPage(here)
    page.heading(1, TITLE)
    page.add("<p>Các nhiệm vụ mà văn bản trên cổng giao cho các cơ quan, và tình trạng theo báo cáo của cơ quan: đã hoàn "
             "thành, đang thực hiện trong hạn, hoặc quá hạn (chưa có báo cáo hoàn thành khi đã hết thời hạn văn bản ghi). "
             f"Kết quả chung của tỉnh: {html.link('các chỉ số cải cách hành chính', here, indices.INDEX_URI)}.</p>",
             *bar(tasks, site))
    page.heading(2, "Theo văn bản")
    grouped = progress.by_plan(site)
    by_plan = [(f"{designation(p)} ({display_date(p['issued'])})", p.src_uri, grouped[p.src_uri])
               for p in site.plans if p.src_uri in grouped]
    page.add(*_summary_rows(by_plan, site, here))
    page.heading(2, "Theo cơ quan chủ trì")
    by_department = sorted(((site.departments[c]["name"], site.department_uri(c), t) for c, t in site.tasks_by_department.items()),
                           key=lambda g: g[0])
    page.add(*_summary_rows(by_department, site, here))
    # The finder last: its list is every task (the tables above say the same without a script).
    page.heading(2, "Tìm nhiệm vụ")
    page.add(*finder.form(_facets(site), "nhiệm vụ", "Tìm nhiệm vụ", "Ví dụ: tuyen truyen, tap huan",
                          posixpath.basename(FINDER_DATA)))
    page.add("<p>Dữ liệu mở: " + " · ".join(f'<a href="{posixpath.basename(uri)}" download>{posixpath.basename(uri)}</a>'
                                              for uri in EXPORTS.values()) + "</p>")
    return {here: (TITLE, page)}


def _task_record(task: progress.TaskItem, site: Site, site_url: str) -> dict:
    state = progress.state(task, site.today)
    deadline = task.deadline
    return {"id": task.id, "plan": task.plan.get("number") or task.plan["title"],
            "plan_url": urljoin(site_url, url_of(task.plan.src_uri)), "number": task.number, "task": task.text,
            "assigned_to": task.assignment["to"], "departments": task.departments,
            "cooperating": task.values.get("cooperate", []), "deadline": deadline.text if deadline else "",
            "due": deadline.due.isoformat() if deadline and deadline.due else "", "output": task.values.get("output", ""),
            "state": state.code, "reports": [{"date": r["date"].iso, "status": r["status"], "department": r["department"],
                                              "summary": r["summary"], "url": urljoin(site_url, url_of(r.src_uri))}
                                             for r in task.reports]}


def exports(site: Site, site_url: str) -> dict[str, bytes]:
    """The finder's data and the open data: every task with its reports (JSON), tasks and reports (CSV, for Excel)."""
    records = [_task_record(t, site, site_url) for t in site.tasks.values()]
    tasks_csv, reports_csv = io.StringIO(), io.StringIO()
    columns = ["id", "plan", "number", "task", "assigned_to", "departments", "cooperating", "deadline", "due", "output", "state"]
    writer = csv.writer(tasks_csv, lineterminator="\r\n")
    writer.writerow(columns)
    for record in records:
        writer.writerow([", ".join(record[c]) if isinstance(record[c], list) else record[c] for c in columns])
    writer = csv.writer(reports_csv, lineterminator="\r\n")
    writer.writerow(["task", "date", "status", "department", "summary", "url"])
    for record in records:
        for report in record["reports"]:
            writer.writerow([record["id"], report["date"], report["status"], report["department"], report["summary"], report["url"]])
    items = [finder.Item(t.text, html.href(INDEX_URI, t.plan.src_uri, task_anchor(t)), t.id,
                         f"{designation(t.plan)} · {progress.state(t, site.today).label}",
                         {"van-ban": [progress.plan_slug(t.plan)], "co-quan": t.departments,
                          "tinh-trang": [progress.state(t, site.today).code]}) for t in site.tasks.values()]
    return {EXPORTS["json"]: json.dumps(records, ensure_ascii=False, indent=1).encode("utf-8"),
            EXPORTS["csv"]: b"\xef\xbb\xbf" + tasks_csv.getvalue().encode("utf-8"),
            EXPORTS["reports"]: b"\xef\xbb\xbf" + reports_csv.getvalue().encode("utf-8"),
            FINDER_DATA: finder.data(_facets(site), items)}
