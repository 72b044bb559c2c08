"""The build cache: where it lives, what it keeps, and that what it gives back is exactly what was kept."""

import os
import sqlite3
import time

import pytest

from cchc import build_cache
from cchc.build_cache import Cache


def test_where_the_cache_lives(tmp_path):
    assert build_cache.location(tmp_path, {}) == tmp_path / ".cache" / "cchc"
    assert build_cache.location(tmp_path, {"CCHC_CACHE": "off"}) is None
    assert build_cache.location(tmp_path, {"CCHC_CACHE": str(tmp_path / "khac")}) == tmp_path / "khac"


def test_keys_change_with_the_code_and_with_every_part(tmp_path):
    code = tmp_path / "code"
    code.mkdir()
    (code / "a.py").write_text("x = 1\n")
    first = build_cache.code_digest([code], "site_url: a")
    assert build_cache.code_digest([code], "site_url: b") != first
    (code / "a.py").write_text("x = 2\n")
    assert build_cache.code_digest([code], "site_url: a") != first
    cache = Cache(tmp_path / "c", first)
    assert cache.key("ab", "c") != cache.key("a", "bc")  # parts are delimited, not concatenated


def test_pages_whose_bytes_a_build_recorded_are_placed_without_a_look_up(tmp_path, monkeypatch):
    """A rebuild knows the digest of each unchanged page's bytes from the last build's record (a key names the same
    bytes whenever it is made): it asks the cache only for the keys the record does not name, and places nothing
    whose bytes are not kept."""
    cache = Cache(tmp_path / "c", "code")
    digests = {key: cache.put_page(key, f"<html>{key}</html>".encode(), tmp_path / "site1" / key / "index.html")
               for key in ("a", "b", "c")}
    cache.close()
    again = Cache(tmp_path / "c", "code")
    asked = []
    get_many = again._get_many
    monkeypatch.setattr(again, "_get_many", lambda keys: asked.extend(keys) or get_many(keys))
    known = {"a": digests["a"], "b": digests["b"], "d": "0" * 64}  # "d": a digest of bytes not kept
    placed = again.place_pages([(key, tmp_path / "site2" / key / "index.html") for key in "abcd"], known)
    assert placed == digests and asked == ["c"]
    assert (tmp_path / "site2" / "b" / "index.html").read_bytes() == b"<html>b</html>"
    assert not (tmp_path / "site2" / "d").exists()
    again.close()


def test_pages_whose_files_were_looked_at_already_are_not_looked_at_again(tmp_path, monkeypatch):
    """The spare's files are looked at by the process that lists them (`site_swap.Spare.seen`): a page there with
    its blob's signature is placed as it is, one whose file changed is linked again, one not seen is looked at."""
    cache = Cache(tmp_path / "c", "code")
    site = tmp_path / "site"
    digests = {key: cache.put_page(key, f"<html>{key}</html>".encode(), tmp_path / "first" / key) for key in "abc"}
    hour_ago = time.time() - 3600
    for key, digest in digests.items():  # settled: placed now, each is hashed and its size, time and inode noted
        os.utime(tmp_path / "c" / "blobs" / digest[:2] / digest, (hour_ago, hour_ago))
        assert cache.place_page(key, site / key / "index.html")
    cache.close()
    again = Cache(tmp_path / "c", "code")
    looked = []
    signature = build_cache._signature
    monkeypatch.setattr(build_cache, "_signature", lambda path: looked.append(str(path)) or signature(path))
    dests = {key: str(site / key / "index.html") for key in "abc"}
    seen = {dests["a"]: signature(dests["a"]), dests["b"]: (0, 0, 0)}  # "b" changed since it was seen: say so
    assert again.place_pages([(key, dests[key]) for key in "abc"], digests, seen) == digests
    assert [path for path in looked if path.startswith(str(site))] == [dests["c"]]
    assert (site / "b" / "index.html").read_bytes() == b"<html>b</html>"
    again.close()


