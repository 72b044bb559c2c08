"""The sources listed and looked at by a process of their own are what the build would list and look at itself, and
a site loaded from them is the same."""

from pathlib import Path

from cchc import content, source_files, source_signatures, sources_ahead
from cchc.content import Layout, load_site
from cchc.source_signatures import Signatures
from conftest import edited_in_place, write


def test_the_process_finds_the_sources_and_their_signatures_as_the_build_would(small_site):
    write(small_site, "docs/tin-tuc/cu.markdown", "Tệp không được kiểm tra.\n")  # a problem, found there too
    layout = Layout.at(small_site)
    found, looked = sources_ahead.Ahead(content.folders(layout), layout.root).found()
    here = [source_files.find(folder, layout.root) for folder in content.folders(layout)]
    assert [(s.markdown, [p.format() for p in s.problems]) for s in found] == \
        [(s.markdown, [p.format() for p in s.problems]) for s in here]
    assert any("cu.markdown" in p.format() for p in found[0].problems)
    paths = [path for sources in here for path in sources.markdown]
    assert sorted(looked) == sorted(map(str, paths))
    assert all(looked[str(path)][1] == source_signatures.signature(path) for path in paths)


def test_a_process_that_failed_leaves_the_build_to_list_and_look_itself(small_site, monkeypatch):
    monkeypatch.setattr(sources_ahead, "_LOOK", "raise SystemExit(1)")
    layout = Layout.at(small_site)
    assert sources_ahead.Ahead(content.folders(layout), layout.root).found() is None


def test_a_file_looked_at_ahead_is_known_by_that_look_and_the_site_is_the_same(small_site, monkeypatch):
    monkeypatch.setattr(source_signatures, "SETTLED", 0)
    layout = Layout.at(small_site)
    checks = {}

    def check_many(items):  # a build cache: checks by kind and digest
        for kind, text, named in items:
            if text is not None:
                checks[kind.name, named] = content.check_text(kind, text)
        return [checks.get((kind.name, named)) for kind, _text, named in items]

    first = Signatures({}, layout.root)
    load_site(layout, check_many, first)
    found, looked = sources_ahead.Ahead(content.folders(layout), layout.root).found()
    plan = small_site / "plans/489-qd-ubnd.md"
    edited_in_place(plan, "Khánh Hòa", "Khánh Hoà")  # saved after the look: as if just after the build looked
    read = []
    reading = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda path: read.append(path.name) or reading(path))
    second = Signatures(first.noted, layout.root, looked=looked)
    site = load_site(layout, check_many, second, found)
    assert read == [] and site.pages["van-ban/489-qd-ubnd.md"].values["place"] == "Khánh Hòa"
    third = Signatures(second.noted, layout.root)  # the next build looks again, and reads the edit
    assert load_site(layout, check_many, third).pages["van-ban/489-qd-ubnd.md"].values["place"] == "Khánh Hoà"
    assert read == ["489-qd-ubnd.md"]
