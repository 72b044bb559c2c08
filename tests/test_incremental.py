"""An incremental build (`mkdocs build --dirty`, as `mkdocs serve` and a restored CI cache do), which reuses what
the build cache holds, writes exactly what a clean full build of the same sources at the same clock writes (one
with no cache: `CCHC_CACHE=off`), whatever the edit: content, code, templates or settings."""

from __future__ import annotations

import hashlib
import re
import shutil
import time

import pytest

from cchc import build_cache, content, site_swap, source_signatures

from conftest import REPO, assert_same_site, edited_in_place, git, mkdocs_build, procedure_in_full, write

NOW, LATER = "2026-11-25T12:00", "2027-02-01T08:00"
SPLIT = {"CCHC_SPLIT_FROM": "1"}  # a copy of the build converts half of what is converted, however little
NEWS = "---\ntitle: {title}\ndate: {date}\ndepartment: SNV-KH\ncategories: [tin-hoat-dong]\n{extra}---\n\nNội dung tin.\n"
PROCEDURE = """---
code: '1.000001'
name: Thủ tục thử
department: SNV-KH
field: Công chức
levels: [cap-tinh]
---
"""

PLAN = """---
number: 99/KH-UBND
doc_type: Kế hoạch
issuer: UBND-KH
place: Khánh Hòa
issued: 2026-01-05
title: Số hóa hồ sơ năm 2026
period: "2026"
areas: [chinh-quyen-so]
assignments:
  - to: Sở Nội vụ
    departments: [SNV-KH]
    tasks:
      - text: Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính
        deadline: Tháng 12/2026
---
"""
REPORT = ("---\ntask: 99-kh-ubnd/1\ndate: 2026-06-01\nstatus: dang-thuc-hien\ndepartment: SNV-KH\n"
          "summary: Đã số hóa một nửa hồ sơ\n---\n")
QUESTION = ("---\ntitle: Hồ sơ số hóa xem ở đâu?\nquestion: Xin hỏi hồ sơ đã số hóa xem ở đâu?\nasked: 2026-06-02\n"
            "department: SNV-KH\nanswered: 2026-06-05\ndocuments: [99/KH-UBND]\n---\n\nTrên Cổng Dịch vụ công.\n")
RESULT = ("---\nindex: sipas\nyear: \"2025\"\nunit: UBND-KH\nscore: \"84,1\"\nrank: 20/63\npublished: 2026-04-10\n"
          "source: https://example.gov.vn/sipas-2025\n---\n")


def _own_templates(root):
    shutil.copytree(REPO / "overrides", root / "overrides")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(f"{REPO}/overrides", "overrides"), encoding="utf-8")


def _news(root, name, title, date="2025-03-01", extra=""):
    write(root, f"docs/tin-tuc/2025/{name}.md", NEWS.format(title=title, date=date, extra=extra))


def _edit(name, root):
    if name == "news edited":
        _news(root, "tin-a", "Tin đã sửa tiêu đề")
    elif name == "plan edited":
        path = root / "plans" / "489-qd-ubnd.md"
        path.write_text(path.read_text(encoding="utf-8").replace("title: ", "title: (Sửa) ", 1), encoding="utf-8")
    elif name == "procedure added":
        write(root, "docs/thu-tuc/1-000001.md", PROCEDURE)
    elif name == "department edited":
        path = root / "docs" / "co-quan" / "snv-kh.md"
        path.write_text(path.read_text(encoding="utf-8").replace("name: ", "name: Tên mới – ", 1), encoding="utf-8")
    elif name == "file added":
        write(root, "docs/files/ke-hoach.pdf", "%PDF-1.4\n")
    elif name == "file deleted":
        (root / "docs" / "tin-tuc" / "2025" / "tin-b.md").unlink()
    elif name == "report added":  # the plan's, the department's and the overview's pages, feeds and data change
        write(root, "docs/tien-do/2026/so-hoa.md", REPORT)
    elif name == "question added":
        write(root, "docs/hoi-dap/2026/ho-so-so-hoa.md", QUESTION)
    elif name == "index result added":  # the department's page draws the chart
        write(root, "docs/chi-so/2025/sipas-ubnd-kh.md", RESULT)
    elif name == "draft published":
        _news(root, "nhap", "Tin nháp")
    elif name == "template edited":  # the site's own copy of the templates (`_own_templates`)
        path = root / "overrides" / "main.html"
        path.write_text(path.read_text(encoding="utf-8").replace("{% block content %}", "{% block content %}<!-- sửa -->"),
                        encoding="utf-8")
    elif name == "settings edited":
        path = root / "mkdocs.yml"
        path.write_text(path.read_text(encoding="utf-8").replace("site_name: ", "site_name: Mới – ", 1), encoding="utf-8")
    elif name not in ("scheduled item reaches its time", "a deadline passes"):
        raise ValueError(name)