def test_a_page_kept_is_put_in_place_as_a_link_and_checked_first(tmp_path):
    cache = Cache(tmp_path / "c", "code")
    cache.put_page("k", b"<html>trang</html>", tmp_path / "site1" / "a" / "index.html")
    cache.keep_parts("p", {"html": "<p>đ</p>"})
    cache.close()

    again = Cache(tmp_path / "c", "code")
    assert again.parts("p") == {"html": "<p>đ</p>"} and again.parts("khac") is None
    again._put("hong", '{"html": "<p>đ'.encode())  # cut short: a miss, not an error
    assert again.parts("hong") is None
    dest = tmp_path / "site2" / "a" / "index.html"
    assert again.place_page("k", dest) and dest.read_bytes() == b"<html>trang</html>"
    assert dest.stat().st_ino == (tmp_path / "site1" / "a" / "index.html").stat().st_ino  # a link, not a copy
    dest.write_bytes(b"<html>sua tay</html>")  # an old site edited in place damages the kept bytes
    assert not again.place_page("k", tmp_path / "site3" / "index.html")
    again.close()


def test_sides_kept_beside_parts_are_read_back_only_when_asked_for(tmp_path, monkeypatch):
    cache = Cache(tmp_path / "c", "code")
    cache.keep_parts("p", {"toc": []}, "<p>đường</p>", "", "văn bản")
    cache.close()

    again = Cache(tmp_path / "c", "code")
    decoded = []
    monkeypatch.setattr(build_cache, "str", lambda data, *how: decoded.append(1) or str(data, *how), raising=False)
    assert again.parts("p") == {"toc": []} and decoded == []  # the sides are not decoded for the parts
    with monkeypatch.context() as patched:
        patched.setattr(build_cache.json, "loads", lambda *a: pytest.fail("the value decoded for its sides"))
        assert again.sides("p") == ["<p>đường</p>", "", "văn bản"] and len(decoded) == 3
    kept = again._get("p")
    for damaged in (kept[:-1], kept + b"x", b'{"toc": []}', b"\xff\xff\xff\xff"):  # cut, grown, older code's, nonsense
        again._put("hong", damaged)
        assert again.parts("hong") is None and again.sides("hong") is None
    again.close()

    preview = Cache(tmp_path / "c", "code", remember=True)
    assert preview.parts("p") == {"toc": []} and preview.sides("p")[0] == "<p>đường</p>"
    preview.close()
    (tmp_path / "c" / build_cache.ENTRIES).unlink()
    later = Cache(tmp_path / "c", "code", remember=True)
    assert later.parts("p") == {"toc": []}  # the preview keeps the parts in memory for its next save,
    assert later.sides("p") is None  # not the sides: read from the cache where needed (500 MB at 10,000 documents)


def test_a_failed_build_keeps_nothing_and_nothing_is_kept_without_a_folder(tmp_path):
    cache = Cache(tmp_path / "c", "code")
    cache.keep_parts("p", {"x": 1})
    cache.close(keep=False)
    assert Cache(tmp_path / "c", "code").parts("p") is None
    off = Cache(None, "code")
    off.keep_parts("p", {"x": 1})
    assert off.parts("p") is None and off.place(b"x", tmp_path / "f") == "" and (tmp_path / "f").read_bytes() == b"x"


def test_a_value_remembered_is_made_once_and_made_again_if_its_entry_is_damaged(tmp_path):
    made = []

    def make():
        made.append(1)
        return {"words": "đăng ký", "runs": [[0, 3], 5, "1f"]}

    cache = Cache(tmp_path / "c", "code")
    assert cache.remembered("k", make) == make() and len(made) == 2
    cache.close()
    again = Cache(tmp_path / "c", "code")
    assert again.remembered("k", make) == {"words": "đăng ký", "runs": [[0, 3], 5, "1f"]} and len(made) == 2
    again._put("k", b"\x80\x05hong")  # cut short
    assert again.remembered("k", make) == make() and len(made) == 4
    assert Cache(None, "code").remembered("k", make) == make() and len(made) == 6  # no folder: made every time


