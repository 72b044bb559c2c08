"""The web editor in Chromium, as an editor on their own machine uses it: `make serve`, then /admin/.

The editor saves through the preview server (cchc/cms_proxy.py) into a copy of the bundled content kept
in git, so every test reads what a save changed as `git diff`.
"""

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from conftest import REPO
from test_serve import _serve

PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1366, "height": 900}
COLLECTIONS = {"tin-tuc": ("docs/tin-tuc", 2), "van-ban": ("plans", 1), "co-quan": ("docs/co-quan", 1),
               "thu-tuc": ("docs/thu-tuc", 1)}


def git(root, *args) -> str:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    """The bundled content under `mkdocs serve`, in a git repository of its own: (root, base URL)."""
    root = tmp_path_factory.mktemp("editor") / "portal"
    for part in ("docs", "plans", "overrides", "hooks", "mkdocs.yml"):
        source = REPO / part
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / part)
    (root / "cchc").symlink_to(REPO / "cchc")  # mkdocs.yml watches the code
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "nội dung mẫu")
    server, base = _serve(root, CCHC_CACHE=str(root.parent / "cache"))
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(base + "admin/config.yml", timeout=5)
                break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None, server.stderr.read()
                time.sleep(0.5)
        yield root, base
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.fixture
def editor(browser, portal):
    """The editor logged in to the local backend; the content is put back as committed afterwards."""
    root, base = portal
    context = browser.new_context(locale="vi-VN", viewport=DESKTOP)
    page = context.new_page()
    outside = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith((base, "data:", "blob:")) else None)
    page.goto(base + "admin/")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name="Bộ sưu tập")).to_be_visible()
    yield page, root, base
    context.close()
    git(root, "checkout", "-q", "--", ".")
    git(root, "clean", "-qfd", "docs", "plans")
    assert outside == [], "the editor asked another host"


def open_entry(page, base, collection, slug):
    """From the collection's list, as an editor opens an entry."""
    page.goto(f"{base}admin/#/collections/{collection}")
    if collection == "thu-tuc":  # 392 entries: found through the list's search box
        page.get_by_placeholder("Tìm kiếm").press_sequentially(slug.replace("-", ".", 1), delay=20)
    page.locator(f'a[href$="#/collections/{collection}/entries/{slug}"]').click()
    expect(page.get_by_text("Đang viết trong bộ sưu tập")).to_be_visible()


def publish(page):
    page.get_by_role("button", name="Công bố", exact=True).click()
    page.get_by_role("menuitem", name="Công bố ngay").click()
    expect(page.get_by_text("Thay đổi đã được lưu")).to_be_visible(timeout=15_000)
    expect(page).not_to_have_url(re.compile(r"/new$"))  # a new entry's page becomes the saved file's


def test_every_sample_file_reads_and_writes_back_unchanged(editor):
    """Decap hands every file through the portal's format; unchanged fields keep their text byte for byte."""
    page, root, base = editor
    counts = page.evaluate("""async (collections) => {
        const found = {};
        for (const [name, [folder, depth]] of Object.entries(collections)) {
            const answer = await fetch('../api/v1', {method: 'POST', body: JSON.stringify(
                {action: 'entriesByFolder', params: {folder, extension: 'md', depth}})});
            const entries = await answer.json();
            const changed = entries.filter(e => window.cchcFormat.toFile(window.cchcFormat.fromFile(e.data)) !== e.data);
            found[name] = [entries.length, changed.map(e => e.file.path)];
        }
        return found;
    }""", COLLECTIONS)
    for name, (folder, depth) in COLLECTIONS.items():
        files = [p for p in (root / folder).rglob("*.md") if len(p.relative_to(root / folder).parts) <= depth]
        assert counts[name] == [len(files), []], name