EDITS = ["news edited", "plan edited", "procedure added", "department edited", "file added", "file deleted",
         "draft published", "scheduled item reaches its time", "report added", "question added", "index result added",
         "a deadline passes", "template edited", "settings edited"]


@pytest.mark.parametrize("edit", EDITS)
def test_an_incremental_build_equals_a_full_one(small_site, tmp_path, edit):
    _own_templates(small_site)
    _news(small_site, "tin-a", "Tin thứ nhất")
    _news(small_site, "tin-b", "Tin thứ hai", "2025-04-01")
    _news(small_site, "nhap", "Tin nháp", extra="draft: true\n")
    _news(small_site, "hen-gio", "Tin hẹn giờ", "2027-01-15")
    write(small_site, "plans/99-kh-ubnd.md", PLAN)  # a task due in December 2026: overdue at the later clock
    write(small_site, "docs/thu-tuc/1-000002.md", procedure_in_full("1.000002"))  # made again from its kept check
    first = mkdocs_build(small_site, env={"CCHC_NOW": NOW, **SPLIT})
    assert first.returncode == 0 and "trang do tiến trình thứ hai chuyển đổi song song" in first.stderr
    _edit(edit, small_site)
    clock = {"CCHC_NOW": LATER if edit in ("scheduled item reaches its time", "a deadline passes") else NOW}
    # Half the edits built with `--dirty`, half by a plain build, which takes over the previous site as its spare.
    dirty = ["--dirty"] if EDITS.index(edit) % 2 else []
    incremental = mkdocs_build(small_site, *dirty, env={**clock, **SPLIT})  # strict, as mkdocs.yml asks
    assert incremental.returncode == 0, incremental.stderr
    assert "A 'dirty' build" not in incremental.stderr
    assert mkdocs_build(small_site, "--site-dir", str(tmp_path / "full"), env={**clock, "CCHC_CACHE": "off"}).returncode == 0
    assert_same_site(small_site / "site", tmp_path / "full")


def test_the_files_besides_the_pages_are_links_to_the_cache_as_the_pages_are(small_site):
    """The theme's assets, the portal's scripts and the web editor are not copied again by every build."""
    env = {"CCHC_NOW": NOW}
    assert mkdocs_build(small_site, env=env).returncode == 0
    blobs = {path.stat().st_ino for path in (small_site / ".cache" / "cchc").glob("blobs/*/*")}
    site = small_site / "site"
    besides = [site / "assets" / "search.js", *(site / "assets" / "stylesheets").glob("*.css"),
               *(site / "admin").rglob("*.js")]
    assert len(besides) > 3 and all(path.stat().st_ino in blobs for path in besides)
    _news(small_site, "tin-moi", "Tin mới")
    assert mkdocs_build(small_site, env=env).returncode == 0
    assert all((small_site / "site" / path.relative_to(site)).stat().st_ino in blobs for path in besides)


def test_the_cache_is_used_and_a_damaged_entry_is_only_a_miss(small_site, tmp_path):
    env = {"CCHC_NOW": NOW}
    _news(small_site, "tin-a", "Tin thứ nhất")
    _news(small_site, "tin-b", "Tin thứ hai", "2025-04-01")
    assert mkdocs_build(small_site, env=env).returncode == 0
    cache = small_site / ".cache" / "cchc"
    blobs = sorted(cache.glob("blobs/*/*"))
    kept = {p.stat().st_ino for p in blobs[1::2]}
    # Half the kept files cut short, and every page of the old site (which links to them) edited in place.
    for path in blobs[::2]:
        path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])
    for path in (small_site / "site").rglob("*.html"):
        path.write_bytes(path.read_bytes().replace(b"<body", b"<body data-sua-tay"))
    _news(small_site, "tin-a", "Tin đã sửa tiêu đề")
    assert mkdocs_build(small_site, "--dirty", env=env).returncode == 0
    reused = [p for p in (small_site / "site").rglob("*") if p.is_file() and p.stat().st_ino in kept]
    assert reused, "the second build took nothing from the cache"
    assert mkdocs_build(small_site, "--site-dir", str(tmp_path / "full"), env={**env, "CCHC_CACHE": "off"}).returncode == 0
    assert_same_site(small_site / "site", tmp_path / "full")

    (cache / "entries.sqlite").write_bytes(b"not a database" * 100)  # as a crash might leave it
    assert mkdocs_build(small_site, "--dirty", env=env).returncode == 0
    assert_same_site(small_site / "site", tmp_path / "full")
    # The site the build before replaced, its pages edited in place, is this build's spare.
    assert site_swap.spare(small_site / "site").is_dir()
    assert mkdocs_build(small_site, env=env).returncode == 0
    assert_same_site(small_site / "site", tmp_path / "full")


