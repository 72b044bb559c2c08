"""Following a plan's tasks: each assignment's tasks, identified by plan and number (`489-qd-ubnd/3`), their
deadlines as written and the day they fall due, the progress reports departments commit, and each task's state as
of the build clock (`Site.today`): done, under way within its deadline, or overdue.

Statuses and states are declared once here; the renderers read them."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from . import deadlines

if TYPE_CHECKING:  # content.py calls index() and check(); importing it here would be circular
    from .content import Entry, Site


@dataclass(frozen=True)
class Status:
    """What a report says of its task."""
    code: str
    label: str
    rank: int  # a task's reports never go down in rank
    done: bool


STATUSES = (Status("chua-trien-khai", "Chưa triển khai", 0, False), Status("dang-thuc-hien", "Đang thực hiện", 1, False),
            Status("hoan-thanh", "Hoàn thành", 2, True), Status("hoan-thanh-qua-han", "Hoàn thành quá hạn", 2, True))
BY_CODE = {s.code: s for s in STATUSES}


@dataclass(frozen=True)
class State:
    """Where a task stands as of the build clock, as the pages and the progress bars show it."""
    code: str
    label: str


DONE, ON_TIME, OVERDUE = (State("hoan-thanh", "Đã hoàn thành"), State("trong-han", "Đang thực hiện, trong hạn"),
                          State("qua-han", "Quá hạn"))
STATES = (DONE, ON_TIME, OVERDUE)


@dataclass
class TaskItem:
    id: str  # `<plan slug>/<number>`
    number: int  # its place among the plan's tasks, from 1
    plan: Entry
    assignment: dict
    values: dict  # text, deadline, output, cooperate
    reports: list[Entry] = field(default_factory=list)  # oldest first

    @property
    def text(self) -> str:
        return self.values["text"]

    @property
    def departments(self) -> list[str]:
        """The departments in charge: the assignment's."""
        return list(dict.fromkeys(self.assignment.get("departments", [])))

    @property
    def deadline(self) -> deadlines.Deadline | None:
        """As written; where the plan gives the task none, the end of the plan's period (a plan for 2020 is carried
        out in 2020)."""
        if "period" not in self.plan.values:
            return None
        start, end = self.plan["period"]
        written = self.values.get("deadline")
        if written:
            return deadlines.parse(written, start)
        return deadlines.Deadline(f"Cả thời kỳ {start}{'' if start == end else f'–{end}'}",
                                  date(end, 12, 31), "period")


def plan_slug(plan: Entry) -> str:
    return posixpath.basename(plan.src_uri)[: -len(".md")]


def tasks_of(plan: Entry) -> list[TaskItem]:
    """A plan's tasks, numbered across its assignments in the order it writes them."""
    found = []
    for assignment in plan.get("assignments", []):
        for values in assignment.get("tasks", []):
            number = len(found) + 1
            found.append(TaskItem(f"{plan_slug(plan)}/{number}", number, plan, assignment, values))
    return found


def index(site: Site, reports: list[Entry]) -> None:
    """Fill `site.tasks` (by id, plans newest first) with each task's reports, oldest first."""
    site.tasks = {t.id: t for plan in site.plans for t in tasks_of(plan)}
    for report in sorted(reports, key=lambda r: (r["date"].sort_key, r.src_uri)):
        if report.get("task") in site.tasks:  # a report naming no task is an error already
            site.tasks[report["task"]].reports.append(report)


def by_plan(site: Site) -> dict[str, list[TaskItem]]:
    """Each plan's tasks with their reports (plans with none left out), by the plan's address; grouped once a build."""
    if "tasks_by_plan" not in site.derived:
        grouped: dict[str, list[TaskItem]] = {}
        for task in site.tasks.values():
            grouped.setdefault(task.plan.src_uri, []).append(task)
        site.derived["tasks_by_plan"] = grouped
    return site.derived["tasks_by_plan"]


def latest(task: TaskItem, today: date | None) -> Entry | None:
    """The newest report dated on or before `today` (any report where there is no clock)."""
    shown = [r for r in task.reports if today is None or r["date"].first_day() <= today]
    return shown[-1] if shown else None


def state(task: TaskItem, today: date | None) -> State:
    report = latest(task, today)
    if report is not None and BY_CODE[report["status"]].done:
        return DONE
    due = task.deadline.due if task.deadline else None
    return OVERDUE if due is not None and today is not None and due < today else ON_TIME


def counts(tasks: list[TaskItem], today: date | None) -> dict[str, int]:
    """How many tasks are in each state: what a progress bar draws."""
    found = {s.code: 0 for s in STATES}
    for task in tasks:
        found[state(task, today).code] += 1
    return found


def problems(site: Site, reports: list[Entry]) -> list[tuple[Entry, str, str, str]]:
    """(report, field, what is wrong, what to write) for reports naming no task, dated before their plan, or whose
    status goes back after a later one."""
    found = []
    tasks = {t.id: t for plan in site.plans for t in tasks_of(plan)}
    last: dict[str, Entry] = {}
    complete = [r for r in reports if all(name in r.values for name in ("task", "date", "status"))]  # else reported
    for report in sorted(complete, key=lambda r: (r["date"].sort_key, r.src_uri)):
        task = tasks.get(report.get("task"))
        if task is None:
            close = sorted(t for t in tasks if t.split("/")[0] == str(report.get("task", "")).split("/")[0])[:5]
            found.append((report, "task", f"không có nhiệm vụ {report.get('task')!r}",
                          f"viết <tên văn bản>/<số thứ tự nhiệm vụ>, ví dụ {close[0] if close else '489-qd-ubnd/1'}; "
                          "số thứ tự hiện trên trang văn bản, mục Tiến độ thực hiện"))
            continue
        if "issued" in task.plan.values and report["date"].first_day() < task.plan["issued"].first_day():
            found.append((report, "date", f"ngày báo cáo {report['date'].display()} trước ngày ban hành văn bản "
                          f"{task.plan['issued'].display()}", "kiểm tra lại ngày báo cáo"))
        before = last.get(task.id)
        if before is not None and BY_CODE[report["status"]].rank < BY_CODE[before["status"]].rank:
            found.append((report, "status", f"trạng thái {BY_CODE[report['status']].label!r} sau báo cáo "
                          f"{BY_CODE[before['status']].label!r} ngày {before['date'].display()} ({before.source})",
                          "trạng thái của một nhiệm vụ không lùi lại; sửa báo cáo trước nếu nó sai"))
        last[task.id] = report
    return found
