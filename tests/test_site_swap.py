"""A failed, stopped or killed build never leaves a half-built or empty site/ in place of the previous one."""

from __future__ import annotations

import time
import unicodedata

import pytest

from conftest import mkdocs_build, write


def _previous(small_site):
    assert mkdocs_build(small_site).returncode == 0
    index = (small_site / "site" / "index.html").read_bytes()
    return index


def _no_leftovers(small_site):
    assert sorted(p.name for p in small_site.iterdir() if p.name.startswith("site")) == ["site"]


def test_a_strict_mode_warning_keeps_the_previous_site(small_site):
    index = _previous(small_site)
    write(small_site, "docs/index.md", "# Trang chủ\n\nXem [văn bản](khong-co.md).\n")
    result = mkdocs_build(small_site)
    assert result.returncode == 1
    assert "site giữ nguyên bản trước" in result.stderr
    assert (small_site / "site" / "index.html").read_bytes() == index
    _no_leftovers(small_site)


def test_a_content_error_keeps_the_previous_site(small_site):
    index = _previous(small_site)
    write(small_site, "docs/co-quan/snv-kh.md", "---\ncode: SNV-KH\n---\n")
    result = mkdocs_build(small_site)
    assert result.returncode == 1 and "giữ nguyên bản trước" in result.stderr and "Traceback" not in result.stderr
    assert (small_site / "site" / "index.html").read_bytes() == index
    _no_leftovers(small_site)


def test_what_a_killed_build_left_is_removed_by_the_next(small_site):
    _previous(small_site)
    leftover = small_site / "site.dang-dung-99999"
    write(leftover, "index.html", "nửa chừng")
    assert mkdocs_build(small_site).returncode == 0
    _no_leftovers(small_site)


def test_a_content_warning_is_shown_and_does_not_stop_the_build(small_site):
    text = (small_site / "docs" / "index.md").read_text(encoding="utf-8")
    write(small_site, "docs/index.md", unicodedata.normalize("NFD", text))
    for _build in ("the text checked", "its check read back from the build cache"):
        result = mkdocs_build(small_site)
        assert result.returncode == 0, result.stderr
        assert "chữ chưa ở dạng Unicode dựng sẵn (NFC)" in result.stderr
    assert "Cổng thông tin cải cách hành chính" in (small_site / "site" / "index.html").read_text(encoding="utf-8")


def test_a_dirty_build_starts_from_the_previous_site(small_site):
    _previous(small_site)
    files = {p.relative_to(small_site / "site") for p in (small_site / "site").rglob("*")}
    result = mkdocs_build(small_site, "--dirty", "--no-strict")
    assert result.returncode == 0, result.stderr
    assert files <= {p.relative_to(small_site / "site") for p in (small_site / "site").rglob("*")}
    _no_leftovers(small_site)


def test_the_preview_puts_the_new_site_in_place_at_once_and_removes_the_old_one_after(tmp_path):
    import threading
    import time

    from cchc import site_swap

    site = tmp_path / "site"
    for name in ("site", "new"):
        (tmp_path / name / "a").mkdir(parents=True)
        (tmp_path / name / "a" / "index.html").write_text(name)
    site_swap.put_in_place(tmp_path / "new", site, remove_later=True)
    assert (site / "a" / "index.html").read_text() == "new"
    for thread in threading.enumerate():
        if thread is not threading.current_thread() and thread.daemon:
            thread.join(timeout=10)
    deadline = time.monotonic() + 10
    while sorted(p.name for p in tmp_path.iterdir()) != ["site"] and time.monotonic() < deadline:
        time.sleep(0.05)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def _tree(root):
    return {p.relative_to(root).as_posix(): p.read_text() for p in sorted(root.rglob("*")) if p.is_file()}