def test_a_rebuild_takes_over_the_spare_s_search_index_and_removes_the_files_it_no_longer_writes(small_site, tmp_path):
    """The spare's search index is kept while the search process writes the index again (most of its files are the
    same); those it did not write again (a news item deleted: one result fewer) are removed once it says which."""
    env = {"CCHC_NOW": NOW}
    for number in range(1, 7):
        _news(small_site, f"tin-{number}", f"Tin số {number}", f"2025-0{number}-01")
    assert mkdocs_build(small_site, env=env).returncode == 0
    assert mkdocs_build(small_site, env=env).returncode == 0  # the first site is now the spare
    spare = site_swap.spare(small_site / "site")
    index_before = {p.relative_to(spare).as_posix() for p in (spare / "search").rglob("*") if p.is_file()}
    (small_site / "docs" / "tin-tuc" / "2025" / "tin-6.md").unlink()
    assert mkdocs_build(small_site, env=env).returncode == 0
    site = small_site / "site"
    index_now = {p.relative_to(site).as_posix() for p in (site / "search").rglob("*") if p.is_file()}
    assert index_before - index_now and index_now & index_before
    assert mkdocs_build(small_site, "--site-dir", str(tmp_path / "full"), env={**env, "CCHC_CACHE": "off"}).returncode == 0
    assert_same_site(site, tmp_path / "full")


def test_a_page_the_nav_takes_over_is_never_written_through_a_kept_file(small_site, tmp_path):
    """Out of the nav a page is a link to the bytes the cache keeps; in it MkDocs writes it. A spare's link to a kept
    page is replaced, never written through: the kept bytes, and the site served that shares them, stay as they were."""
    env = {"CCHC_NOW": NOW}
    _news(small_site, "tin-a", "Tin thứ nhất")
    assert mkdocs_build(small_site, env=env).returncode == 0
    assert mkdocs_build(small_site, env=env).returncode == 0  # the first site is now the spare
    config = small_site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - co-quan/index.md\n", "  - co-quan/index.md\n"
                                                                  "  - tin-tuc/2025/tin-a.md\n"), encoding="utf-8")
    assert mkdocs_build(small_site, env=env).returncode == 0
    for blob in (small_site / ".cache" / "cchc").glob("blobs/*/*"):
        assert hashlib.sha256(blob.read_bytes()).hexdigest() == blob.name
    assert mkdocs_build(small_site, "--site-dir", str(tmp_path / "full"), env={**env, "CCHC_CACHE": "off"}).returncode == 0
    assert_same_site(small_site / "site", tmp_path / "full")


def test_a_change_to_what_every_page_shares_writes_the_pages_again_without_the_theme(small_site, tmp_path):
    """The operator (SNV-KH) is named in every page's footer: each page is written from its previous bytes with the
    new footer in place of the old, and is what a clean build writes."""
    env = {"CCHC_NOW": NOW}
    assert mkdocs_build(small_site, env=env).returncode == 0
    _edit("department edited", small_site)
    result = mkdocs_build(small_site, "--verbose", env=env)
    assert result.returncode == 0, result.stderr
    written = {line.split("/site.dang-dung-", 1)[1].split("/", 1)[1] for line in result.stderr.splitlines()
               if "with this build's shared parts: " in line}
    assert {"hoi-dap/index.html", "van-ban/theo-loai/index.html"} <= written  # pages that do not name it themselves
    assert mkdocs_build(small_site, "--site-dir", str(tmp_path / "full"), env={**env, "CCHC_CACHE": "off"}).returncode == 0
    assert_same_site(small_site / "site", tmp_path / "full")
    assert "Tên mới – " in (small_site / "site" / "hoi-dap" / "index.html").read_text(encoding="utf-8")