def test_entries_kept_in_use_are_looked_over_at_most_twice_a_day_and_never_let_go(tmp_path):
    """`keep_using` marks entries a build relies on without reading them: their marks are looked over (and the stale
    ones renewed) at most every LOOK_OVER_USING seconds, and an entry kept in use build after build is never removed."""
    import sqlite3

    def build(hours: float) -> list:
        cache = Cache(tmp_path / "c", "code")
        cache.started = start + hours * 3600
        cache.keep_using(["p"])
        renewed = [mark for mark in cache._used if mark[0] == "p"]
        cache.close()
        return renewed

    start = time.time()
    cache = Cache(tmp_path / "c", "code")
    cache.started = start
    cache.keep_parts("p", {"x": 1})
    cache.close()
    assert build(0) == []  # marked as it was kept; looked over now
    with sqlite3.connect(tmp_path / "c" / "entries.sqlite") as db:
        db.execute("UPDATE used SET at = at - 2 * 86400 WHERE key = 'p'")  # as if kept two days before
    assert build(11) == []  # looked over eleven hours before: not again
    assert build(13) == [("p", start + 13 * 3600)]  # more than twelve hours on: its stale mark renewed
    for day in range(1, 3 * build_cache.KEEP_DAYS):  # a build a day, each relying on it unread
        build(13 + day * 24)
    later = Cache(tmp_path / "c", "code")
    assert later.parts("p") == {"x": 1}
    later.close()


def test_entries_no_build_used_for_two_weeks_are_removed(tmp_path):
    cache = Cache(tmp_path / "c", "code")
    cache.place(b"trang", tmp_path / "site" / "trang")
    cache.keep_parts("dung", {"x": 1})
    cache.keep_parts("bo", {"x": 2})
    cache.close()
    later = Cache(tmp_path / "c", "code")
    later.started = time.time() + (build_cache.KEEP_DAYS + 1) * 86400  # a build fifteen days on
    assert later.parts("dung") == {"x": 1}  # used by that build: kept
    later.close()
    assert Cache(tmp_path / "c", "code").parts("dung") == {"x": 1}
    assert Cache(tmp_path / "c", "code").parts("bo") is None
    assert list((tmp_path / "c" / "blobs").glob("*/*")) == []  # written and linked fifteen days before


def test_bytes_kept_before_are_placed_by_their_digest_alone(tmp_path):
    first = Cache(tmp_path / "c", "code")
    digest = first.place(b"body { margin: 0 }", tmp_path / "site1" / "a.css")
    first.close()
    later = Cache(tmp_path / "c", "code")
    later.place_elsewhere()
    assert later.place_kept(digest, tmp_path / "site2" / "a.css")
    assert not later.place_kept("0" * 64, tmp_path / "site2" / "b.css")  # never kept: nothing placed
    later.placed()
    later.close()
    assert (tmp_path / "site2" / "a.css").read_bytes() == b"body { margin: 0 }"
    assert not (tmp_path / "site2" / "b.css").exists()


def test_entries_are_looked_over_at_most_once_a_day(tmp_path):
    """Every rebuild looked over the marks of every entry (hundreds of thousands after weeks of code changes): an
    entry unused for two weeks waits for the next look, a day after the last."""
    def build(days: float, key: str) -> None:
        cache = Cache(tmp_path / "c", "code")
        cache.started += days * 86400
        cache.place(key.encode(), tmp_path / "site" / key)  # a cache with blobs: not new
        cache.keep_parts(key, {"x": 1})
        cache.close()

    build(0, "cu")
    first = build_cache.KEEP_DAYS + 1
    build(first, "moi")  # a day on: looked over, and `cu` removed
    build(first + 0.5, "moi-nua")
    with sqlite3.connect(tmp_path / "c" / "entries.sqlite") as db:
        db.execute("UPDATE used SET at = at - 30 * 86400 WHERE key = 'moi'")
    assert Cache(tmp_path / "c", "code").parts("cu") is None
    build(first + 0.9, "khac")  # less than a day after the last look: `moi`, stale, is still kept
    assert Cache(tmp_path / "c", "code").parts("moi") == {"x": 1}
    build(first + 1.1, "khac")
    assert Cache(tmp_path / "c", "code").parts("moi") is None and Cache(tmp_path / "c", "code").parts("moi-nua")


