"""The process that puts pages in place: each page a link to its blob, written once, and its failures told."""

import os
from pathlib import Path

import pytest

from cchc import placing


def test_each_page_is_a_link_to_its_blob_written_once(tmp_path):
    placer = placing.Placer()
    blob = tmp_path / "blobs" / "ab" / "ab12"
    placer.put(blob, tmp_path / "site" / "a" / "index.html", b"<p>trang</p>")
    placer.put(blob, tmp_path / "site" / "b" / "index.html", b"<p>trang</p>")  # handed over already: linked only
    (tmp_path / "site" / "c").mkdir(parents=True)
    (tmp_path / "site" / "c" / "index.html").write_bytes(b"cu")  # a page there before: replaced, not written through
    placer.put(blob, tmp_path / "site" / "c" / "index.html")
    placer.finish()
    assert list(placer.written) == ["ab12"]
    inodes = {(tmp_path / "site" / name / "index.html").stat().st_ino for name in "abc"}
    assert inodes == {blob.stat().st_ino} and blob.read_bytes() == b"<p>trang</p>"
    assert sorted(p.name for p in (tmp_path / "site" / "c").iterdir()) == ["index.html"]  # no file left beside it


def test_a_page_that_cannot_be_linked_is_copied(tmp_path):
    memory = Path("/dev/shm")
    if not memory.is_dir() or os.stat(memory).st_dev == os.stat(tmp_path).st_dev:
        pytest.skip("no second file system here")
    placer = placing.Placer()
    blob = memory / f"cchc-placing-{os.getpid()}" / "cd34"
    try:
        placer.put(blob, tmp_path / "site" / "index.html", b"<p>ban sao</p>")
        placer.finish()
        assert (tmp_path / "site" / "index.html").read_bytes() == b"<p>ban sao</p>"
        assert (tmp_path / "site" / "index.html").stat().st_ino != blob.stat().st_ino
    finally:
        blob.unlink(missing_ok=True)
        blob.parent.rmdir()


def test_a_failure_is_told_when_the_pages_are_waited_for(tmp_path):
    (tmp_path / "blobs").write_text("một tệp, không phải thư mục")
    placer = placing.Placer()
    placer.put(tmp_path / "blobs" / "ef" / "ef56", tmp_path / "site" / "index.html", b"x")
    placer.put(tmp_path / "khac", tmp_path / "site" / "khac.html", b"y" * 3_000_000)  # more than the pipe holds
    with pytest.raises(placing.PlacingError, match="blobs"):
        placer.finish()