def test_a_build_from_scratch_shared_with_a_copy_of_itself_writes_what_one_process_writes(small_site, tmp_path):
    """A first build has a copy of itself (`fork`) check sources and convert pages from the last while it does from the
    first; a build after one of the same code finds them in the cache, and does not: its copy keys the pages out of
    the nav instead, to find those it need not walk."""
    _news(small_site, "tin-a", "Tin thứ nhất")
    first = mkdocs_build(small_site, env={"CCHC_NOW": NOW, **SPLIT})
    assert first.returncode == 0, first.stderr
    assert "tệp do tiến trình thứ hai kiểm tra song song" in first.stderr
    assert "trang do tiến trình thứ hai chuyển đổi song song" in first.stderr
    assert mkdocs_build(small_site, "--site-dir", str(tmp_path / "full"), env={"CCHC_NOW": NOW, "CCHC_CACHE": "off"}).returncode == 0
    assert_same_site(small_site / "site", tmp_path / "full")
    _news(small_site, "tin-a", "Tin thứ nhất, sửa")
    again = mkdocs_build(small_site, env={"CCHC_NOW": NOW, **SPLIT})
    assert again.returncode == 0, again.stderr
    assert "kiểm tra song song" not in again.stderr and "chuyển đổi song song" not in again.stderr
    assert "làm lại song song để so với lần dựng trước" in again.stderr
    assert mkdocs_build(small_site, "--site-dir", str(tmp_path / "again"), env={"CCHC_NOW": NOW, "CCHC_CACHE": "off"}).returncode == 0
    assert_same_site(small_site / "site", tmp_path / "again")


def test_a_build_from_scratch_shared_with_a_copy_of_itself_keeps_what_one_process_keeps(small_site):
    """What the copy made of its pages (their settings, what their renderers read of the site) is handed back, not
    made again by the build: the cache then holds what a build in one process keeps, every entry with its bytes, the
    record of what made each page (which spares the next build remaking it) included."""
    import sqlite3

    for number in range(3):
        _news(small_site, f"tin-{number}", f"Tin số {number}")
    # A long guide, the first page out of the nav the build converts: meanwhile its copy converts the others, the
    # news items' pages (made by their renderer, which notes what it read) among them.
    write(small_site, "docs/huong-dan/a-dai.md", "---\ntitle: Hướng dẫn dài\n---\n\n" + "\n\n".join(
        f"## Mục {number}\n\nĐoạn số {number} về cải cách hành chính, có **chữ đậm** và [liên kết](https://example.gov.vn/{number})."
        for number in range(6000)))

    def kept(split: str) -> dict[str, bytes]:
        shutil.rmtree(small_site / ".cache", ignore_errors=True)
        built = mkdocs_build(small_site, env={"CCHC_NOW": NOW, "CCHC_SPLIT_FROM": split})
        assert built.returncode == 0, built.stderr
        converted = re.search(r"(\d+) trang do tiến trình thứ hai chuyển đổi song song", built.stderr)
        assert (converted is not None and int(converted[1]) > 10) == (split == "1")
        with sqlite3.connect(small_site / ".cache" / "cchc" / "entries.sqlite") as db:
            return dict(db.execute("SELECT key, value FROM kept"))

    alone, shared = kept("100000"), kept("1")
    assert shared.keys() == alone.keys()
    assert [key for key in alone if shared[key] != alone[key]] == []


def test_a_mistake_in_the_copy_s_share_is_reported_as_the_build_reports_it_and_nothing_is_published(small_site):
    _news(small_site, "tin-a", "Tin thứ nhất")
    write(small_site, "plans/zz-sai.md", PLAN.replace("issued: 2026-01-05", "issued: 05/01/2026"))  # the copy's first
    failed = mkdocs_build(small_site, env={"CCHC_NOW": NOW, **SPLIT})
    assert failed.returncode != 0 and "Traceback" not in failed.stderr
    assert "tệp do tiến trình thứ hai kiểm tra song song" in failed.stderr
    assert "plans/zz-sai.md:6: lỗi: [issued] '05/01/2026' không phải ngày hợp lệ" in failed.stderr
    assert not (small_site / "site").exists()