def test_an_entry_is_marked_in_use_again_only_once_its_mark_is_a_day_old(tmp_path):
    cache = Cache(tmp_path / "c", "code")
    cache.keep_parts("p", {"x": 1})
    cache.close()
    hours_later = Cache(tmp_path / "c", "code")
    hours_later.started += 3 * 3600
    assert hours_later.parts("p") == {"x": 1} and hours_later._used == []  # marked by the build that kept it
    hours_later.close()
    days_later = Cache(tmp_path / "c", "code")
    days_later.started += 2 * 86400
    assert days_later.parts("p") == {"x": 1} and days_later._used == [("p", days_later.started)]
    days_later.close()
    weeks_later = Cache(tmp_path / "c", "code")
    weeks_later.started += (build_cache.KEEP_DAYS + 1) * 86400  # two weeks after the first build, under from the second
    weeks_later.close()
    assert Cache(tmp_path / "c", "code").parts("p") == {"x": 1}


def test_the_preview_remembers_what_it_read_and_still_refuses_a_blob_edited_in_place(tmp_path):
    cache = Cache(tmp_path / "c", "code", remember=True)
    cache.put_page("k-xem-truoc", b"<html>trang</html>", tmp_path / "site1" / "index.html")
    cache.keep_parts("p-xem-truoc", {"html": "<p>đ</p>"})
    cache.close()

    again = Cache(tmp_path / "c", "code", remember=True)
    assert again.place_page("k-xem-truoc", tmp_path / "site2" / "index.html")
    assert again.place_page("k-xem-truoc", tmp_path / "site3" / "index.html")
    (tmp_path / "site3" / "index.html").write_bytes(b"<html>sua tay</html>")
    assert not again.place_page("k-xem-truoc", tmp_path / "site4" / "index.html")
    again.close()
    (tmp_path / "c" / build_cache.ENTRIES).unlink()
    assert Cache(tmp_path / "c", "code", remember=True).parts("p-xem-truoc") == {"html": "<p>đ</p>"}  # from memory
    assert Cache(tmp_path / "c", "code").parts("p-xem-truoc") is None  # a build reads the folder only


def test_a_blob_is_hashed_again_unless_its_size_and_time_are_those_it_had_when_hashed(tmp_path, monkeypatch):
    import shutil

    cache = Cache(tmp_path / "c", "code")
    digest = cache.put_page("k", b"<html>trang</html>", tmp_path / "site1" / "index.html")
    blob = tmp_path / "c" / "blobs" / digest[:2] / digest
    hour_ago = time.time() - 3600
    os.utime(blob, (hour_ago, hour_ago))  # written long before it was hashed: its time vouches for it
    assert cache.place_page("k", tmp_path / "site2" / "index.html")  # hashed, and its size, time and inode noted
    cache.close()
    # A CI job restores the cache as new files with their times (`tar --posix`): new inodes, the same blobs.
    shutil.copytree(tmp_path / "c", tmp_path / "restored", copy_function=shutil.copy2)
    restored = tmp_path / "restored" / "blobs" / digest[:2] / digest
    assert restored.stat().st_ino != blob.stat().st_ino and restored.stat().st_mtime_ns == blob.stat().st_mtime_ns

    read = build_cache._read
    monkeypatch.setattr(build_cache, "_read", lambda path: b"" if path in (str(blob), str(restored)) else read(path))
    assert Cache(tmp_path / "c", "code").place_page("k", tmp_path / "site3" / "index.html")  # not read: not hashed
    assert Cache(tmp_path / "restored", "code").place_page("k", tmp_path / "site4" / "index.html")
    assert (tmp_path / "site4" / "index.html").read_bytes() == b"<html>trang</html>"
    monkeypatch.setattr(build_cache, "_read", read)
    (tmp_path / "site3" / "index.html").write_bytes(b"<html>sua  </html>")  # edited in place, same size: time moves
    assert not Cache(tmp_path / "c", "code").place_page("k", tmp_path / "site5" / "index.html")

    written_now = Cache(tmp_path / "c2", "code")  # written in this tick: an edit in the same tick keeps its time
    digest = written_now.put_page("k", b"<p>moi</p>", tmp_path / "site6" / "index.html")
    written_now.close()
    assert Cache(tmp_path / "c2", "code")._hashed_before() == {}


