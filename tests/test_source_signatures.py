"""A source is known by its size, times and inode only while none of them moved, and only once they could not stay
the same through an edit; `load_site` then neither reads it nor checks it, and gives the same site."""

import time
from pathlib import Path

import pytest

from cchc import content, git_index, source_signatures
from cchc.content import Layout, load_site
from cchc.source_signatures import Signatures
from conftest import edited_in_place, git, write


def _read(signatures: Signatures, path: Path) -> str:
    digest = content.source_digest(path.read_bytes())
    signatures.read(path, digest)
    return digest


def test_a_file_is_known_until_its_size_times_or_inode_move(tmp_path, monkeypatch):
    monkeypatch.setattr(source_signatures, "SETTLED", 0)
    path = write(tmp_path, "a.md", "Nội dung một.\n")
    first = Signatures({}, tmp_path)
    assert first.unchanged(path) is None
    digest = _read(first, path)
    assert list(first.noted) == ["a.md"]  # relative to the project: a CI job's checkout moves from folder to folder
    second = Signatures(first.noted, tmp_path)
    assert second.unchanged(path) == digest and second.noted == first.noted

    edited_in_place(path, "một", "mốt")  # the change time moved
    third = Signatures(second.noted, tmp_path)
    assert third.unchanged(path) is None
    digest = _read(third, path)

    time.sleep(0.05)  # the system's coarse clock for files moved
    replacement = write(tmp_path, "b.md", path.read_text(encoding="utf-8"))
    replacement.replace(path)  # the same bytes in another file: known again only once read
    assert Signatures(third.noted, tmp_path).unchanged(path) is None
    assert Signatures(third.noted, tmp_path).unchanged(tmp_path / "missing.md") is None


def test_a_file_changed_too_recently_to_be_trusted_is_not_noted(tmp_path):
    path = write(tmp_path, "a.md", "Nội dung.\n")
    signatures = Signatures({}, tmp_path)
    assert signatures.unchanged(path) is None
    _read(signatures, path)
    assert signatures.noted == {}  # its times could still stay as they are through an edit


def test_a_site_loaded_by_signatures_reads_only_what_changed_and_is_the_same(small_site, monkeypatch):
    monkeypatch.setattr(source_signatures, "SETTLED", 0)
    known: dict[tuple[str, str], content.Checked] = {}

    def check_many(items):  # a build cache: checks by kind and digest
        for kind, text, named in items:
            if text is not None:
                known[kind.name, named] = content.check_text(kind, text)
        return [known.get((kind.name, named)) for kind, _text, named in items]

    layout = Layout.at(small_site)
    first = Signatures({}, layout.root)
    load_site(layout, check_many, first)
    assert len(first.noted) == len(content.sources(layout))

    edited_in_place(small_site / "plans/489-qd-ubnd.md", "Khánh Hòa", "Khánh Hoà")
    read = []
    reading = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda path: read.append(path.name) or reading(path))
    second = Signatures(first.noted, layout.root)
    site = load_site(layout, check_many, second)
    assert read == ["489-qd-ubnd.md"]

    monkeypatch.setattr(Path, "read_bytes", reading)
    fresh = load_site(layout)
    assert [p.format() for p in site.report.problems] == [p.format() for p in fresh.report.problems]
    assert {uri: (e.values, e.body, e.digest) for uri, e in site.pages.items()} == \
        {uri: (e.values, e.body, e.digest) for uri, e in fresh.pages.items()}
    assert site.pages["van-ban/489-qd-ubnd.md"].values["place"] == "Khánh Hoà"  # the edit, read


def _remembered():
    """A build cache's checks, by kind and digest."""
    known: dict[tuple[str, str], content.Checked] = {}

    def check_many(items):
        for kind, text, named in items:
            if text is not None:
                known[kind.name, named] = content.check_text(kind, text)
        return [known.get((kind.name, named)) for kind, _text, named in items]

    return check_many


def _reading(monkeypatch) -> list[str]:
    read: list[str] = []
    reading = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda path: read.append(path.name) or reading(path))
    return read


@pytest.mark.parametrize("line_ends", ["as committed", "converted"])
def test_a_fresh_checkout_is_known_by_git_s_index_and_read_only_where_it_changed(small_site, tmp_path, monkeypatch,
                                                                                  line_ends):
    """A CI job's checkout, in another folder: no file's signature is one noted before, yet only the file a new commit
    changed and the one edited since the checkout are read; where the checkout converts line ends, every file is."""
    monkeypatch.setattr(source_signatures, "SETTLED", 0)
    check_many = _remembered()
    git(small_site, "init", "-q")
    git(small_site, "add", "-A")
    git(small_site, "commit", "-q", "-m", "Nội dung")
    first = Signatures({}, Layout.at(small_site).root)
    load_site(Layout.at(small_site), check_many, first)

    write(small_site, "plans/489-qd-ubnd.md",
          (small_site / "plans/489-qd-ubnd.md").read_text(encoding="utf-8").replace("Khánh Hòa", "Khánh Hoà"))
    git(small_site, "commit", "-q", "-a", "-m", "Sửa kế hoạch")
    job = tmp_path / "job" / "portal"
    git(tmp_path, "clone", "-q", *(["-c", "core.autocrlf=true"] if line_ends == "converted" else []),
        str(small_site), str(job))
    write(job, "docs/co-quan/snv-kh.md", (job / "docs/co-quan/snv-kh.md").read_text(encoding="utf-8") + "\nThêm.\n")

    layout = Layout.at(job)
    read = _reading(monkeypatch)
    with git_index.Committed(layout.root) as committed:
        site = load_site(layout, check_many, Signatures(first.noted, layout.root, committed))
    everything = sorted(path.name for path, _kind in content.sources(layout))
    assert sorted(read) == (["489-qd-ubnd.md", "snv-kh.md"] if line_ends == "as committed" else everything)

    monkeypatch.undo()
    fresh = load_site(layout)
    assert {uri: (e.values, e.body, e.digest) for uri, e in site.pages.items()} == \
        {uri: (e.values, e.body, e.digest) for uri, e in fresh.pages.items()}
    assert site.pages["van-ban/489-qd-ubnd.md"].values["place"] == "Khánh Hoà"


@pytest.mark.parametrize("known", [True, False])
def test_a_check_not_known_by_its_digest_is_made_from_the_file(small_site, monkeypatch, known):
    """A cache that lost an entry (pruned, damaged): the source known by its signature is read after all."""
    monkeypatch.setattr(source_signatures, "SETTLED", 0)
    layout = Layout.at(small_site)
    first = Signatures({}, layout.root)
    fresh = load_site(layout, content.each(content.check_text), first)
    many = content.each(content.check_text) if not known else content.remembering(content.each(content.check_text))
    if known:
        load_site(layout, many)  # remembered by their digests
    site = load_site(layout, many, Signatures(first.noted, layout.root))
    assert {uri: e.values for uri, e in site.pages.items()} == {uri: e.values for uri, e in fresh.pages.items()}