def test_a_ci_job_s_rebuild_reuses_the_restored_cache_and_equals_a_full_one(small_site, tmp_path):
    """As a CI job builds: its sources a fresh checkout (every file new, modified now), the build cache restored as
    new files with their times (`tar --posix`, as `actions/cache` restores it), no site to take over. The pages the
    edit did not touch are put in place from the cache (their blobs known by their size and time, not hashed
    again: tests/test_build_cache.py), and the site is the one a clean build writes."""
    _news(small_site, "tin-a", "Tin thứ nhất")
    _news(small_site, "tin-b", "Tin thứ hai", "2025-04-01")
    assert mkdocs_build(small_site, env={"CCHC_NOW": NOW}).returncode == 0
    time.sleep(build_cache.SETTLED / 1e9 + 0.1)  # the blobs written: far enough back to be noted as hashed
    assert mkdocs_build(small_site, env={"CCHC_NOW": NOW}).returncode == 0

    job = tmp_path / "job" / "portal"
    shutil.copytree(small_site, job, copy_function=shutil.copyfile, ignore=shutil.ignore_patterns(".*", "site"))
    shutil.copytree(small_site / ".cache", job / ".cache", copy_function=shutil.copy2)
    _news(job, "tin-a", "Tin đã sửa tiêu đề")
    rebuilt = mkdocs_build(job, env={"CCHC_NOW": NOW})
    assert rebuilt.returncode == 0, rebuilt.stderr
    kept = re.search(r"(\d+) trang không đổi so với lần dựng trước", rebuilt.stderr)
    assert kept is not None and int(kept[1]) > 10
    assert mkdocs_build(job, "--site-dir", str(tmp_path / "full"), env={"CCHC_NOW": NOW, "CCHC_CACHE": "off"}).returncode == 0
    assert_same_site(job / "site", tmp_path / "full")


def test_a_ci_job_s_checkout_is_known_by_git_not_read_and_its_rebuild_equals_a_full_one(small_site, tmp_path):
    """As a CI job builds from Git: a clone in a folder of its own, after a commit that edits a news item, and the
    cache restored. Git's index vouches for every source but the edited one, which alone is read: the others keep
    what the build before noted of them (their files in the first checkout), and the site is a clean build's."""
    import sqlite3

    write(small_site, ".gitignore", (REPO / ".gitignore").read_text(encoding="utf-8"))
    _news(small_site, "tin-a", "Tin thứ nhất")
    _news(small_site, "tin-b", "Tin thứ hai", "2025-04-01")
    git(small_site, "init", "-q")
    git(small_site, "add", "-A")
    git(small_site, "commit", "-q", "-m", "Nội dung")
    time.sleep(source_signatures.SETTLED / 1e9 + 0.1)  # the sources' times far enough back to be noted
    assert mkdocs_build(small_site, env={"CCHC_NOW": NOW}).returncode == 0

    _news(small_site, "tin-a", "Tin đã sửa tiêu đề")
    git(small_site, "commit", "-q", "-a", "-m", "Sửa tin")
    job = tmp_path / "job" / "portal"
    git(tmp_path, "clone", "-q", str(small_site), str(job))
    shutil.copytree(small_site / ".cache", job / ".cache", copy_function=shutil.copy2)
    time.sleep(source_signatures.SETTLED / 1e9 + 0.1)
    rebuilt = mkdocs_build(job, env={"CCHC_NOW": NOW})
    assert rebuilt.returncode == 0, rebuilt.stderr

    with sqlite3.connect(job / ".cache" / "cchc" / "entries.sqlite") as db:
        inodes = dict(db.execute("SELECT path, inode FROM sources"))
    sources = [layout_path for layout_path, _kind in content.sources(content.Layout.at(job))]
    assert len(inodes) == len(sources) > 5
    for path in sources:
        name = path.relative_to(job).as_posix()
        read = inodes[name] == path.stat().st_ino
        assert read == (name == "docs/tin-tuc/2025/tin-a.md"), name
        assert read or inodes[name] == (small_site / name).stat().st_ino
    assert mkdocs_build(job, "--site-dir", str(tmp_path / "full"), env={"CCHC_NOW": NOW, "CCHC_CACHE": "off"}).returncode == 0
    assert_same_site(job / "site", tmp_path / "full")