def test_the_replaced_site_is_the_next_builds_spare_with_only_what_that_build_makes_again(tmp_path):
    from cchc import site_swap

    site = tmp_path / "site"
    for path in ("index.html", "tin/a/index.html", "tin/b/index.html", "search/index.json", "assets/x.css"):
        write(site, path, "cũ")
    write(tmp_path / "new", "index.html", "mới")
    site_swap.put_in_place(tmp_path / "new", site, keep_spare=True)
    assert _tree(site_swap.spare(site))["tin/b/index.html"] == "cũ" and _tree(site) == {"index.html": "mới"}

    building = site_swap.fresh(site)
    # This build makes the home page and news item a again (item b was deleted); the search index and assets it writes
    # anew, so the spare's are removed, and its emptied folders with them.
    taken = site_swap.Spare(site, building)  # as the build starts: listed by a process of its own meanwhile
    assert not site_swap.spare(site).exists()
    taken.reuse({"index.html", "tin/a/index.html"})  # once the build knows its pages
    assert _tree(building) == {"index.html": "cũ", "tin/a/index.html": "cũ"}
    assert sorted(p.relative_to(building).as_posix() for p in building.rglob("*") if p.is_dir()) == ["tin", "tin/a"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", building.name]  # the spare taken is gone
    site_swap.Spare(site, building).reuse({"index.html"})  # none left: a build from an empty folder
    assert _tree(building) == {"index.html": "cũ", "tin/a/index.html": "cũ"}


def test_the_spare_keeps_the_folder_a_build_writes_again_later_and_says_which_files_it_kept(tmp_path):
    from cchc import site_swap

    site = tmp_path / "site"
    for path in ("index.html", "tin/a/index.html", "search/manifest.json", "search/b/1.json", "search/d/7.json",
                 "assets/x.css"):
        write(site_swap.spare(site), path, "cũ")
    building = site_swap.fresh(site)
    # The search index's files are known once its process wrote them: the spare's are kept meanwhile, and the build
    # removes those it did not write again; the rest of the spare is as for pages.
    spare = site_swap.Spare(site, building, later="search")
    kept = spare.reuse({"index.html"})
    assert kept == {"search/manifest.json", "search/b/1.json", "search/d/7.json"}
    assert _tree(building) == {"index.html": "cũ", **{path: "cũ" for path in kept}}
    status = (building / "index.html").stat()  # looked at by the listing process, moved since: the same file
    assert spare.seen == {"index.html": (status.st_size, status.st_mtime_ns, status.st_ino)}
    assert site_swap.Spare(site, site_swap.fresh(tmp_path / "other"), later="search").reuse({"index.html"}) == set()


def test_the_spare_s_other_files_are_removed_by_its_listing_process_while_the_build_goes_on(tmp_path):
    from cchc import site_swap

    site = tmp_path / "site"
    for path in ("index.html", "tin/a/index.html", "tin/b/index.html", "search/d/7.json"):
        write(site_swap.spare(site), path, "cũ")
    building = site_swap.fresh(site)
    spare = site_swap.Spare(site, building, later="search")
    spare.hand({"index.html", "tin/a/index.html"})  # the build goes on: nothing waits for the process
    stale = spare.taken / "tin/b"
    deadline = time.monotonic() + 30
    while stale.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not stale.exists() and (spare.taken / "tin/a/index.html").exists()  # removed before the build took over
    assert spare.reuse() == {"search/d/7.json"}
    assert _tree(building) == {"index.html": "cũ", "tin/a/index.html": "cũ", "search/d/7.json": "cũ"}


def test_the_listing_of_a_spare_looks_at_no_file_in_the_folder_written_later(tmp_path):
    from cchc import site_swap

    for path in ("index.html", "search/manifest.json", "search/b/1.json"):
        write(tmp_path, path, "cũ")
    walked = {folder: dict(zip(names, signatures)) for folder, names, signatures in
              site_swap._walked(str(tmp_path), "search")}
    assert walked["search"] == {"manifest.json": None} and walked["search/b"] == {"1.json": None}
    assert walked[""]["index.html"][0] == len("cũ".encode())  # its size, as the build compares a page in place


def test_a_build_that_fails_before_it_took_over_the_spare_removes_it(tmp_path):
    from cchc import site_swap

    site = tmp_path / "site"
    write(site_swap.spare(site), "tin/a/index.html", "cũ")
    building = site_swap.fresh(site)
    taken = site_swap.Spare(site, building)
    taken.discard()
    site_swap.discard(building)
    assert list(tmp_path.iterdir()) == []


def test_a_spare_no_build_took_is_replaced(tmp_path):
    from cchc import site_swap

    site = tmp_path / "site"
    write(site_swap.spare(site), "old.html", "hai lần trước")
    write(site, "index.html", "lần trước")
    write(tmp_path / "new", "index.html", "mới")
    site_swap.put_in_place(tmp_path / "new", site, keep_spare=True)
    assert _tree(site_swap.spare(site)) == {"index.html": "lần trước"}
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.de-dung-lai", "site"]


@pytest.mark.parametrize("listing", ["raise SystemExit(1)", "print('py-spy> Sampling process 200 times a second')"])
def test_a_spare_whose_listing_failed_is_walked_by_the_build_itself(tmp_path, monkeypatch, listing):
    from cchc import site_swap

    site = tmp_path / "site"
    for path in ("index.html", "tin/a/index.html", "tin/b/index.html"):
        write(site_swap.spare(site), path, "cũ")
    monkeypatch.setattr(site_swap, "_WALK", listing)  # it fails, or writes what is not its list
    building = site_swap.fresh(site)
    site_swap.Spare(site, building).reuse({"tin/a/index.html"})
    assert _tree(building) == {"tin/a/index.html": "cũ"} and not site_swap.spare(site).exists()
