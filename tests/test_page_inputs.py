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


def _rendered(site: content.Site) -> dict[str, tuple[str | None, str]]:
    """Each page made by its renderer: the digest of what it read and its entry (None where they cannot be named),
    and what it is made of."""
    digests, found = page_inputs.Digests(site), {}
    for uri, entry in site.pages.items():
        if entry.kind.sources != "docs" or not entry.kind.renderer:
            continue
        reads: set = set()
        made = _made(entry, page_inputs.Reading(site, reads))
        try:
            named = digests.entry(entry) + digests.of(page_inputs.recorded(reads))
        except page_inputs.Untracked:
            named = None
        found[uri] = named, made
    return found


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
    after = _rendered(_site(root))
    same = changed = 0
    for uri, (named, made) in after.items():
        if uri in before and named is not None and before[uri][0] == named:
            assert made == before[uri][1], f"{uri}: what it read gave the same digest, yet it is made otherwise"
            same += 1
        elif uri in before and made != before[uri][1]:
            changed += 1
    # Not vacuous: most pages are known unchanged, and the edit changed some page.
    assert same > len(after) / 2 and (changed or edit in ("news body", "procedure edited", "news removed"))


def test_an_edit_changes_the_digest_of_the_pages_that_show_it(bundled, tmp_path):
    root = tmp_path / "portal"
    shutil.copytree(bundled, root)
    before = _rendered(_site(root))
    _edit("department renamed", root)
    site = _site(root)
    after = _rendered(site)
    showing = {uri for uri, entry in site.pages.items() if entry.get("department") == "STP-KH" and uri in after}
    assert showing and all(after[uri][0] != before[uri][0] for uri in showing)
    others = [uri for uri in after if uri not in showing and after[uri][0] is not None
              and site.pages[uri].kind is not content.DEPARTMENT]
    assert others and all(after[uri][0] == before[uri][0] for uri in others)


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
    assert digests.of(page_inputs.recorded(reads)) == page_inputs.Digests(site).of(page_inputs.recorded(reads))


def test_what_renderers_fill_as_they_go_is_named_once_it_is_there():
    site = content.Site()
    digests = page_inputs.Digests(site)
    for read in [("derived", "tasks_by_plan"), ("derived", None)]:  # not made yet; the whole, never
        with pytest.raises(page_inputs.Untracked):
            digests.of([read])
    site.derived["tasks_by_plan"] = {"ke-hoach.md": []}
    assert digests.of([("derived", "tasks_by_plan")]) != page_inputs.Digests(
        content.Site(derived={"tasks_by_plan": {}})).of([("derived", "tasks_by_plan")])
    with pytest.raises(page_inputs.Untracked):
        page_inputs.Digests(content.Site(pages={"a.md": object()})).of([("pages", "a.md")])