def test_a_build_of_unchanged_sources_makes_nothing_again(small_site):
    """Every key a build reads is the one the build before wrote, whether that build checked a text afresh or read
    its check from the cache: a key that moved would make pages again on every rebuild, with the same bytes."""
    import sqlite3

    env = {"CCHC_NOW": NOW, **SPLIT}
    _news(small_site, "tin-a", "Tin thứ nhất")
    assert mkdocs_build(small_site, env=env).returncode == 0  # every text checked afresh, half by a copy of the build

    def keys() -> set[str]:
        with sqlite3.connect(small_site / ".cache" / "cchc" / "entries.sqlite") as db:
            return {key for (key,) in db.execute("SELECT key FROM kept")}

    first = keys()
    assert mkdocs_build(small_site, env=env).returncode == 0  # every check read from the cache
    assert keys() == first


def test_a_rebuild_knows_unchanged_sources_by_their_signature_and_reads_one_edited_in_place(small_site, tmp_path):
    """A rebuild takes each source whose size, times and inode are those a build read by the digest it noted
    (`source_signatures`), without reading it; a file edited with its size and modification time kept is read."""
    import sqlite3

    env = {"CCHC_NOW": NOW}
    _news(small_site, "tin-a", "Tin thứ nhất")
    time.sleep(source_signatures.SETTLED / 1e9 + 0.1)  # just written: their times could still stay through an edit
    assert mkdocs_build(small_site, env=env).returncode == 0
    with sqlite3.connect(small_site / ".cache" / "cchc" / "entries.sqlite") as db:
        noted = {path for (path,) in db.execute("SELECT path FROM sources")}
    assert noted == {path.relative_to(small_site).as_posix()
                     for path, _kind in content.sources(content.Layout.at(small_site))}

    edited_in_place(small_site / "docs/tin-tuc/2025/tin-a.md", "Nội dung tin.", "Nội dung tia.")
    assert mkdocs_build(small_site, env=env).returncode == 0
    assert "Nội dung tia." in (small_site / "site/tin-tuc/2025/tin-a/index.html").read_text(encoding="utf-8")
    full = mkdocs_build(small_site, "--site-dir", str(tmp_path / "full"), env={**env, "CCHC_CACHE": "off"})
    assert full.returncode == 0
    assert_same_site(small_site / "site", tmp_path / "full")


def test_files_besides_the_pages_are_known_by_their_signature_and_one_edited_in_place_is_read(small_site, tmp_path):
    """The theme's assets and an editor's files besides the pages are put in place by the digest a build noted with
    their signature (`_COPIED`), not read and hashed by every build; one edited keeping its size and time is read."""
    import marshal
    import sqlite3

    env = {"CCHC_NOW": NOW}
    write(small_site, "docs/assets/ghi-chu.css", "p { color: black; }\n")
    time.sleep(source_signatures.SETTLED / 1e9 + 0.1)  # just written: its times could still stay through an edit
    assert mkdocs_build(small_site, env=env).returncode == 0

    def noted() -> dict:
        with sqlite3.connect(small_site / ".cache" / "cchc" / "entries.sqlite") as db:
            for (value,) in db.execute("SELECT value FROM kept"):
                try:
                    record = marshal.loads(value)
                except (EOFError, ValueError, TypeError):
                    continue
                if isinstance(record, dict) and "docs/assets/ghi-chu.css" in record:
                    return record
        return {}

    record = noted()
    assert record["docs/assets/ghi-chu.css"][1] == hashlib.sha256(b"p { color: black; }\n").hexdigest()
    assert any(path.endswith("/material/templates/assets/images/favicon.png") for path in record)  # the theme's

    edited_in_place(small_site / "docs/assets/ghi-chu.css", "black", "green")
    assert mkdocs_build(small_site, env=env).returncode == 0
    assert (small_site / "site/assets/ghi-chu.css").read_text(encoding="utf-8") == "p { color: green; }\n"
    full = mkdocs_build(small_site, "--site-dir", str(tmp_path / "full"), env={**env, "CCHC_CACHE": "off"})
    assert full.returncode == 0
    assert_same_site(small_site / "site", tmp_path / "full")


