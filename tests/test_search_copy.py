"""The search index made by a process of its own while the build writes its pages."""

import sqlite3

import pytest

from cchc import build_cache, search, search_copy
from cchc.search import SearchDoc

DOCS = [SearchDoc(f"tin-tuc/2025/tin-{n}/", f"Tin cải cách số {n}", "news", "SNV-KH", "01/03/2025",
                  f"Đăng ký hộ kinh doanh lần {n}. Cải cách hành chính.", f"Đăng ký lần {n}") for n in range(40)]
NAMES = {"SNV-KH": "Sở Nội vụ"}


def _files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_the_process_places_the_index_made_here_and_hands_its_cache_entries_back(tmp_path):
    made_here = search.build(DOCS, NAMES)
    cache = build_cache.Cache(tmp_path / "cache", "code")
    cache.keep_entry("mot-trang", b"...")  # the build's transaction is open while the process reads the cache
    running = search_copy.Running(DOCS, NAMES, cache, tmp_path / "site")
    assert running.written(cache) == set(made_here)
    assert _files(tmp_path / "site") == made_here
    assert "mot-trang" in _kept(tmp_path / "cache")  # committed while the build waited, before its end
    cache.close()

    kept = _kept(tmp_path / "cache")
    assert len(kept) > 1 + len(DOCS)  # each document's analysis and each run's index, kept by the build's cache
    again = build_cache.Cache(tmp_path / "cache", "code")
    again.keep_entry("trang-khac", b"...")
    running = search_copy.Running(DOCS, NAMES, again, tmp_path / "site2")
    assert running.written(again) == set(made_here) and _files(tmp_path / "site2") == made_here
    again.close()
    assert _kept(tmp_path / "cache") == kept | {"trang-khac"}  # read back from the cache, none made again


def test_the_process_reads_the_texts_a_document_names_from_the_cache(tmp_path):
    """A page not converted again is handed over by its parts' key: the process reads its texts from the cache."""
    from dataclasses import replace

    cache = build_cache.Cache(tmp_path / "cache", "code")
    for n, doc in enumerate(DOCS):  # as an earlier build kept each page: its HTML, then its two texts
        cache.keep_parts(f"trang-{n}", {"search": True}, "<p>…</p>", doc.text, doc.passages)
    cache.close()
    named = [replace(doc, text=None, passages="", source=f"trang-{n}") for n, doc in enumerate(DOCS)]
    again = build_cache.Cache(tmp_path / "cache", "code")
    running = search_copy.Running(named, NAMES, again, tmp_path / "site")
    assert running.written(again) == set(search.build(DOCS, NAMES)) and _files(tmp_path / "site") == search.build(DOCS, NAMES)
    again.close()


def _kept(folder) -> set[str]:
    with sqlite3.connect(folder / "entries.sqlite") as db:
        return {key for (key,) in db.execute("SELECT key FROM kept")}


def test_a_failure_of_the_process_is_an_error_with_what_it_said(tmp_path):
    (tmp_path / "site").write_text("một tệp, không phải thư mục")
    running = search_copy.Running(DOCS, NAMES, build_cache.Cache(None, "code"), tmp_path / "site")
    with pytest.raises(search_copy.SearchCopyError, match="Traceback"):
        running.written(build_cache.Cache(None, "code"))
    running.cancel()  # the build fails with it: nothing more to stop


def test_a_build_that_failed_stops_the_process(tmp_path):
    running = search_copy.Running(DOCS * 200, NAMES, build_cache.Cache(None, "code"), tmp_path / "site")
    running.cancel()
    assert running._process.returncode is not None
