"""The preview as editors use it: `mkdocs serve` shows a content edit, and rebuilds with edited code."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import REPO, write


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(url: str, text: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = _fetch(url)
        if text in page:
            return page
        time.sleep(0.3)
    raise AssertionError(f"{text!r} not at {url} after {seconds} s")


def _serve(root, port: int = 0, **env: str) -> tuple[subprocess.Popen, str]:
    """`mkdocs serve` in `root` on `port` (or a free one), as of the tests' clock: the server and its address."""
    if not port:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=root,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "CCHC_NOW": "2026-11-25T12:00", **env},
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, preexec_fn=_interruptible)
    return server, f"http://127.0.0.1:{port}/"


def _interruptible() -> None:
    """As a terminal starts it, Ctrl-C stops it: a job started in the background (as CI may run the tests) ignores
    SIGINT, and so would the server it starts."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _stop(server: subprocess.Popen) -> str:
    """Stopped as an editor stops it (Ctrl-C); what it wrote to stderr."""
    server.send_signal(signal.SIGINT)
    return server.communicate(timeout=30)[1]


def test_serve_shows_content_edits_and_runs_edited_code(small_site, tmp_path):
    code = tmp_path / "code"  # a copy of the portal's code to edit, first on the import path
    shutil.copytree(REPO / "cchc", code / "cchc", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "hooks", code / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    config = small_site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace(f"{REPO}/hooks/", f"{code}/hooks/")
    config.write_text(text.replace("watch:\n", f"watch:\n  - {code}/cchc\n"), encoding="utf-8")
    (tmp_path / "tmp").mkdir()
    server, base = _serve(small_site, PYTHONPATH=str(code), TMPDIR=str(tmp_path / "tmp"))
    try:
        page = _wait_for(base + "co-quan/", "cơ quan, đơn vị trên cổng.")
        assert "livereload" in page and "Content-Security-Policy" not in page  # the preview reloads itself
        departments = code / "cchc" / "render" / "departments.py"
        departments.write_text(departments.read_text(encoding="utf-8").replace(
            "cơ quan, đơn vị trên cổng.", "cơ quan, đơn vị (mã đã sửa)."), encoding="utf-8")
        _wait_for(base + "co-quan/", "cơ quan, đơn vị (mã đã sửa).")
        path = small_site / "docs" / "index.md"
        write(small_site, "docs/index.md", path.read_text(encoding="utf-8") + "\nDòng mới của biên tập viên.\n")
        _wait_for(base, "Dòng mới của biên tập viên.")
        # A draft and a scheduled item are previewed with a banner, and listed nowhere.
        write(small_site, "docs/tin-tuc/2025/nhap.md", "---\ntitle: Tin nháp\ndate: 2025-01-02\ndepartment: SNV-KH\n"
              "categories: [tin-hoat-dong]\ndraft: true\n---\n\nNội dung nháp.\n")
        write(small_site, "docs/tin-tuc/2027/hen-gio.md", "---\ntitle: Tin hẹn giờ\ndate: 2027-01-15 08:00\n"
              "department: SNV-KH\ncategories: [tin-hoat-dong]\n---\n\nNội dung hẹn giờ.\n")
        draft = _wait_for(base + "tin-tuc/2025/nhap/", "Nội dung nháp.")
        assert "Bản nháp: chỉ hiện khi xem trước" in draft
        scheduled = _wait_for(base + "tin-tuc/2027/hen-gio/", "Nội dung hẹn giờ.")
        assert "Hẹn giờ đăng: 08:00, 15/01/2027" in scheduled
        assert "Tin nháp" not in _fetch(base + "tin-tuc/") and "Tin hẹn giờ" not in _fetch(base + "tin-tuc/")
    finally:
        _stop(server)
    assert list((tmp_path / "tmp").iterdir()) == []  # the site served and the spare beside it are removed


def test_serve_previews_the_bundled_drafts(tmp_path):
    """The bundled site under `make serve`: its draft and scheduled news render, with their banners."""
    server, base = _serve(REPO)
    try:
        draft = _wait_for(base + "tin-tuc/2026/ban-nhap-ke-hoach-cchc-2027/", "Bản nháp: chỉ hiện khi xem trước", 120)
        assert "dự thảo" in draft  # its tag, which no published news has: named, not linked to a missing page
        _wait_for(base + "tin-tuc/2027/hoi-nghi-tong-ket-cchc-2026/", "Hẹn giờ đăng:")
    finally:
        errors = _stop(server)
    assert "WARNING" not in errors and "ERROR" not in errors, errors[-2000:]


def test_a_content_error_is_shown_in_the_open_page_until_it_is_fixed(small_site):
    news = "---\ntitle: Tin thử\ndate: {date}\ndepartment: SNV-KH\ncategories: [tin-hoat-dong]\n---\n\nNội dung tin thử.\n"
    write(small_site, "docs/tin-tuc/2025/tin-thu.md", news.format(date="2025-03-01"))
    server, base = _serve(small_site)
    item, plan = base + "tin-tuc/2025/tin-thu/", base + "van-ban/489-qd-ubnd/"  # a content page, a generated one
    try:
        _wait_for(item, "Nội dung tin thử.")
        _wait_for(plan, "489/QĐ-UBND")
        write(small_site, "docs/tin-tuc/2025/tin-thu.md", news.format(date="01/03/2025 8h"))
        for url in (item, plan):
            shown = _wait_for(url, "Nội dung có lỗi, chưa xem trước được")
            assert "docs/tin-tuc/2025/tin-thu.md:3" in shown and "[date]" in shown and "→" in shown
            assert "livereload" in shown  # the tab reloads itself when the file is saved again
        write(small_site, "docs/tin-tuc/2025/tin-thu.md", news.format(date="2025-03-01"))
        _wait_for(item, "Nội dung tin thử.")
        assert "Nội dung có lỗi" not in _wait_for(plan, "489/QĐ-UBND")
    finally:
        _stop(server)


def _outputs(base: str) -> dict[str, bytes]:
    """The search index, feeds and open data the preview serves, by path: the files its record lists but pages,
    the theme's and the web editor's."""
    record = json.loads(_fetch(base + ".cchc-sources.json"))
    paths = [p for p in record["files"] if not p.endswith(".html") and not p.startswith(("admin/", "assets/"))]
    return {path: urllib.request.urlopen(base + path, timeout=5).read() for path in paths}


def _pages(base: str, paths: list[str]) -> dict[str, bytes]:
    """The pages at `paths` as the preview serves them, but for the epoch its live reload script is given."""
    return {path: re.sub(rb"livereload\(\d+, \d+\)", b"livereload()", urllib.request.urlopen(base + path, timeout=5).read())
            for path in paths}


def _assert_a_fresh_preview_has(small_site, port: int, outputs: dict[str, bytes]) -> None:
    """A preview started on the sources as they are now, at the same address (feeds name it), serves `outputs`."""
    server, base = _serve(small_site, port)
    try:
        _wait_for(base + ".cchc-sources.json", '"files"')
        fresh = _outputs(base)
    finally:
        _stop(server)
    assert sorted(outputs) == sorted(fresh)
    assert [path for path in fresh if outputs[path] != fresh[path]] == []


def test_a_save_shows_its_page_first_then_search_and_feeds_as_a_fresh_preview_has_them(small_site):
    """The preview puts an edited page in place first, and the search index, feeds and data a moment later (they
    take a third of a rebuild): then they are the ones a preview started on the edited sources makes. (The first
    build is shared with a copy of the preview's process, as a build from scratch is: `CCHC_SPLIT_FROM`.)"""
    server, base = _serve(small_site, CCHC_SPLIT_FROM="1")
    port = int(base.rstrip("/").rsplit(":", 1)[1])
    plan = small_site / "plans" / "489-qd-ubnd.md"
    try:
        _wait_for(base + ".cchc-sources.json", '"files"')
        before = _outputs(base)
        write(small_site, "plans/489-qd-ubnd.md", plan.read_text(encoding="utf-8").replace(
            "title: Ban hành Kế hoạch", "title: Ban hành lại Kế hoạch"))
        _wait_for(base + "van-ban/489-qd-ubnd/", "ban hành lại Kế hoạch")
        _wait_for(base + "feeds/van-ban/rss.xml", "ban hành lại Kế hoạch")
        time.sleep(1)  # the record is written last
        after = _outputs(base)
    finally:
        said = _stop(server)
    assert "trang do tiến trình thứ hai chuyển đổi song song" in said
    assert after != before and any("lại".encode() in data for path, data in after.items() if path.startswith("search/d/"))
    _assert_a_fresh_preview_has(small_site, port, after)


def test_saves_in_quick_succession_end_with_the_outputs_of_the_last(small_site):
    """An editor saving again before the search index and feeds of the first save are made: those are stopped, and
    the preview ends with the ones a preview started on the last sources makes."""
    server, base = _serve(small_site)
    port = int(base.rstrip("/").rsplit(":", 1)[1])
    plan = small_site / "plans" / "489-qd-ubnd.md"
    source = plan.read_text(encoding="utf-8")
    try:
        _wait_for(base + ".cchc-sources.json", '"files"')
        for word in ("lần một", "lần hai", "lần ba"):
            write(small_site, "plans/489-qd-ubnd.md", source.replace("title: Ban hành Kế hoạch", f"title: Ban hành {word} Kế hoạch"))
            _wait_for(base + "van-ban/489-qd-ubnd/", f"ban hành {word} Kế hoạch")
        _wait_for(base + "feeds/van-ban/rss.xml", "ban hành lần ba Kế hoạch")
        time.sleep(1)  # the record is written last
        after = _outputs(base)
    finally:
        _stop(server)
    _assert_a_fresh_preview_has(small_site, port, after)


@pytest.mark.parametrize("watch", ["", "poll"])
def test_a_save_is_built_once_then_the_preview_rests(small_site, watch):
    """The system tells the preview of a save (or, with `CCHC_WATCH=poll`, the server polls as MkDocs does): one build
    per save, not another for each source the build itself reads."""
    news = "---\ntitle: Tin thử\ndate: 2025-03-01\ndepartment: SNV-KH\ncategories: [tin-hoat-dong]\n---\n\n{text}\n"
    write(small_site, "docs/tin-tuc/2025/tin-thu.md", news.format(text="Nội dung tin thử."))
    server, base = _serve(small_site, CCHC_WATCH=watch)
    try:
        _wait_for(base + "tin-tuc/2025/tin-thu/", "Nội dung tin thử.")
        write(small_site, "docs/tin-tuc/2025/tin-thu.md", news.format(text="Nội dung đã sửa."))
        _wait_for(base + "tin-tuc/2025/tin-thu/", "Nội dung đã sửa.")
        time.sleep(3)
    finally:
        errors = _stop(server)
    assert errors.count("Detected file changes") == 1, errors[-3000:]


def test_a_saved_page_is_shown_before_the_build_and_the_site_ends_as_a_fresh_preview_serves_it(small_site):
    """The preview shows the page of a saved source at once (its first look: the rest of the site follows with the
    build), also for saves made while a build runs; the pages it ends with, the first look's page and the listings
    that name it, are those of a preview started on the last sources."""
    news = "---\ntitle: {title}\ndate: 2025-03-01\ndepartment: SNV-KH\ncategories: [tin-hoat-dong]\n---\n\nNội dung tin thử.\n"
    write(small_site, "docs/tin-tuc/2025/tin-thu.md", news.format(title="Tin thử"))
    server, base = _serve(small_site)
    port = int(base.rstrip("/").rsplit(":", 1)[1])
    item, listing = "tin-tuc/2025/tin-thu/", "tin-tuc/"
    try:
        _wait_for(base + ".cchc-sources.json", '"files"')
        for title in ("Tin thử đã sửa", "Tin thử sửa lần hai", "Tin thử sửa lần ba"):  # the last two during a build
            write(small_site, "docs/tin-tuc/2025/tin-thu.md", news.format(title=title))
            _wait_for(base + item, f">{title}<", 10)
        _wait_for(base + listing, "Tin thử sửa lần ba")
        time.sleep(3)  # the last build done, its search index and feeds made
        pages = _pages(base, [item, listing])
    finally:
        said = _stop(server)
    assert f"đã hiện {item} trước khi dựng lại toàn bộ" in said
    fresh, base = _serve(small_site, port)
    try:
        _wait_for(base + ".cchc-sources.json", '"files"')
        assert _pages(base, list(pages)) == pages
    finally:
        _stop(fresh)


def test_an_item_added_is_shown_before_the_build(small_site):
    news = "---\ntitle: Tin mới thêm\ndate: 2025-03-01\ndepartment: SNV-KH\ncategories: [tin-hoat-dong]\n---\n\nNội dung mới.\n"
    server, base = _serve(small_site)
    try:
        _wait_for(base + ".cchc-sources.json", '"files"')
        write(small_site, "docs/tin-tuc/2025/tin-moi-them.md", news)
        _wait_for(base + "tin-tuc/2025/tin-moi-them/", "Nội dung mới.", 10)
        _wait_for(base + "tin-tuc/", "Tin mới thêm")  # and the listing, with the build
    finally:
        said = _stop(server)
    assert "đã hiện tin-tuc/2025/tin-moi-them/ trước khi dựng lại toàn bộ" in said


def test_a_save_the_build_refuses_is_not_shown_first(small_site):
    """A saved page whose link leads nowhere is not shown by the first look: the build refuses it, and says why."""
    news = "---\ntitle: Tin thử\ndate: 2025-03-01\ndepartment: SNV-KH\ncategories: [tin-hoat-dong]\n---\n\n{text}\n"
    write(small_site, "docs/tin-tuc/2025/tin-thu.md", news.format(text="Nội dung tin thử."))
    server, base = _serve(small_site)
    try:
        _wait_for(base + "tin-tuc/2025/tin-thu/", "Nội dung tin thử.")
        write(small_site, "docs/tin-tuc/2025/tin-thu.md", news.format(text="Xem [trang khác](../khong-co.md)."))
        time.sleep(5)
        assert "trang khác" not in _fetch(base + "tin-tuc/2025/tin-thu/")
    finally:
        said = _stop(server)
    assert "Liên kết hỏng" in said and "đã hiện" not in said


@pytest.mark.parametrize("watch", ["", "poll"])
def test_open_tabs_show_each_save_by_themselves(small_site, sized, watch):
    """An editor with the item and the news listing open in two tabs, at a phone's size and a desktop's: each save
    shows in both without touching them (the item's at its first look, the listing's once the build that follows
    replaced the site; polling, both with the build), twice in a row."""
    from playwright.sync_api import expect

    news = "---\ntitle: {title}\ndate: 2025-03-01\ndepartment: SNV-KH\ncategories: [tin-hoat-dong]\n---\n\nNội dung tin thử.\n"
    write(small_site, "docs/tin-tuc/2025/tin-thu.md", news.format(title="Tin thử"))
    server, base = _serve(small_site, CCHC_WATCH=watch)
    try:
        _wait_for(base + "tin-tuc/2025/tin-thu/", "Nội dung tin thử.")
        item, listing = sized, sized.context.new_page()
        item.goto(base + "tin-tuc/2025/tin-thu/")
        listing.goto(base + "tin-tuc/")
        expect(item.locator("article h1")).to_have_text("Tin thử¶")  # and its permalink
        for title in ("Tin thử đã sửa", "Tin thử sửa lần hai"):
            write(small_site, "docs/tin-tuc/2025/tin-thu.md", news.format(title=title))
            expect(item.locator("article h1")).to_have_text(f"{title}¶", timeout=5000)
            expect(listing.locator("article")).to_contain_text(title, timeout=10000)
    finally:
        _stop(server)