def test_a_link_whose_page_is_unchanged_is_checked_again_against_the_edited_page(small_site):
    """A body's links are found with its check and read back with it from the cache: a rebuild still finds the link
    of an unchanged page broken by an edit of the page it leads to."""
    env = {"CCHC_NOW": NOW}
    write(small_site, "docs/huong-dan/gioi-thieu.md", "# Giới thiệu\n\n## Liên hệ\n\nGọi theo số ghi ở trang này.\n")
    write(small_site, "docs/huong-dan/hoi-dap.md", "# Hỏi đáp\n\nXem [liên hệ](gioi-thieu.md#lien-he).\n")
    assert mkdocs_build(small_site, env=env).returncode == 0
    write(small_site, "docs/huong-dan/gioi-thieu.md", "# Giới thiệu\n\n## Địa chỉ\n\nGọi theo số ghi ở trang này.\n")
    failed = mkdocs_build(small_site, env=env)
    assert failed.returncode != 0
    assert "docs/huong-dan/hoi-dap.md:3" in failed.stderr + failed.stdout
    assert "trang không có mục #lien-he" in failed.stderr + failed.stdout


def test_pages_unchanged_are_not_walked_yet_checked_as_a_full_build_checks_them(small_site, tmp_path):
    """A rebuild puts the pages that did not change in place without MkDocs' walk (and says how many). A link from
    one of them to a heading of a page that changed is still checked: the heading gone, the rebuild fails as a full
    build does."""
    env = {"CCHC_NOW": NOW}
    _news(small_site, "tin-a", "Tin thứ nhất")
    write(small_site, "docs/tin-tuc/2025/tin-b.md", NEWS.format(title="Tin thứ hai", date="2025-04-01", extra="")
          + "\nXem [phần của Sở Nội vụ](../../van-ban/489-qd-ubnd.md#1-so-noi-vu).\n")
    _news(small_site, "tin-c", "Tin thứ ba", "2025-01-01")
    assert mkdocs_build(small_site, env=env).returncode == 0
    _news(small_site, "tin-c", "Tin đã sửa tiêu đề", "2025-01-01")  # shown on its own page and its neighbour's (tin-a)
    rebuilt = mkdocs_build(small_site, "--verbose", env=env)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "Reading: tin-tuc/2025/tin-c.md" in rebuilt.stderr and "Reading: tin-tuc/2025/tin-a.md" in rebuilt.stderr
    assert "Reading: tin-tuc/2025/tin-b.md" not in rebuilt.stderr
    assert re.search(r"\d+ trang không đổi so với lần dựng trước", rebuilt.stderr)
    assert mkdocs_build(small_site, "--site-dir", str(tmp_path / "full"), env={**env, "CCHC_CACHE": "off"}).returncode == 0
    assert_same_site(small_site / "site", tmp_path / "full")

    plan = small_site / "plans" / "489-qd-ubnd.md"
    plan.write_text(plan.read_text(encoding="utf-8").replace("#### 1. Sở Nội vụ", "#### 1. Sở Tư pháp"), encoding="utf-8")
    full = mkdocs_build(small_site, "--site-dir", str(tmp_path / "full"), env={**env, "CCHC_CACHE": "off"})
    rebuilt = mkdocs_build(small_site, env=env)
    message = "contains a link '../../van-ban/489-qd-ubnd.md#1-so-noi-vu', but the doc"
    assert full.returncode != 0 and message in full.stderr
    assert rebuilt.returncode != 0 and message in rebuilt.stderr


def test_links_between_unchanged_pages_are_checked_from_the_anchors_the_last_build_noted(small_site):
    """A link from a page not walked to a heading of another is checked against the headings the last build noted
    of pages linked to: not by reading the page's parts back (one look-up each, 1,200 at 10,000 documents). Here the
    parts are gone from the cache: the heading is still known."""
    import sqlite3

    env = {"CCHC_NOW": NOW}
    write(small_site, "docs/tin-tuc/2025/tin-b.md", NEWS.format(title="Tin thứ hai", date="2025-04-01", extra="")
          + "\nXem [phần của Sở Nội vụ](../../van-ban/489-qd-ubnd.md#1-so-noi-vu).\n")
    assert mkdocs_build(small_site, env=env).returncode == 0
    with sqlite3.connect(small_site / ".cache" / "cchc" / "entries.sqlite") as db:
        gone = db.execute("DELETE FROM kept WHERE instr(value, ?) > 0 AND instr(value, ?) > 0",
                          ('"anchors": ['.encode(), '<h4 id="1-so-noi-vu"'.encode())).rowcount
    assert gone == 1  # the plan's page's parts
    write(small_site, "docs/huong-dan/moi.md", "# Hướng dẫn mới\n\nMột trang mới.\n")
    rebuilt = mkdocs_build(small_site, "--verbose", env=env)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "Reading: tin-tuc/2025/tin-b.md" not in rebuilt.stderr and "Reading: van-ban/489-qd-ubnd.md" not in rebuilt.stderr


