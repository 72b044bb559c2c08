"""Work done by a copy of the build (`fork`): its result, its cache entries and its log records come back; its
failure fails the build, by its message or with its traceback; it never closes the build's cache."""

import logging
import os

import pytest

from cchc import forked
from cchc.build_cache import Cache

pytestmark = pytest.mark.skipif(not forked.AVAILABLE, reason="no fork here")


class ContentError(Exception):
    pass


def test_the_copy_s_result_entries_and_records_come_back(tmp_path, caplog):
    cache = Cache(tmp_path / "c", "code")
    cache.keep_entry("truoc", b"da co")  # the build's transaction is open while the copy works

    def work(copy_cache):
        copy_cache.keep_parts(copy_cache.key("parts", "a"), {"toc": []}, "<p>đã chuyển</p>")
        logging.getLogger("mkdocs.hooks.cchc").warning("cảnh báo trong bản sao %s", "x")
        return {"pid": os.getpid(), "trang": ["a"]}

    with caplog.at_level(logging.INFO):
        copy = forked.Forked(work, "code", cache.started)
        result = copy.result(cache)
    assert result["trang"] == ["a"] and result["pid"] != os.getpid()
    assert [(r.name, r.levelno, r.getMessage()) for r in caplog.records] == [
        ("mkdocs.hooks.cchc", logging.WARNING, "cảnh báo trong bản sao x")]
    assert cache.parts(cache.key("parts", "a")) == {"toc": []}
    assert cache.sides(cache.key("parts", "a")) == ["<p>đã chuyển</p>"]
    cache.close()
    again = Cache(tmp_path / "c", "code")  # the build's connection was never closed by the copy: all committed
    assert again.entry("truoc") == b"da co" and again.parts(again.key("parts", "a")) == {"toc": []}
    again.close()


def test_a_failure_in_the_copy_is_raised_by_its_message_or_with_its_traceback(tmp_path):
    cache = Cache(tmp_path / "c", "code")

    def content_error(_cache):
        raise ContentError("tin-a.md: thiếu trường date")

    with pytest.raises(forked.ForkedError) as raised:
        forked.Forked(content_error, "code", cache.started, plain=(ContentError,)).result(cache)
    assert str(raised.value) == "tin-a.md: thiếu trường date"

    def bug(_cache):
        return {}["khong-co"]

    with pytest.raises(forked.ForkedError) as raised:
        forked.Forked(bug, "code", cache.started).result(cache)
    assert "Traceback" in str(raised.value) and "KeyError: 'khong-co'" in str(raised.value)

    def gone(_cache):
        os._exit(3)

    with pytest.raises(forked.ForkedError, match="dừng trước khi xong"):
        forked.Forked(gone, "code", cache.started).result(cache)
    cache.close()


def test_a_copy_no_longer_needed_is_stopped(tmp_path):
    cache = Cache(tmp_path / "c", "code")
    copy = forked.Forked(lambda _cache: __import__("time").sleep(60), "code", cache.started)
    copy.cancel()
    with pytest.raises(ChildProcessError):
        os.waitpid(copy._pid, os.WNOHANG)  # reaped: no process left behind
    cache.close()


def test_the_build_and_its_copy_share_items_from_both_ends_each_done_once(tmp_path):
    cache = Cache(tmp_path / "c", "code")
    meeting = forked.Meeting(2000)

    def from_last(_cache):
        done = []
        for index in meeting.from_last():
            done.append(index)
            sum(range(2000))  # an item's work: the build meanwhile takes its own
        return done

    copy = forked.Forked(from_last, "code", cache.started)
    mine = []
    for index in range(2000):
        if not meeting.mine(index):
            break
        mine.append(index)
        sum(range(2000))
    theirs = copy.result(cache)
    assert mine == list(range(len(mine))) and sorted(theirs) == list(range(len(mine), 2000))
    assert theirs == sorted(theirs, reverse=True)
    assert len(mine) > 100 and len(theirs) > 100  # both worked: neither waited for a share fixed beforehand
    assert not meeting.mine(len(mine)) and not list(meeting.from_last())
    cache.close()


@pytest.mark.filterwarnings("error::pytest.PytestUnhandledThreadExceptionWarning")
def test_the_copy_asks_the_build_what_only_the_build_reads(tmp_path):
    """The copy never touches the build's SQLite file: a kept check's page part it needs, the build's thread reads
    and answers. What the build has not, or fails to read, is answered None; a large answer comes whole."""
    cache = Cache(tmp_path / "c", "code")
    cache.keep_entry("phan-trang", "Nội dung trang đã lưu. ".encode() * 20_000)  # more than a pipe holds
    asked = []

    def answer(key):
        asked.append((key, os.getpid()))
        if key == "loi":
            raise OSError("đĩa hỏng")
        return cache.entry(key)

    answering = forked.Answering(answer)

    def work(_cache):
        return [answering.ask("phan-trang"), answering.ask("khong-co"), answering.ask("loi"), answering.ask("phan-trang")]

    copy = forked.Forked(work, "code", cache.started, answering=answering)
    kept, missing, failed, again = copy.result(cache)
    assert kept == again == "Nội dung trang đã lưu. ".encode() * 20_000 and missing is None and failed is None
    assert [key for key, _pid in asked] == ["phan-trang", "khong-co", "loi", "phan-trang"]
    assert {pid for _key, pid in asked} == {os.getpid()}  # answered by the build's process, not the copy
    assert answering._thread is None  # its thread ended with the copy
    cache.close()


@pytest.mark.filterwarnings("error::pytest.PytestUnhandledThreadExceptionWarning")
def test_a_copy_stopped_while_it_asks_leaves_no_thread_behind(tmp_path):
    cache = Cache(tmp_path / "c", "code")
    answering = forked.Answering(lambda key: __import__("time").sleep(0.2) or b"x")

    def work(_cache):
        while True:
            answering.ask("mot")

    copy = forked.Forked(work, "code", cache.started, answering=answering)
    __import__("time").sleep(0.5)
    copy.cancel()
    assert answering._thread is None
    cache.close()
