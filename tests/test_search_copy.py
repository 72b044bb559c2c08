"""The search index made by a process of its own while the build writes its pages."""

import hashlib
import json
import os
import sqlite3
import subprocess

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
    running = search_copy.Running().hand_over(DOCS, NAMES, cache, tmp_path / "site")
    assert running.written(cache) == set(made_here)
    assert _files(tmp_path / "site") == made_here
    assert "mot-trang" in _kept(tmp_path / "cache")  # committed while the build waited, before its end
    cache.close()

    kept = _kept(tmp_path / "cache")
    assert len(kept) > 1 + len(DOCS)  # each document's analysis and each run's index, kept by the build's cache
    again = build_cache.Cache(tmp_path / "cache", "code")
    again.keep_entry("trang-khac", b"...")
    running = search_copy.Running().hand_over(DOCS, NAMES, again, tmp_path / "site2")
    assert running.written(again) == set(made_here) and _files(tmp_path / "site2") == made_here
    again.close()
    assert _kept(tmp_path / "cache") == kept | {"trang-khac"}  # read back from the cache, none made again


def test_the_process_reads_the_texts_a_document_names_from_the_cache(tmp_path):
    """A page not converted again is handed over by its parts' key: the process reads its texts from its HTML kept in
    the cache, as the build read them from the page."""
    from dataclasses import replace

    cache = build_cache.Cache(tmp_path / "cache", "code")
    pages = [f"<h1>{doc.title}</h1><p>{doc.text}</p>" for doc in DOCS]
    for n, page_html in enumerate(pages):  # as an earlier build kept each page's HTML
        cache.keep_parts(f"trang-{n}", {"search": True}, page_html)
    cache.close()
    named = [replace(doc, text=None, passages="", source=f"trang-{n}", text_digest=search.text_digest(*search.texts(page)))
             for n, (doc, page) in enumerate(zip(DOCS, pages))]
    in_full = [replace(doc, text=text, passages=passages)
               for doc, (text, passages) in zip(DOCS, map(search.texts, pages))]
    again = build_cache.Cache(tmp_path / "cache", "code")
    running = search_copy.Running().hand_over(named, NAMES, again, tmp_path / "site")
    assert running.written(again) == set(search.build(in_full, NAMES))
    assert _files(tmp_path / "site") == search.build(in_full, NAMES)
    assert any("Đăng ký hộ kinh doanh lần 7." in data.decode() for data in _files(tmp_path / "site").values())
    again.close()


def _kept(folder) -> set[str]:
    with sqlite3.connect(folder / "entries.sqlite") as db:
        return {key for (key,) in db.execute("SELECT key FROM kept")}


def test_a_failure_of_the_process_is_an_error_with_what_it_said(tmp_path):
    (tmp_path / "site").write_text("một tệp, không phải thư mục")
    running = search_copy.Running().hand_over(DOCS, NAMES, build_cache.Cache(None, "code"), tmp_path / "site")
    with pytest.raises(search_copy.SearchCopyError, match="Traceback"):
        running.written(build_cache.Cache(None, "code"))
    running.cancel()  # the build fails with it: nothing more to stop


def test_a_build_that_failed_stops_the_process(tmp_path):
    running = search_copy.Running().hand_over(DOCS * 200, NAMES, build_cache.Cache(None, "code"), tmp_path / "site")
    running.cancel()
    assert running._process.returncode is not None


def test_the_process_waits_for_the_documents_and_a_build_that_fails_before_stops_it(tmp_path):
    """Started as the build starts, the process is ready when the documents come; a build that fails before its
    pages are converted (a content error) stops it, and it makes nothing."""
    running = search_copy.Running()
    with pytest.raises(subprocess.TimeoutExpired):  # waiting, not ended
        running._process.wait(timeout=0.5)
    running.cancel()
    assert running._process.returncode is not None and not (tmp_path / "site").exists()


def test_the_process_ends_of_itself_when_the_build_ends_before_handing_over(tmp_path):
    """Killed with the build (its end of the pipe closed by the system): the process ends quietly, not waiting on."""
    running = search_copy.Running()
    os.close(running._tell)
    running._tell = None
    out, err = running._process.communicate(timeout=30)
    assert running._process.returncode == 0 and out == err == b""
    running.cancel()


def test_a_process_that_ended_before_the_documents_came_is_reported_with_what_it_said(tmp_path):
    running = search_copy.Running()
    running._process.kill()  # as the system might end it (memory): the hand-over meets a closed pipe
    running._process.wait()
    running.hand_over(DOCS, NAMES, build_cache.Cache(None, "code"), tmp_path / "site")
    with pytest.raises(search_copy.SearchCopyError, match="mã -9"):  # said, since it could say nothing
        running.written(build_cache.Cache(None, "code"))
    running.cancel()


def test_the_process_reads_ahead_what_the_last_index_read_and_looks_nothing_up_again(tmp_path, monkeypatch):
    """While the build reads its content, the process reads (and unpickles) the runs' heads, the merged parts' sizes
    and the groups' files the last index read (`_ReadAhead`); an index of the same documents into a site that has its
    files then looks nothing up in the cache."""
    docs = sorted(DOCS, key=lambda doc: doc.url)  # as the build hands them over
    site = {}

    def place_kept(path, named):  # as the cache finds the site's file the link to the bytes it keeps
        return path in site and hashlib.sha256(site[path]).hexdigest() == named

    first = build_cache.Cache(tmp_path / "cache", "code")
    ahead = search_copy._ReadAhead(first)
    search.build_in_order(docs, NAMES, site.__setitem__, place_kept, ahead.remember)
    ahead.keep()
    first.close()
    made = dict(site)
    assert made == search.build(DOCS, NAMES) and ahead.read

    again = build_cache.Cache(tmp_path / "cache", "code")
    ahead = search_copy._ReadAhead(again)
    assert set(ahead._values) == set(ahead_read := json.loads(again.entry(again.key(search_copy.READ))))
    monkeypatch.setattr(again, "_get", lambda key: pytest.fail(f"looked up again: {key}"))
    search.build_in_order(docs, NAMES, site.__setitem__, place_kept, ahead.remember)
    assert site == made
    assert ahead._values == {} and sorted(ahead.read) == sorted(ahead_read)
    again.close()


def test_a_rebuild_s_process_reads_ahead_from_the_build_s_cache(tmp_path):
    """As the build starts it: the process, given the build's cache, reads ahead from it and makes the same index."""
    cache = build_cache.Cache(tmp_path / "cache", "code")
    assert search_copy.Running(cache).hand_over(DOCS, NAMES, cache, tmp_path / "site").written(cache) == set(
        search.build(DOCS, NAMES))
    cache.close()
    again = build_cache.Cache(tmp_path / "cache", "code")
    assert again.entry(again.key(search_copy.READ))  # handed back by the process, kept by the build
    assert search_copy.Running(again).hand_over(DOCS, NAMES, again, tmp_path / "site2").written(again) == set(
        search.build(DOCS, NAMES))
    assert _files(tmp_path / "site2") == search.build(DOCS, NAMES)
    again.close()
