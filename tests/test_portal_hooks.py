"""The MkDocs adapter's own behaviour where a build cannot show it: the preview stopping a save's outputs, and how it
hears of a save."""

import importlib.util
import pickle

import pytest

from cchc import build_cache, content
from conftest import REPO, write


@pytest.fixture(scope="module")
def hooks():
    spec = importlib.util.spec_from_file_location("cchc_portal_hooks", REPO / "hooks" / "portal.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _outputs(hooks, small_site):
    site = content.load_site(content.Layout.at(small_site, small_site / "docs"))
    pages = {uri: f"<p>{entry.src_uri}</p>" for uri, entry in site.pages.items()}
    texts = {uri: (entry.src_uri, entry.src_uri, "", "") for uri, entry in site.pages.items()}
    return hooks._Outputs(site, pages, {}, texts, dict.fromkeys(pages, "Trang"), {}, build_cache.Cache(None, ""),
                          "https://cchc.example.vn/", 20)


def test_a_newer_save_stops_the_outputs_being_made_and_nothing_is_written(hooks, small_site, tmp_path):
    made, served = _outputs(hooks, small_site), tmp_path / "site"
    served.mkdir()
    made.stop()  # a newer save, before these outputs were started
    with pytest.raises(hooks._Stopped):
        made.write(served, set())
    assert list(served.iterdir()) == []


def test_outputs_not_stopped_are_written_with_the_record_last(hooks, small_site, tmp_path):
    served = tmp_path / "site"
    written = _outputs(hooks, small_site).write(served, set())
    assert "search/manifest.json" in written and any(path.startswith("feeds/") for path in written)
    assert (served / ".cchc-sources.json").exists()


def _server(tmp_path):
    from mkdocs.livereload import LiveReloadServer

    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    server.watch(str(tmp_path / "docs"))
    server.watch(str(tmp_path / "mkdocs.yml"))
    return server


def test_the_preview_watches_folders_by_the_systems_notices_and_a_file_by_polling(hooks, tmp_path):
    server = _server(tmp_path)
    polling = server.observer
    hooks._notified(server, [], lambda path: None)
    assert isinstance(server.observer, hooks._Watchers) and server.observer.polling is polling
    # docs/ by notices, mkdocs.yml polled (watched again in the order MkDocs watched them)
    assert list(server.observer._by.values()) == [server.observer.notified, polling]


def test_a_first_look_stays_over_the_sites_of_builds_that_did_not_read_its_save(hooks, tmp_path, monkeypatch):
    """A save made while a build runs is shown at once (`_FirstLook`); that build, which read the sources before it,
    then replaces the site served: the first look's page is written again over it, until the build that read the
    save replaces the site. Requests wait while a site replaces another."""
    (tmp_path / "served").mkdir()
    server = _server(tmp_path / "served")
    first_look = hooks._FirstLook(server)
    monkeypatch.setattr(hooks._Build, "target", tmp_path / "served")
    page = tmp_path / "served" / "tin" / "index.html"
    page.parent.mkdir()

    def build(output: bytes, saved: bool = False) -> None:
        def replace() -> None:
            page.write_bytes(output)
            assert server._wanted_epoch > server._visible_epoch  # requests wait
        if saved:  # during the build, a save, and its first look
            first_look._shown["tin/index.html"] = b"first look", first_look.started + 1
        first_look.replacing(replace)
        server._visible_epoch = server._wanted_epoch  # as MkDocs' server does once a build returns

    builds = [lambda: build(b"build 1", saved=True), lambda: build(b"build 2"), lambda: build(b"build 3")]
    server_builds = first_look.then(lambda: builds.pop(0)())  # what MkDocs' server runs for each build
    server_builds()
    assert page.read_bytes() == b"first look"
    server_builds()  # the build the save asked for
    assert page.read_bytes() == b"build 2"
    server_builds()
    assert page.read_bytes() == b"build 3"


def test_the_preview_polls_where_the_system_gives_no_notices(hooks, tmp_path, monkeypatch):
    """Out of notices (inotify's limit of watches, say) for any folder it will watch, mkdocs.yml's `watch` ones too, the
    preview polls, as MkDocs does."""
    class NoNoticesForPlans:
        def schedule(self, handler, path, **kwargs):
            if path.endswith("plans"):
                raise OSError("inotify watch limit reached")

        def start(self):
            pass

        stop = join = start

    server = _server(tmp_path)
    polling = server.observer
    (tmp_path / "plans").mkdir()
    monkeypatch.setattr(hooks.watchdog.observers, "Observer", NoNoticesForPlans)
    hooks._notified(server, [str(tmp_path / "plans")], lambda path: None)
    assert server.observer is polling and sorted(server._watched_paths) == [str(tmp_path / "docs"),
                                                                           str(tmp_path / "mkdocs.yml")]


@pytest.mark.parametrize("site_url", ["https://cchc.khanhhoa.gov.vn/", "https://x.gov.vn/cong", "HTTPS://X.gov.vn/", ""])
def test_a_page_out_of_the_nav_is_the_page_mkdocs_makes(hooks, small_site, site_url):
    """`on_files` makes the pages out of the nav before MkDocs does (`get_navigation`), their addresses joined faster:
    every attribute as MkDocs sets it, whatever the site's address and the page's path."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import File
    from mkdocs.structure.pages import Page
    from mkdocs.utils import get_build_date

    config = load_config(str(small_site / "mkdocs.yml"), site_url=site_url)
    for path in ["index.md", "tin-tuc/2025/tin-a.md", "van-ban/a b.md", "co-quan/đường.md", "x/../y.md"]:
        theirs, ours = (File(path, config.docs_dir, config.site_dir, config.use_directory_urls) for _ in range(2))
        Page(None, theirs, config)
        hooks._PageOutOfNav(None, ours, config, get_build_date())
        assert {k: v for k, v in vars(ours.page).items() if k != "file"} == \
            {k: v for k, v in vars(theirs.page).items() if k != "file"}, path


def test_a_rendered_page_s_settings_are_named_by_what_made_them_not_pickled(hooks, monkeypatch):
    """A procedure's settings are 8 KB to pickle, 13,000 pages' a second of a build: a page whose renderer named what
    it was given and what it read is keyed by those, which make its settings; any other page by its settings."""
    class Unpicklable(dict):
        def __reduce_ex__(self, protocol):
            raise AssertionError("the settings were pickled")

    monkeypatch.setattr(hooks._Build, "inputs", {"thu-tuc/1-000001.md": ("given", [["departments", "SNV-KH", "d1"]],
                                                                         "Thủ tục thử")})
    named = hooks._settings_named("thu-tuc/1-000001.md", Unpicklable(title="Thủ tục thử"))
    assert named == build_cache.value_bytes(("given", [["departments", "SNV-KH", "d1"]]))
    monkeypatch.setattr(hooks._Build, "inputs", {"thu-tuc/1-000001.md": ("given", [["departments", "SNV-KH", "d2"]],
                                                                         "Thủ tục thử")})
    assert hooks._settings_named("thu-tuc/1-000001.md", {}) != named  # a read that gave another value: another key
    assert hooks._settings_named("huong-dan/a.md", {"title": "A"}) == build_cache.value_bytes({"title": "A"})


def test_a_rebuild_reads_back_the_checks_a_build_recorded_in_one_entry(hooks, small_site, tmp_path, monkeypatch):
    """Ten thousand checks looked up one by one were a tenth of a second of every rebuild: a build records those it
    read in one entry, which the next reads whole, looking up only the checks it lacks. A rebuild after a few edits
    writes no new record; each entry read is the one a build from nothing makes."""
    monkeypatch.setattr(hooks._Build, "serving", False)
    monkeypatch.setattr(hooks._Build, "checks_code", "checks")
    layout = content.Layout.at(small_site, small_site / "docs")
    for number in range(40):  # a twentieth of the sources is two: one edit writes no new record
        write(small_site, f"docs/huong-dan/trang-{number}.md", f"---\ntitle: Trang {number}\n---\n\nNội dung {number}.\n")

    def build() -> tuple[content.Site, list[str], bytes | None]:
        cache = build_cache.Cache(tmp_path / "c", "code")
        monkeypatch.setattr(hooks._Build, "cache", cache)
        hooks._reading_checks()
        asked, entries = [], cache.entries
        monkeypatch.setattr(cache, "entries", lambda keys: asked.extend(keys) or entries(keys))
        site = content.load_site(layout, hooks._checked_many)
        hooks._record_checks()
        cache.keep_entry(cache.key(hooks._NOTES), b"{}")  # a build of this code finished
        record = cache.entry(hooks._checks_key())
        cache.close()
        return site, asked, record

    first, asked, record = build()
    assert asked and record is not None and len(pickle.loads(record)) == len(first.pages) > 1
    again, asked, recorded = build()
    assert asked == [] and recorded == record  # every check from the record: none looked up, nothing written
    plan = first.plans[0]
    (small_site / plan.source).write_text((small_site / plan.source).read_text(encoding="utf-8") + "\nĐã sửa.\n",
                                          encoding="utf-8")
    edited, asked, recorded = build()
    assert len(asked) == 1 and recorded == record  # the edited plan's, looked up (and made); the record kept
    assert "Đã sửa." in edited.pages[plan.src_uri].body and "Đã sửa." not in plan.body
    for number in range(3):  # more than a twentieth changed: recorded again, without the checks no longer read
        (small_site / f"docs/huong-dan/trang-{number}.md").unlink()
    fewer, asked, recorded = build()
    assert len(asked) == 1 and pickle.loads(recorded) == hooks._Build.checks_read  # this build's checks, no other
    assert len(pickle.loads(recorded)) == len(fewer.pages) == len(first.pages) - 3
    for uri, entry in again.pages.items():
        assert (entry.values, entry.body, entry.front_matter) == (first.pages[uri].values, first.pages[uri].body,
                                                                   first.pages[uri].front_matter)
