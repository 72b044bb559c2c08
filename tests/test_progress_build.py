"""Following a plan's tasks: numbered tasks with their deadlines, reports that move them, "overdue" as the build clock
says, the pages that show it, the feed of status changes and the open data; and reports that cannot be right."""

import csv
import io
import json
import re

import feedparser

from cchc.new_item import main as new_item
from conftest import mkdocs_build, write

PLAN = """---
number: 12/KH-UBND
doc_type: Kế hoạch
issuer: UBND-KH
place: Khánh Hòa
issued: 2020-02-01
title: Kiểm soát thủ tục hành chính năm 2020
period: "2020"
areas: [thu-tuc-hanh-chinh]
assignments:
  - to: Sở Nội vụ
    departments: [SNV-KH]
    tasks:
      - text: Tổ chức Hội thi tìm hiểu cải cách hành chính
        deadline: Quý II
        output: Báo cáo kết quả Hội thi
        cooperate: [UBND-KH]
      - text: Tập huấn nghiệp vụ kiểm soát thủ tục hành chính
        deadline: Thường xuyên
      - Rà soát quy định, thủ tục hành chính
---

Nội dung kế hoạch.
"""
REPORT = """---
task: 12-kh-ubnd/{task}
date: {date}
status: {status}
department: SNV-KH
summary: "{summary}"
---
"""


def _site(small_site, now: str):
    write(small_site, "plans/12-kh-ubnd.md", PLAN)
    write(small_site, "docs/tien-do/2020/hoi-thi.md", REPORT.format(task=1, date="2020-06-20", status="hoan-thanh",
                                                                     summary="Đã tổ chức Hội thi với 1.200 bài dự thi"))
    write(small_site, "docs/tien-do/2020/tap-huan.md", REPORT.format(task=2, date="2020-05-04", status="dang-thuc-hien",
                                                                      summary="Đã tập huấn đợt một"))
    result = mkdocs_build(small_site, env={"CCHC_NOW": now})
    assert result.returncode == 0, result.stderr
    return small_site / "site"


def _states(site) -> dict[str, str]:
    page = (site / "van-ban/12-kh-ubnd/index.html").read_text(encoding="utf-8")
    return {number: state for number, state in
            re.findall(r'<tr id="nhiem-vu-(\d+)">.*?cchc-state cchc-state--([a-z-]+)', page, re.S)}


def test_overdue_is_what_the_clock_says(small_site):
    # Before the report: the Hội thi is due at the end of quarter II (the plan's year), not yet overdue.
    assert _states(_site(small_site, "2020-06-10T08:00")) == {"1": "trong-han", "2": "trong-han", "3": "trong-han"}
    # The report of 20/6 marks it done; the ongoing task never falls due; the third is due with the plan's period.
    assert _states(_site(small_site, "2020-06-25T08:00")) == {"1": "hoan-thanh", "2": "trong-han", "3": "trong-han"}
    assert _states(_site(small_site, "2020-12-31T23:00")) == {"1": "hoan-thanh", "2": "trong-han", "3": "trong-han"}
    assert _states(_site(small_site, "2021-01-01T00:30")) == {"1": "hoan-thanh", "2": "trong-han", "3": "qua-han"}


def test_the_pages_show_each_task_its_state_and_a_bar(small_site):
    site = _site(small_site, "2021-01-05T08:00")
    plan = (site / "van-ban/12-kh-ubnd/index.html").read_text(encoding="utf-8")
    row = plan.split('<tr id="nhiem-vu-1">')[1].split("</tr>")[0]
    assert "Tổ chức Hội thi" in row and "Sản phẩm: Báo cáo kết quả Hội thi" in row and "Phối hợp:" in row
    assert "Quý II (hạn 30/06/2020)" in row and 'href="../../tien-do/2020/hoi-thi/">Hoàn thành</a> 20/06/2020' in row
    assert 'aria-label="3 nhiệm vụ: 1 đã hoàn thành, 1 đang thực hiện, trong hạn, 1 quá hạn"' in plan
    assert "tính đến 05/01/2021" in plan

    department = (site / "co-quan/snv-kh/index.html").read_text(encoding="utf-8")
    section = department.split('id="nhiem-vu-duoc-giao"')[1]
    states = re.findall(r"cchc-state cchc-state--([a-z-]+)\">", section.split("<tbody>")[1])
    assert states == sorted(states, key=["qua-han", "trong-han", "hoan-thanh"].index)  # overdue first
    assert states[0] == "qua-han"

    partner = (site / "co-quan/ubnd-kh/index.html").read_text(encoding="utf-8").split('id="phoi-hop-thuc-hien"')[1]
    assert "Phối hợp thực hiện (1)" in partner and 'href="../../van-ban/12-kh-ubnd/#nhiem-vu-1">Tổ chức Hội thi' in partner

    overview = (site / "tien-do/index.html").read_text(encoding="utf-8")
    assert "assets/finder.js" in overview and 'data-noun="nhiệm vụ"' in overview
    assert re.search(r'href="\.\./van-ban/12-kh-ubnd/">Kế hoạch số 12/KH-UBND \(01/02/2020\)</a>', overview)

    home = (site / "index.html").read_text(encoding="utf-8").split('id="tien-do-thuc-hien"')[1]
    assert re.search(r'class="cchc-progress" role="img" aria-label="\d+ nhiệm vụ: 1 đã hoàn thành', home)
    assert 'href="tien-do/">Xem tiến độ theo văn bản và cơ quan</a>' in home

    report = (site / "tien-do/2020/hoi-thi/index.html").read_text(encoding="utf-8")
    assert 'href="../../../van-ban/12-kh-ubnd/#nhiem-vu-1">Tổ chức Hội thi' in report