def test_a_page_already_linked_in_place_is_known_by_one_look_at_it_and_refused_once_edited(tmp_path, monkeypatch):
    cache = Cache(tmp_path / "c", "code")
    digest = cache.put_page("k", b"<html>trang</html>", tmp_path / "site" / "a" / "index.html")
    blob = tmp_path / "c" / "blobs" / digest[:2] / digest
    hour_ago = time.time() - 3600
    os.utime(blob, (hour_ago, hour_ago))
    assert cache.place_page("k", tmp_path / "site0" / "index.html")  # hashed: its size, time and inode noted
    cache.close()

    again = Cache(tmp_path / "c", "code")
    looked_at = []
    monkeypatch.setattr(os, "link", lambda *paths: looked_at.append(paths))  # a link, or a look at the blob, would show
    monkeypatch.setattr(build_cache, "_signature", lambda path, real=build_cache._signature: looked_at.append(path) or real(path))
    dest = tmp_path / "site" / "a" / "index.html"  # the spare's page, taken over: the blob itself
    assert again.place_page("k", dest) and looked_at == [dest]
    monkeypatch.undo()
    with dest.open("r+b") as page:  # edited in place, same size: its time moves, and the blob is its bytes
        page.write(b"<HTML>")
    assert not again.place_page("k", dest)
    again.close()


def test_a_file_already_in_place_is_not_handed_to_the_placing_process(tmp_path, monkeypatch):
    """A rebuild's search index goes into the folder the spare's index was kept in: most of its files are there."""
    cache = Cache(tmp_path / "c", "code")
    site = tmp_path / "site"
    for name in ("a", "b"):
        cache.place(f"{{\"kết quả\": \"{name}\"}}".encode(), site / "search" / f"{name}.json")
    blobs = list((tmp_path / "c" / "blobs").glob("*/*"))
    hour_ago = time.time() - 3600
    for blob in blobs:
        os.utime(blob, (hour_ago, hour_ago))
        assert cache._intact(str(blob))  # hashed: its size, time and inode noted
    cache.close()

    again = Cache(tmp_path / "c", "code")
    again.place_elsewhere()
    handed = []
    monkeypatch.setattr(again._placer, "put", lambda blob, dest, data=None: handed.append(dest))
    again.place('{"kết quả": "a"}'.encode(), site / "search" / "a.json")  # the same bytes: left as it is
    again.place('{"kết quả": "c"}'.encode(), site / "search" / "b.json")  # other bytes: replaced
    again.place('{"kết quả": "a"}'.encode(), site / "search" / "new.json")  # not there: linked
    assert handed == [site / "search" / "b.json", site / "search" / "new.json"]
    monkeypatch.undo()
    again.close()


def test_the_blobs_a_build_wrote_are_noted_when_it_ends_if_nothing_of_them_moved_since(tmp_path, monkeypatch):
    monkeypatch.setattr(build_cache, "SETTLED", 2 * 10**8)  # 0.2 s, for the test
    cache = Cache(tmp_path / "c", "code")
    kept = cache.put_page("k", b"<p>trang</p>", tmp_path / "site" / "a.html")
    edited = cache.put_page("k2", b"<p>khac!</p>", tmp_path / "site" / "b.html")
    time.sleep(0.05)
    (tmp_path / "site" / "b.html").write_bytes(b"<p>sua  </p>")  # in place, same size, before the build ends
    assert cache._hashed_before() == {}  # just written: their times are not yet far enough back
    time.sleep(0.3)
    cache.close()
    assert set(Cache(tmp_path / "c", "code")._hashed_before()) == {kept}
    assert edited not in Cache(tmp_path / "c", "code")._hashed_before()


def test_the_bytes_of_a_page_kept_are_read_back_only_while_they_are_those(tmp_path):
    for remember in (False, True):
        cache = Cache(tmp_path / f"cache-{remember}", "code", remember=remember)
        digest = cache.put_page(cache.key("page", "a"), "<p>Trang đã dựng</p>".encode(), tmp_path / f"site-{remember}" / "a.html")
        assert cache.kept(digest) == "<p>Trang đã dựng</p>".encode()
        blob = next((tmp_path / f"cache-{remember}" / "blobs").glob("*/*"))
        blob.write_bytes(b"<p>sua tay</p>")
        assert cache.kept(digest) is None
        assert cache.kept("0" * 64) is None
    assert Cache(None, "code").kept(digest) is None


