"""What a renderer's page read of the site, and its digest: a page whose reads give the same digest on an edited site
is made the same there (checked on the bundled content, page by page, for each kind of edit), and an edit changes
the digest of the pages that show it."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest

from cchc import clock, content, page_inputs
from cchc.render import pages as item_pages
from cchc.render.html import HtmlPage

from conftest import REPO

NOW = "2026-11-25T12:00"


def _site(root: Path) -> content.Site:
    site = content.load_site(content.Layout.at(root, root / "docs"))
    assert not site.report.errors, site.report.format()
    content.split_published(site, datetime.fromisoformat(NOW).replace(tzinfo=clock.TZ))
    return site


def _made(entry: content.Entry, site) -> str:
    made = item_pages.render(entry, site, item_pages.PageContext("https://cchc.example.gov.vn/"))
    return made.source if isinstance(made, HtmlPage) else made


def _rendered(site: content.Site) -> dict[str, tuple[tuple | None, str]]:
    """Each page made by its renderer: its entry's digest and its reads, each with its digest (None where they cannot
    be named), and what it is made of."""
    digests, found = page_inputs.Digests(site), {}
    for uri, entry in site.pages.items():
        if entry.kind.sources != "docs" or not entry.kind.renderer:
            continue
        reads: set = set()
        made = _made(entry, page_inputs.Reading(site, reads))
        try:
            named = digests.entry(entry), digests.named(page_inputs.recorded(reads))
        except page_inputs.Untracked:
            named = None
        found[uri] = named, made
    return found


def _known_same(before: dict, site: content.Site) -> set[str]:
    """The pages of `before` that a build of `site` knows are made the same without making them, as a build does
    from its record (`page_inputs.indexed`, `ReadsBefore`)."""
    table, places = page_inputs.indexed({uri: named[1] for uri, (named, _made) in before.items() if named})
    digests = page_inputs.Digests(site)
    reads = page_inputs.ReadsBefore(digests, table)
    return {uri for uri, ids in places.items() if uri in site.pages
            and digests.entry(site.pages[uri]) == before[uri][0][0] and reads.same(ids)}


@pytest.fixture(scope="module")
def bundled(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("bundled")
    for folder in ("docs", "plans"):
        shutil.copytree(REPO / folder, root / folder, ignore=shutil.ignore_patterns("assets", "files"))
    shutil.copytree(REPO / "docs" / "files", root / "docs" / "files")  # the files entries name
    return root


def _replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _news_items(root: Path) -> list[Path]:
    return sorted((root / "docs" / "tin-tuc").rglob("*.md"))


def _edit(name: str, root: Path) -> None:
    item = _news_items(root)[3]
    if name == "news title":
        _replace_in(item, "title: ", "title: Đã sửa – ")
    elif name == "news body":
        item.write_text(item.read_text(encoding="utf-8") + "\nMột đoạn mới.\n", encoding="utf-8")
    elif name == "news date":  # it moves among the news: its neighbours, and theirs, change
        text = item.read_text(encoding="utf-8")
        _replace_in(item, text[text.index("date: "):text.index("\n", text.index("date: "))], "date: 2023-01-02")
    elif name == "news added":
        (root / "docs" / "tin-tuc" / "2026" / "tin-moi.md").write_text(
            "---\ntitle: Tin mới thêm\ndate: 2026-06-01\ndepartment: STP-KH\ncategories: [tin-hoat-dong]\n"
            "tags: [Từ khóa mới]\n---\n\nNội dung.\n", encoding="utf-8")
    elif name == "news removed":
        item.unlink()
    elif name == "news tagged":  # a tag no item had: the items that name it link its listing now
        for path in _news_items(root)[:2]:
            _replace_in(path, "\ntags: [", "\ntags: [Tag mới, ")
    elif name == "report summary":  # the task's page, its department's, its plan's (`site.derived`) show it
        _replace_in(sorted((root / "docs" / "tien-do").rglob("*.md"))[0], "summary: \"", "summary: \"(Sửa) ")
    elif name == "index rank":
        _replace_in(root / "docs" / "chi-so" / "2023" / "par-index-ubnd-kh.md", "rank: 14/63", "rank: 15/63")
    elif name == "department renamed":
        _replace_in(root / "docs" / "co-quan" / "stp-kh.md", "name: ", "name: Tên mới – ")
    elif name == "procedure edited":
        _replace_in(sorted((root / "docs" / "thu-tuc").rglob("*.md"))[5], "name: ", "name: (Sửa) ")
    else:
        raise ValueError(name)


EDITS = ["news title", "news body", "news date", "news added", "news removed", "news tagged", "department renamed",
         "procedure edited", "report summary", "index rank"]


@pytest.mark.parametrize("edit", EDITS)
def test_a_page_whose_reads_give_the_same_digest_is_made_the_same(bundled, tmp_path, edit):
    root = tmp_path / "portal"
    shutil.copytree(bundled, root)
    before = _rendered(_site(root))
    _edit(edit, root)
    site = _site(root)
    after = _rendered(site)
    same = _known_same(before, site)
    for uri in same:
        assert after[uri][1] == before[uri][1], f"{uri}: what it read gave the same digests, yet it is made otherwise"
    changed = [uri for uri in after if uri in before and uri not in same and after[uri][1] != before[uri][1]]
    # Not vacuous: most pages are known unchanged, and the edit changed some page.
    assert len(same) > len(after) / 2 and (changed or edit in ("news body", "procedure edited", "news removed"))


def test_an_edit_changes_the_digest_of_the_pages_that_show_it(bundled, tmp_path):
    root = tmp_path / "portal"
    shutil.copytree(bundled, root)
    before = _rendered(_site(root))
    _edit("department renamed", root)
    site = _site(root)
    after = _rendered(site)
    same = _known_same(before, site)
    showing = {uri for uri, entry in site.pages.items() if entry.get("department") == "STP-KH" and uri in after}
    assert showing and not showing & same
    others = [uri for uri in after if uri not in showing and after[uri][0] is not None
              and site.pages[uri].kind is not content.DEPARTMENT]
    assert others and all(uri in same for uri in others)


def test_reads_are_noted_by_key_or_as_the_whole_field(bundled):
    site = _site(bundled)
    reads: set = set()
    seen = page_inputs.Reading(site, reads)
    code = next(iter(site.departments))
    seen.departments[code]
    seen.neighbours.get("tin-tuc/khong-co.md")
    "khong-co" in seen.procedure_by_code  # noqa: B015 - a read all the same
    "Từ khóa" in seen.tags  # noqa: B015
    seen.department_uri(code)  # a method of the site reads through the view
    assert reads == {("departments", code), ("neighbours", "tin-tuc/khong-co.md"),
                     ("procedure_by_code", "khong-co"), ("tags", "Từ khóa")}
    len(seen.news), list(seen.departments.values()), seen.today, sorted(seen.tags)  # noqa: B018
    assert {("news", None), ("departments", None), ("today", None), ("tags", None)} <= reads
    seen.departments.get(None)  # a key a record cannot keep: the whole index
    digests = page_inputs.Digests(site)
    assert digests.named(page_inputs.recorded(reads)) == page_inputs.Digests(site).named(page_inputs.recorded(reads))


def test_what_renderers_fill_as_they_go_is_named_once_it_is_there():
    site = content.Site()
    digests = page_inputs.Digests(site)
    for read in [("derived", "tasks_by_plan"), ("derived", None)]:  # not made yet; the whole, never
        with pytest.raises(page_inputs.Untracked):
            digests.named([read])
    site.derived["tasks_by_plan"] = {"ke-hoach.md": []}
    assert digests.named([("derived", "tasks_by_plan")]) != page_inputs.Digests(
        content.Site(derived={"tasks_by_plan": {}})).named([("derived", "tasks_by_plan")])
    with pytest.raises(page_inputs.Untracked):
        page_inputs.Digests(content.Site(pages={"a.md": object()})).named([("pages", "a.md")])


def test_a_record_keeps_each_read_once_and_a_read_not_named_now_is_not_the_same():
    site = content.Site(derived={"tasks_by_plan": {"a.md": []}}, tags={"Từ khóa"})
    digests = page_inputs.Digests(site)
    table, places = page_inputs.indexed({"b.md": digests.named([("tags", "Từ khóa")]),
                                         "a.md": digests.named([("derived", "tasks_by_plan"), ("tags", "Từ khóa")])})
    assert [read[:2] for read in table] == [["derived", "tasks_by_plan"], ["tags", "Từ khóa"]]
    assert places == {"a.md": [0, 1], "b.md": [1]}
    reads = page_inputs.ReadsBefore(page_inputs.Digests(content.Site(tags={"Từ khóa"})), table)  # not filled yet
    assert not reads.same(places["a.md"]) and reads.same(places["b.md"])
    assert reads.named(places["b.md"]) == [table[1]]
    assert not page_inputs.ReadsBefore(page_inputs.Digests(content.Site(tags=set())), table).same(places["b.md"])


def test_reads_a_copy_of_the_build_compared_are_not_compared_again_but_those_filled_as_renderers_go():
    site = content.Site(derived={"tasks_by_plan": {"a.md": []}}, tags={"Từ khóa"})
    table, places = page_inputs.indexed({"a.md": page_inputs.Digests(site).named(
        [("derived", "tasks_by_plan"), ("tags", "Từ khóa")])})
    copy = page_inputs.ReadsBefore(page_inputs.Digests(site), table)  # the copy's site: its derived filled already
    assert copy.same(copy.steady(places["a.md"])) and copy.steady(places["a.md"]) == [1]
    assert copy.same(places["a.md"]) and copy.compared() == {0: True, 1: True}
    build = page_inputs.ReadsBefore(page_inputs.Digests(content.Site(tags=set())), table)  # would differ, if compared
    build.learn(copy.compared())
    assert build.same([1])  # as the copy found it
    assert not build.same(places["a.md"])  # its own `derived`, not filled yet: compared here