def test_every_sample_entry_opens_in_the_editor(editor):
    """Each news item, document and department (and every 20th procedure) opens with its fields filled, no error."""
    page, root, base = editor
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    opened = 0
    for collection, (folder, depth) in COLLECTIONS.items():
        files = sorted(p for p in (root / folder).rglob("*.md") if p.name != "index.md")
        for path in files[::20] if collection == "thu-tuc" else files:
            slug = path.relative_to(root / folder).with_suffix("").as_posix()
            open_entry(page, base, collection, slug)
            identifier = {"tin-tuc": "Tiêu đề", "van-ban": "Trích yếu", "co-quan": "Mã cơ quan", "thu-tuc": "Mã thủ tục"}
            expect(page.get_by_label(identifier[collection], exact=True), slug).not_to_have_value("")
            expect(page.get_by_text("Thay đổi đã được lưu")).to_be_visible()  # opening changed nothing
            opened += 1
    assert errors == [] and opened > 80


def test_lists_show_names_and_dates_and_every_file(editor):
    page, root, base = editor
    page.goto(base + "admin/#/collections/tin-tuc")
    items = page.locator('a[href*="#/collections/tin-tuc/entries/"]')
    expect(items).to_have_count(len(list((root / "docs/tin-tuc").rglob("*.md"))))
    # Newest first, the date as readers write it.
    expect(items.first).to_contain_text("/20")
    first = items.first.inner_text()
    assert first[2] == "/" and first[5] == "/" and " · " in first
    page.goto(base + "admin/#/collections/co-quan")
    expect(page.get_by_text("Sở Tư pháp tỉnh Khánh Hòa (STP-KH)")).to_be_visible()