def test_a_value_as_bytes_for_a_key_is_the_same_for_equal_values_and_differs_with_any_part():
    from datetime import date

    shared = "Sở Tư pháp"
    built = {"title": shared, "department": shared, "date": date(2024, 5, 1), "tags": ["a", "b"]}
    read_again = {"title": "Sở Tư " + "pháp".lower(), "department": "Sở Tư pháp", "date": date(2024, 5, 1), "tags": ["a", "b"]}
    assert build_cache.value_bytes(built) == build_cache.value_bytes(read_again)  # shared objects or not
    for changed in ({**built, "date": "2024-05-01"}, {**built, "tags": ["a"]}, {**built, "title": "Sở Tư phap"}):
        assert build_cache.value_bytes(changed) != build_cache.value_bytes(built)
    cache = Cache(None, "code")
    assert cache.key("own", build_cache.value_bytes(built)) != cache.key("own", build_cache.value_bytes(read_again) + b" ")


def test_files_remembered_are_given_as_their_blobs_and_made_again_if_one_is_gone(tmp_path):
    made = []

    def make():
        made.append(1)
        return {"feeds/a/rss.xml": b"<rss>\xc4\x91</rss>", "data.json": b"{}"}

    def blob_bytes(files):
        return {path: (tmp_path / "c" / "blobs" / blob.digest[:2] / blob.digest).read_bytes() for path, blob in files.items()}

    cache = Cache(tmp_path / "c", "code")
    first = cache.remembered_files("k", make)  # made, and kept as blobs at once: each file hashed once
    assert all(isinstance(blob, build_cache.Blob) for blob in first.values())
    assert blob_bytes(first) == make() and len(made) == 2
    for path, data in first.items():
        cache.place(data, tmp_path / "site1" / path)
    cache.close()

    again = Cache(tmp_path / "c", "code")
    kept = again.remembered_files("k", make)
    assert len(made) == 2 and all(isinstance(blob, build_cache.Blob) for blob in kept.values())
    for path, blob in kept.items():
        again.place(blob, tmp_path / "site2" / path)
    assert {p: (tmp_path / "site2" / p).read_bytes() for p in kept} == make()
    assert (tmp_path / "site2/data.json").stat().st_ino == (tmp_path / "site1/data.json").stat().st_ino
    again.close()

    (tmp_path / "site1/data.json").unlink()  # the blob's other names go: it stays
    (tmp_path / "site2/data.json").unlink()
    blob = tmp_path / "c" / "blobs" / kept["data.json"].digest[:2] / kept["data.json"].digest
    blob.write_bytes(b"{sua}")  # damaged
    damaged = Cache(tmp_path / "c", "code")
    assert blob_bytes(damaged.remembered_files("k", make)) == make() and len(made) == 5
    damaged.close()
    stopped = Cache(tmp_path / "c", "code")
    stopped.remembered_files("moi", make)  # kept, its files never placed (a preview stopped by a newer save)
    stopped.close()
    assert blob_bytes(Cache(tmp_path / "c", "code").remembered_files("moi", make)) == make() and len(made) == 7
    assert Cache(None, "code").remembered_files("moi", make) == make()  # nothing kept: the bytes themselves


def test_a_value_digest_is_the_digest_of_its_bytes():
    import hashlib
    from datetime import date

    value = [("thu-tuc/a.md", {"name": "Đăng ký", "date": date(2025, 3, 1), "levels": ["tinh"] * 3})] * 2000
    assert build_cache.value_digest(value) == hashlib.sha256(build_cache.value_bytes(value)).hexdigest()


def test_a_cache_whose_code_never_finished_a_build_asks_only_for_what_this_build_kept(tmp_path):
    asked = []

    def lookups(cache):
        cache._entries().set_trace_callback(lambda sql: asked.append(sql) if sql.startswith("SELECT") and "FROM kept" in sql else None)
        return cache

    first = lookups(Cache(tmp_path / "c", "code"))
    first.keep_entry("a", b"1")
    assert first.entry("a") == b"1"  # what this build kept is found
    asked.clear()
    assert first.entry("b") is None and first.present(["b", "c"]) == set()
    assert asked == []  # nothing else can be there: not asked for
    first.close(keep=False)  # a failed build: its code has still finished none

    second = lookups(Cache(tmp_path / "c", "code"))
    assert second.entry("a") is None and asked == []
    second.keep_entry("a", b"2")
    second.close()

    third = lookups(Cache(tmp_path / "c", "code"))
    assert third.entry("a") == b"2" and third.entry("b") is None
    assert len(asked) == 2  # a build of this code finished: every lookup asks
    third.close()
    assert lookups(Cache(tmp_path / "c", "other code")).entry("a") is None and len(asked) == 2