def test_pages_compared_ahead_by_a_copy_of_the_build_are_keyed_as_the_build_keys_them(small_site, tmp_path):
    """A rebuild's copy compares the pages the last build's renderers made with the site while the build lists its
    files (`_compare_ahead`); a page whose renderer read what others make as the build goes (a department's index
    series) is compared by the build. A department renamed (not the portal's operator, named in every footer): its
    news items' pages show the new name, as a clean build's do."""
    env = {"CCHC_NOW": NOW, "CCHC_SPLIT_FROM": "1"}
    department = small_site / "docs" / "co-quan" / "stp-kh.md"
    write(small_site, "docs/co-quan/stp-kh.md", (small_site / "docs" / "co-quan" / "snv-kh.md").read_text(encoding="utf-8")
          .replace("SNV-KH", "STP-KH").replace("Sở Nội vụ", "Sở Tư pháp").replace("snv@", "stp@"))
    for number in range(3):
        write(small_site, f"docs/tin-tuc/2025/tin-{number}.md", NEWS.replace("SNV-KH", "STP-KH").format(
            title=f"Tin số {number}", date=f"2025-03-0{number + 1}", extra=""))
    assert mkdocs_build(small_site, env=env).returncode == 0
    department.write_text(department.read_text(encoding="utf-8").replace("name: ", "name: Tên mới – ", 1), encoding="utf-8")
    rebuilt = mkdocs_build(small_site, env=env)
    assert rebuilt.returncode == 0, rebuilt.stderr
    compared = re.search(r"(\d+) trang do tiến trình thứ hai so trước với lần dựng trước", rebuilt.stderr)
    assert compared is not None and int(compared[1]) >= 3
    for number in range(3):
        page = (small_site / "site" / "tin-tuc" / "2025" / f"tin-{number}" / "index.html").read_text(encoding="utf-8")
        assert "Tên mới – Sở Tư pháp" in page
    assert mkdocs_build(small_site, "--site-dir", str(tmp_path / "full"), env={**env, "CCHC_CACHE": "off"}).returncode == 0
    assert_same_site(small_site / "site", tmp_path / "full")


def test_a_plan_s_page_is_keyed_by_what_its_renderer_read_not_rendered_again(small_site, tmp_path):
    """A plan's page is generated (its file sits in plans/): rendered only when read, noting what its renderer read
    of the site, which the build records as it does for the pages of docs/. A rebuild keys an unchanged plan's page
    from that record, without rendering it; an edit of what it shows (its department's name) renders it again."""
    import marshal
    import sqlite3

    env = {"CCHC_NOW": NOW}
    write(small_site, "plans/99-kh-ubnd.md", PLAN)
    assert mkdocs_build(small_site, env=env).returncode == 0

    def record(value: bytes):
        try:
            return marshal.loads(value)
        except (EOFError, ValueError, TypeError):
            return None

    def recorded() -> dict:
        with sqlite3.connect(small_site / ".cache" / "cchc" / "entries.sqlite") as db:
            values = [record(value) for (value,) in db.execute("SELECT value FROM kept")]
        values = [value for value in values if isinstance(value, dict) and value.keys() == {"pages", "reads"}]
        assert len(values) == 1
        return values[0]["pages"]

    assert {"van-ban/489-qd-ubnd.md", "van-ban/99-kh-ubnd.md"} <= set(recorded())
    department = small_site / "docs" / "co-quan" / "snv-kh.md"
    department.write_text(department.read_text(encoding="utf-8").replace("name: ", "name: Tên mới – ", 1), encoding="utf-8")
    assert mkdocs_build(small_site, env=env).returncode == 0
    assert "Tên mới – " in (small_site / "site" / "van-ban" / "99-kh-ubnd" / "index.html").read_text(encoding="utf-8")
    assert mkdocs_build(small_site, "--site-dir", str(tmp_path / "full"), env={**env, "CCHC_CACHE": "off"}).returncode == 0
    assert_same_site(small_site / "site", tmp_path / "full")