def test_the_feed_and_the_open_data_carry_each_change(small_site):
    site = _site(small_site, "2021-01-05T08:00")
    feed = feedparser.parse((site / "feeds/tien-do/rss.xml").read_bytes())
    assert not feed.bozo and [e.title for e in feed.entries] == ["Hoàn thành: nhiệm vụ 1 của Kế hoạch số 12/KH-UBND",
                                                                 "Đang thực hiện: nhiệm vụ 2 của Kế hoạch số 12/KH-UBND"]
    department = feedparser.parse((site / "feeds/co-quan/snv-kh/rss.xml").read_bytes())
    assert "Hoàn thành: nhiệm vụ 1 của Kế hoạch số 12/KH-UBND" in [e.title for e in department.entries]

    tasks = {t["id"]: t for t in json.loads((site / "tien-do/nhiem-vu.json").read_text(encoding="utf-8"))}
    assert tasks["12-kh-ubnd/1"]["due"] == "2020-06-30" and tasks["12-kh-ubnd/1"]["state"] == "hoan-thanh"
    assert tasks["12-kh-ubnd/3"]["deadline"] == "Cả thời kỳ 2020" and tasks["12-kh-ubnd/3"]["state"] == "qua-han"
    assert [r["status"] for r in tasks["12-kh-ubnd/1"]["reports"]] == ["hoan-thanh"]
    raw = (site / "tien-do/bao-cao.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [(r["task"], r["status"]) for r in rows] == [("12-kh-ubnd/1", "hoan-thanh"), ("12-kh-ubnd/2", "dang-thuc-hien")]


def test_reports_that_cannot_be_right_are_refused_with_their_lines(small_site):
    write(small_site, "plans/12-kh-ubnd.md", PLAN)
    write(small_site, "docs/tien-do/2020/a.md", REPORT.format(task=9, date="2020-06-20", status="hoan-thanh", summary="x"))
    write(small_site, "docs/tien-do/2020/b.md", REPORT.format(task=1, date="2019-12-20", status="dang-thuc-hien", summary="x"))
    write(small_site, "docs/tien-do/2020/c.md", REPORT.format(task=2, date="2020-05-04", status="hoan-thanh", summary="x"))
    write(small_site, "docs/tien-do/2020/d.md", REPORT.format(task=2, date="2020-07-04", status="dang-thuc-hien", summary="x"))
    result = mkdocs_build(small_site, env={"CCHC_NOW": "2021-01-05T08:00"})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "docs/tien-do/2020/a.md:2: lỗi: [task] không có nhiệm vụ '12-kh-ubnd/9'" in result.stderr
    assert "→ viết <tên văn bản>/<số thứ tự nhiệm vụ>, ví dụ 12-kh-ubnd/1" in result.stderr
    assert "docs/tien-do/2020/b.md:3: lỗi: [date] ngày báo cáo 20/12/2019 trước ngày ban hành văn bản 01/02/2020" in result.stderr
    assert ("docs/tien-do/2020/d.md:4: lỗi: [status] trạng thái 'Đang thực hiện' sau báo cáo 'Hoàn thành' ngày 04/05/2020 "
            "(docs/tien-do/2020/c.md)") in result.stderr


def test_a_deadline_in_another_form_is_refused(small_site):
    write(small_site, "plans/12-kh-ubnd.md", PLAN.replace("deadline: Quý II", "deadline: sớm nhất có thể"))
    result = mkdocs_build(small_site)
    assert result.returncode == 1
    assert "[assignments[0].tasks[0].deadline] 'sớm nhất có thể' không đúng dạng thời hạn" in result.stderr


def test_a_report_is_started_for_a_task(small_site, monkeypatch, capsys):
    monkeypatch.setenv("CCHC_NOW", "2020-07-01T09:00")
    write(small_site, "plans/12-kh-ubnd.md", PLAN)
    assert new_item(["tien-do", "--task", "12-kh-ubnd/1", "--department", "SNV-KH", "--status", "Hoàn thành",
                     "--title", "Đã tổ chức Hội thi", "--root", str(small_site)]) == 0
    written = (small_site / "docs/tien-do/2020/12-kh-ubnd-1-2020-07-01.md").read_text(encoding="utf-8")
    assert "status: hoan-thanh" in written and "draft: true" in written and "task: 12-kh-ubnd/1" in written
    from cchc.content import Layout, load_site

    assert not load_site(Layout.at(small_site)).report.errors


def test_an_index_result_is_started_from_its_source(small_site, monkeypatch):
    monkeypatch.setenv("CCHC_NOW", "2025-04-14T09:00")
    assert new_item(["chi-so", "--index", "SIPAS", "--year", "2024", "--department", "UBND-KH", "--score", "83,66",
                     "--rank", "30/63", "--source", "https://baokhanhhoa.vn/chi-so", "--root", str(small_site)]) == 0
    written = (small_site / "docs/chi-so/2024/sipas-ubnd-kh.md").read_text(encoding="utf-8")
    assert "index: sipas" in written and "published: '2025-04-14'" in written
    from cchc.content import Layout, load_site

    assert not load_site(Layout.at(small_site)).report.errors