def test_what_a_build_put_is_committed_into_the_file_while_it_waits_and_its_code_finished_only_at_its_end(tmp_path):
    entries = tmp_path / "c" / build_cache.ENTRIES
    cache = Cache(tmp_path / "c", "code")
    cache.keep_entry("a", b"x" * 200_000)
    before = entries.stat().st_size
    cache.commit_so_far()
    # In the cache's file, not only in its write-ahead log (SQLite copies a log of 4 MB or more on its own)
    assert entries.stat().st_size >= before + 200_000
    with sqlite3.connect(entries) as reader:  # another process's connection sees it
        assert reader.execute("SELECT length(value) FROM kept WHERE key = 'a'").fetchone() == (200_000,)
    cache.keep_entry("b", b"2")
    cache.close(keep=False)  # failed after it: what was committed stays, the rest is not kept, nothing finished

    second = Cache(tmp_path / "c", "code")
    assert second.entry("a") is None  # this code finished no build: only what this build keeps is asked for
    second.close()
    third = Cache(tmp_path / "c", "code")
    assert third.entry("a") == b"x" * 200_000 and third.entry("b") is None
    third.close()


def test_pages_put_in_place_by_a_process_of_their_own_are_those_written_without_it(tmp_path):
    pages = {f"tin-tuc/{n}/index.html": f"<html>trang {n} đ</html>".encode() for n in range(40)}
    pages["ban-sao/index.html"] = pages["tin-tuc/0/index.html"]  # the same bytes: one blob
    sites = {}
    for elsewhere in (False, True):
        cache = Cache(tmp_path / f"c{elsewhere}", "code")
        if elsewhere:
            cache.place_elsewhere()
        site = sites[elsewhere] = tmp_path / f"site{elsewhere}"
        for path, data in pages.items():
            cache.put_page(path, data, site / path)
        cache.place(build_cache.Blob(cache.put_page("x", b"{}", site / "khac.json")), site / "search" / "x.json")
        cache.close()
        again = Cache(tmp_path / f"c{elsewhere}", "code")
        if elsewhere:
            again.place_elsewhere()
        assert again.place_pages([(path, tmp_path / f"again{elsewhere}" / path) for path in pages]).keys() == set(pages)
        again.close()
    for elsewhere in (False, True):
        for root in (sites[elsewhere], tmp_path / f"again{elsewhere}"):
            assert {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()} == (
                {p.relative_to(sites[False]).as_posix(): p.read_bytes() for p in sites[False].rglob("*") if p.is_file()}
                if root == sites[elsewhere] else pages)
    blobs = tmp_path / "cTrue" / "blobs"
    assert len(list(blobs.glob("*/*"))) == 40 + 1  # each page's bytes once
    assert (sites[True] / "ban-sao" / "index.html").stat().st_ino == (sites[True] / "tin-tuc/0/index.html").stat().st_ino
    # Its blobs are noted as hashed when the build ends, as the build's own writes are.
    assert set(Cache(tmp_path / "cTrue", "code")._hashed_before()) | {b.name for b in blobs.glob("*/*")} == set(
        Cache(tmp_path / "cFalse", "code")._hashed_before()) | {b.name for b in blobs.glob("*/*")}


def test_entries_handed_back_are_taken_as_they_come_whole(tmp_path):
    """The search process hands its entries back through a file the build reads while the process writes it: an
    entry written in part is taken once it is whole, each entry once, and the file's offset stays the writer's."""
    import tempfile

    with tempfile.TemporaryFile() as handed:
        maker = build_cache.Cache(None, "code").handing_back(handed, 0.0)
        maker.keep_entry("mot", b"1" * 10)
        maker.keep_entry("hai", b"2" * 100_000)
        whole = handed.tell()
        maker.keep_entry("ba", b"3" * 10)
        data = handed.seek(0) or handed.read()
        handed.seek(0)
        handed.truncate()
        handed.write(data[:whole + 5])  # the third entry written in part so far
        handed.flush()
        taker = build_cache.Cache(tmp_path / "cache", "code")
        at = taker.take_some(handed, 0)
        assert at == whole and taker.entry("mot") == b"1" * 10 and taker.entry("hai") == b"2" * 100_000
        assert taker.entry("ba") is None and handed.tell() == whole + 5
        handed.write(data[whole + 5:])
        handed.flush()
        taker.take(handed, {"used": [], "hashed": {}, "unsettled": {}}, at)
        assert taker.entry("ba") == b"3" * 10
        taker.close()