@pytest.mark.parametrize("collection, slug, label, text", [
    ("tin-tuc", "2024/sgtvt-bd-so-ket-tuyen-truyen-2021-2023", "Tóm tắt", " Thêm một câu."),
    ("van-ban", "2022-ke-hoach-thong-tin-tuyen-truyen-cchc-so-gtvt-binh-dinh", "Địa danh", " (sửa)"),
    ("co-quan", "stp-kh", "Tên ngắn", " (sửa)"),
    ("thu-tuc", "1-000688", "Tên thủ tục", " (sửa)"),
])
def test_an_edit_changes_that_field_only(editor, collection, slug, label, text):
    page, root, base = editor
    open_entry(page, base, collection, slug)
    field = page.get_by_label(label)
    field.click()
    field.press("End")
    field.press_sequentially(text, delay=10)
    publish(page)
    diff = git(root, "diff", "-U0")
    changed = [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert len(changed) == 2 and text.strip() in changed[1], diff


def test_a_plan_body_edit_keeps_every_clause_number(editor):
    page, root, base = editor
    path = root / "plans/2020-489-qd-ubnd-khanh-hoa.md"
    before = path.read_text(encoding="utf-8")
    open_entry(page, base, "van-ban", "2020-489-qd-ubnd-khanh-hoa")
    for _attempt in range(5):
        page.locator("[data-slate-editor]").get_by_text("TM. ỦY BAN NHÂN DÂN").click()
        page.keyboard.press("End")  # to the end of the signature line
        # The browser has moved the caret there (on a loaded machine it may not have yet, or the editor, still
        # settling as the entry loads, may have taken the click elsewhere: clicked again)…
        try:
            page.wait_for_function("""() => {
                const selection = getSelection(), block = selection.focusNode && selection.focusNode.parentElement.closest("p, div");
                return selection.isCollapsed && block && block.textContent.includes("TM. ỦY BAN NHÂN DÂN")
                    && block.textContent.trimEnd().endsWith(selection.focusNode.textContent.slice(0, selection.focusOffset).trimEnd())
                    && selection.focusOffset === selection.focusNode.textContent.length;
            }""", timeout=6000)
            break
        except PlaywrightTimeoutError:
            continue
    else:
        raise AssertionError("the caret never reached the end of the signature line")
    page.wait_for_timeout(300)  # …and the editor follows the caret on its own schedule (slate-react throttles it)
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.keyboard.type("Câu bổ sung của biên tập viên.", delay=10)
    publish(page)
    after = path.read_text(encoding="utf-8")
    assert after.rstrip("\n") == before.rstrip("\n") + "\n\nCâu bổ sung của biên tập viên."
    for number in range(2, 6):
        assert f"\n{number}\\. " in after


def choose(page, label, option, typed=None):
    box = page.get_by_label(label, exact=True)
    box.click()
    box.press_sequentially(typed or option, delay=10)
    page.get_by_role("option", name=option, exact=True).click()


def test_items_created_in_the_editor_pass_the_check(editor):
    page, root, base = editor
    page.goto(base + "admin/#/collections/tin-tuc/new")
    page.get_by_label("Tiêu đề", exact=True).press_sequentially(
        "Sở Tư pháp tổ chức hội nghị tập huấn nghiệp vụ kiểm soát thủ tục hành chính cho cán bộ đầu mối các huyện, thị xã", delay=60)
    page.get_by_label("Ngày đăng", exact=True).fill("2025-06-08T08:30")
    choose(page, "Cơ quan", "Sở Tư pháp tỉnh Khánh Hòa (STP-KH)", "Tư pháp")
    choose(page, "Chuyên mục", "Cải cách thủ tục hành chính")
    page.locator("[data-slate-editor]").click()
    page.keyboard.type("Hội nghị diễn ra trong một ngày.")
    publish(page)

    page.goto(base + "admin/#/collections/co-quan/new")
    page.get_by_label("Mã cơ quan", exact=True).press_sequentially("BQLDA-KH", delay=10)
    page.get_by_label("Tên đầy đủ", exact=True).press_sequentially("Ban Quản lý dự án công trình dân dụng tỉnh Khánh Hòa", delay=60)
    choose(page, "Cấp", "Sở, ban, ngành cấp tỉnh", "Sở, ban")
    page.get_by_label("Tỉnh, thành phố", exact=True).press_sequentially("Khánh Hòa", delay=10)
    publish(page)

    page.goto(base + "admin/#/collections/van-ban/new")
    choose(page, "Loại văn bản", "Kế hoạch")
    choose(page, "Cơ quan ban hành", "Sở Tư pháp tỉnh Khánh Hòa (STP-KH)", "STP")
    page.get_by_label("Địa danh", exact=True).press_sequentially("Khánh Hòa", delay=10)
    page.get_by_label("Ngày ban hành", exact=True).press_sequentially("2025-02-10", delay=10)
    page.get_by_label("Trích yếu", exact=True).press_sequentially("Kiểm soát thủ tục hành chính năm 2025", delay=60)
    page.get_by_label("Thời kỳ", exact=True).press_sequentially("2025", delay=10)
    choose(page, "Lĩnh vực CCHC", "Cải cách thủ tục hành chính")
    publish(page)

    added = git(root, "status", "--porcelain", "--untracked-files=all").split()
    assert "docs/tin-tuc/2025/so-tu-phap-to-chuc-hoi-nghi-tap-huan-nghiep-vu-kiem-soat-thu-tuc-hanh-ch.md" in added, added
    assert "docs/co-quan/bqlda-kh.md" in added and "plans/2025-kiem-soat-thu-tuc-hanh-chinh-nam-2025.md" in added, added
    check = subprocess.run([sys.executable, "-m", "cchc.check"], cwd=root, capture_output=True, text=True,
                           env={**os.environ, "CCHC_NOW": "2026-11-25T12:00"})
    assert check.returncode == 0, check.stdout + check.stderr


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_typing_on_a_busy_computer_loses_no_keystroke(editor, size):
    """A slow office computer: the page's main thread busy 45 ms in every 65 while the editor types.

    Decap's own text fields, drawn again from its store after each keystroke, lost a letter in 8 of 10
    such titles ("Sở Tư háp", "S Tư pháp"); admin/cchc-fields.js keeps what was typed.
    """
    page, root, base = editor
    page.set_viewport_size(size)
    typed = {"Tiêu đề": "Sở Tư pháp tổ chức hội nghị tập huấn",
             "Tóm tắt (không bắt buộc)": "Hơn 200 công chức dự.\nPhát biểu của Giám đốc Sở."}
    for _opened in range(3):  # the race is one of timing: three times over
        page.goto(base + "admin/#/collections/tin-tuc/new")
        page.reload()  # opened from a bookmark: the editor still loads the lists its menus offer as the typing starts
        expect(page.get_by_label("Tiêu đề", exact=True)).to_be_editable()
        page.evaluate("setInterval(() => { const start = performance.now(); while (performance.now() - start < 45); }, 20)")
        for label, text in typed.items():
            page.get_by_label(label, exact=True).press_sequentially(text, delay=30)
        for label, text in typed.items():
            expect(page.get_by_label(label, exact=True)).to_have_value(text)
    page.get_by_label("Ngày đăng", exact=True).fill("2025-06-08T08:30")
    choose(page, "Cơ quan", "Sở Tư pháp tỉnh Khánh Hòa (STP-KH)", "Tư pháp")
    choose(page, "Chuyên mục", "Cải cách thủ tục hành chính")
    publish(page)  # what the fields show is what the file gets
    saved = (root / "docs/tin-tuc/2025/so-tu-phap-to-chuc-hoi-nghi-tap-huan.md").read_text(encoding="utf-8")
    assert "title: Sở Tư pháp tổ chức hội nghị tập huấn\n" in saved, saved
    assert "Hơn 200 công chức dự.\n" in saved and "Phát biểu của Giám đốc Sở." in saved, saved


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_editor_fits_the_screen_reads_to_assistive_technology_and_previews_as_the_site(browser, portal, size):
    root, base = portal
    context = browser.new_context(locale="vi-VN", viewport=size, is_mobile=size is PHONE, has_touch=size is PHONE)
    page = context.new_page()
    page.goto(base + "admin/")
    page.get_by_role("button", name="Đăng nhập").click()
    page.goto(base + "admin/#/collections/tin-tuc")
    expect(page.get_by_text("Tạo tin", exact=True)).to_be_visible()
    assert serious_violations(page) == []
    page.goto(base + "admin/#/collections/van-ban/entries/2020-489-qd-ubnd-khanh-hoa")
    expect(page.get_by_label("Số ký hiệu (không bắt buộc)").first).to_have_value("489/QĐ-UBND")
    page.get_by_label("Địa danh", exact=True).press_sequentially(" ", delay=10)
    publish_button = page.get_by_role("button", name="Công bố", exact=True)
    expect(publish_button).to_be_visible()
    box = publish_button.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= size["width"]  # reachable on a phone, not scrolled off
    assert serious_violations(page) == []
    if size is DESKTOP:  # the preview pane, drawn with the site's own typography
        preview = page.frame_locator("#preview-pane")
        expect(preview.locator("article.md-typeset h1")).to_have_text("Ban hành Kế hoạch tuyên truyền cải cách hành chính năm 2020")
        expect(preview.locator("article.md-typeset")).to_contain_text("Quyết định 489/QĐ-UBND · 11/03/2020")
    context.close()


def serious_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page).response["violations"]
    return [(v["id"], [(n["target"], n["any"][0]["message"] if n["any"] else "") for n in v["nodes"][:3]])
            for v in found if v["impact"] in ("serious", "critical")]


def test_published_without_a_forge_the_editor_says_how_to_edit(browser, portal):
    """On the published site with no `extra.cms`, the page explains instead of failing to log in."""
    root, base = portal
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    page.route("http://portal.test/**", lambda route: route.continue_(url=route.request.url.replace("http://portal.test/", base)))
    page.goto("http://portal.test/admin/")
    expect(page.get_by_role("heading", name="Trình soạn thảo web chưa được bật cho cổng này")).to_be_visible()
    context.close()