def test_pages_a_copy_converted_are_held_as_taken_until_their_html_is_read_once(tmp_path, monkeypatch):
    """The build reads the HTML of each page its copy converted just after taking the copy's entries: held as they
    came, not read back from the cache; once read, and for anything else, the cache."""
    import tempfile

    with tempfile.TemporaryFile() as handed:
        maker = build_cache.Cache(None, "code").handing_back(handed, 0.0)
        maker.keep_parts("trang", {"toc": []}, "<p>đường</p>")
        maker.keep_entry("khac", b"khong phai trang")
        handed.flush()
        taker = build_cache.Cache(tmp_path / "cache", "code")
        taker.take(handed, {"used": [], "hashed": {}, "unsettled": {}}, hold=True)
        read = []
        reading = taker._get
        monkeypatch.setattr(taker, "_get", lambda key: read.append(key) or reading(key))
        assert taker.parts("trang") == {"toc": []} and taker.sides("trang") == ["<p>đường</p>"] and read == []
        assert taker.sides("trang") == ["<p>đường</p>"] and read == ["trang"]  # read once: let go
        assert taker.entry("khac") == b"khong phai trang" and taker._held == {}
        taker.close()

        again = build_cache.Cache(tmp_path / "cache2", "code")
        again.take(handed, {"used": [], "hashed": {}, "unsettled": {}})
        assert again._held == {}  # the search process's entries, and the checks: not held
        again.close()


def test_blobs_are_looked_over_a_day_after_the_cache_is_made_then_once_a_day(tmp_path):
    """Each build here runs fifteen days and more on, by its clock: by it, every blob is unused for two weeks."""
    def build(days: float, page: str) -> int:
        cache = Cache(tmp_path / "c", "code")
        cache.started += days * 86400
        cache.place(page.encode(), tmp_path / "site" / page)
        cache.close()
        return len(list((tmp_path / "c" / "blobs").glob("*/*")))

    first = build_cache.KEEP_DAYS + 1
    assert build(first, "a") == 1  # the cache is new: its blobs are its first build's
    assert build(first + 0.5, "b") == 2  # looked over less than a day before
    assert build(first + 1.2, "c") == 0  # a day on


def test_a_new_cache_looks_for_no_blob_it_did_not_write_and_one_with_blobs_finds_them(tmp_path, monkeypatch):
    """A build from scratch writes 31,000 blobs at 10,000 documents: it tried to open each before writing it."""
    read = build_cache._read
    opened = []
    monkeypatch.setattr(build_cache, "_read", lambda path: opened.append(path) or read(path))
    new = Cache(tmp_path / "c", "code")
    new.place_elsewhere()
    for name in ("a", "b", "a-again"):
        new.place(f"<p>{name[0]}</p>".encode(), tmp_path / "site" / name / "index.html")
    new.placed()
    new.close()
    assert opened == []  # nothing looked for: the blob of `a` was handed over once, and `a-again` linked to it
    assert [(tmp_path / "site" / n / "index.html").read_bytes() for n in ("a", "b", "a-again")] == [
        b"<p>a</p>", b"<p>b</p>", b"<p>a</p>"]

    with_blobs = Cache(tmp_path / "c", "code")  # the blobs of the build before, too recent to be noted: read, hashed
    assert not with_blobs.blobs_new
    with_blobs.place_elsewhere()
    handed = []
    monkeypatch.setattr(with_blobs._placer, "put", lambda blob, dest, data=None: handed.append(data))
    with_blobs.place(b"<p>b</p>", tmp_path / "site2" / "b" / "index.html")
    assert len(opened) == 1 and handed == [None]  # found on disk: only linked
