"""MkDocs hooks: the thin adapter between MkDocs and the `cchc` package.

Content is read and checked once, before MkDocs cleans or writes anything, so a content mistake
stops the build with every problem listed. The site is built in a fresh folder that replaces `site/`
only once the build has succeeded, strict mode included: a failed build leaves the previous site.
"""

from __future__ import annotations

import dataclasses
import gc
import importlib
import itertools
import json
import logging
import os
import pickle
import shutil
import sys
import threading
from functools import lru_cache, partial
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit
from types import ModuleType
from typing import Any, Callable, NamedTuple

import markdown
import watchdog.events
import watchdog.observers
from jinja2 import FileSystemBytecodeCache
from markupsafe import Markup
from mkdocs import livereload
from mkdocs.commands.build import _populate_page, get_context
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.toc import get_toc
from mkdocs.utils import CountHandler, get_build_date, get_relative_url
from mkdocs.utils.meta import get_data

import cchc
from cchc import (build_cache, clock, cms, cms_proxy, collector, colours, content, dates, feeds, forked, links,
                  page_inputs, page_sides, placing, portal_info, process_end, safety, search, search_copy,
                  shared_parts, site_check, site_address, site_swap, sitemap, skeletons, source_signatures, sources_ahead,
                  subscriptions, text, theme_files, vendor)
from cchc.render import english, home, html, news, plans, portal_pages, procedures, progress
from cchc.render import pages as item_pages


def _code_version() -> int:
    return max(p.stat().st_mtime_ns for p in Path(sys.modules["cchc"].__file__).parent.rglob("*.py"))


cchc.code_version = _code_version()


def _reload_changed_code() -> None:
    """MkDocs loads a hook module once per process: under `mkdocs serve`, when the code of `cchc` changed, import
    it again and rebind the modules this adapter names (it names modules only), so a rebuild never runs old code."""
    if getattr(sys.modules["cchc"], "code_version", None) == _code_version():
        return
    for name in [n for n in sys.modules if n == "cchc" or n.startswith("cchc.")]:
        del sys.modules[name]
    for name, value in list(globals().items()):
        if isinstance(value, ModuleType) and value.__name__.split(".")[0] == "cchc":
            globals()[name] = importlib.import_module(value.__name__)
    sys.modules["cchc"].code_version = _code_version()
    _Build.check = None  # remembered by the code just replaced


def _page_scripts() -> dict[str, str]:
    return {procedures.FINDER_URI: "assets/finder.js", plans.FINDER_URI: "assets/finder.js",
            progress.INDEX_URI: "assets/finder.js", search.PAGE_URI: "assets/search.js",
            subscriptions.PAGE_URI: "assets/copy.js"}  # from overrides/


log = logging.getLogger("mkdocs.hooks.cchc")
FEED_LIMIT = 20


class _Build:
    site: content.Site | None = None
    hidden: list = []
    hidden_uris: set[str] = set()  # drafts and scheduled items, looked up per page
    page_scripts: dict[str, str] = {}
    titles: dict[str, str] = {}
    html_pages: dict = {}  # generated pages written as HTML (cchc/render/html.py), or to be (`html.Listed`), by source path
    generated: set[str] = set()  # the pages and files generated (`on_files`), which links may lead to
    carried: set[str] = set()  # the items some feed carries: the only pages whose HTML is kept past their writing
    html: dict[str, str] = {}  # their HTML, if converted by this build (else named by their parts' key)
    texts: dict[str, tuple] = {}  # each search document -> its text, passages, source, text's digest (search.documents)
    titles_rendered: dict[str, str] = {}
    sources: dict[str, str] = {}  # built page -> the file an editor would fix
    colours: dict[str, str] = {}
    portal = portal_info.PortalInfo()  # who runs the portal: every page's footer
    filled_feeds: set[str] = set()  # feeds with items: the only ones pages advertise
    head_links: dict[tuple, list] = {}  # what a page's <head> links, by its feed set (`_head_links`)
    target: Path | None = None  # the site/ a successful build replaces
    building: Path | None = None  # where this build writes
    spare: "site_swap.Spare | None" = None  # the site before the one it replaces: its unchanged pages are reused
    site_files: set[str] = set()  # the site's files this build writes, but its outputs (`on_nav`, `on_post_template`)
    spare_index: set[str] | None = set()  # the files of the spare's search index, reused: those not written again go
    command = ""  # MkDocs' command: `build`, `serve`, `gh-deploy`
    serving = False  # `mkdocs serve`: its live reload runs an inline script, which the policy would block
    dirty = False  # `--dirty`: MkDocs skips a page whose output is newer than its source, so no spare is reused
    newest = ""
    cache = build_cache.Cache(None, "")
    checks_code = ""  # what the sources' checks are made by, which `cchc.check` finds them by too (`build_cache`)
    part_keys: dict[str, str] = {}  # page -> the key of its converted Markdown
    from_cache: set[str] = set()  # pages whose converted Markdown came from the cache (sanitized already)
    page_keys: dict[str, tuple[str, str]] = {}  # page rendered in this build -> the keys of its output and its own parts
    # Each page's key -> the digest of its bytes, as this build placed or kept them; the next build's `_unwalked` reads
    # them (`_PLACED`) instead of asking the cache for each page.
    placed: dict[str, str] = {}
    shared: dict[str, bytes] = {}  # the theme's parts shared by pages out of the nav, made in this build (`cchc_once`)
    env = None  # the theme's Jinja environment
    # The theme's rendering of each shape of page out of the nav, this build's; none where nothing is reused
    skeletons: "skeletons.Skeletons | None" = None
    filled: dict[str, str] = {}  # page -> its output, written from its shape's skeleton (until `on_post_page`)
    probing = False  # the theme renders a skeleton's probe: its shared parts are not kept (they are made for the page)
    in_nav: set[str] = set()  # pages in the nav: the theme marks them active and links their neighbours
    nav_urls: set[str] = set()  # their addresses
    shell = ""  # what every page's theme output shares: the nav as built
    shell_key = ""  # what the shell is made of (`_unwalked`): the cache keeps the shell under it
    made: dict[str, tuple] = {}  # page -> what `on_page_markdown` makes of it, made before the walk (`_unwalked`)
    unwalked: set[str] = set()  # pages unchanged since a build of the same code: put in place, not walked by MkDocs
    notes: dict[str, tuple[str, dict, str]] = {}  # page -> its parts' key, links to anchors and search text's digest
    notes_before: dict[str, list] = {}  # the last build's record of them (`_NOTES`), with the anchors of pages linked to
    digests: "page_inputs.Digests | None" = None  # of what pages read of this build's site
    inputs: dict[str, tuple[str, list, str]] = {}  # page made by its renderer -> what made it (`_rendered_noting`)
    inputs_before: dict[str, list] = {}  # the last build's record of them, with what the pages were (`_INPUTS`)
    reads_before: "page_inputs.ReadsBefore | None" = None  # the reads of that record, compared with this site
    # Those pages compared with this site ahead of the nav by a copy of the build (`_compare_ahead`): while it works,
    # the copy; then, by page, the title it was compared with and what `_as_before` found.
    ahead: "forked.Forked | dict[str, tuple] | None" = None
    sources_ahead: "sources_ahead.Ahead | None" = None  # the sources listed meanwhile (`on_config` to `on_pre_build`)
    records: dict[str, Any] = {}  # the last build's records, by name, until read (`_recorded`)
    owns: dict[str, str] = {}  # page out of the nav -> the key of its own parts
    files = None  # MkDocs' files of this build
    nav = None  # its nav
    first_look: "_FirstLook | None" = None  # the preview's first look at each save
    look: "_Look | None" = None  # what it needs of the last build
    config = None  # its settings
    layout: "content.Layout | None" = None  # where its content is
    problems: list = []  # under `mkdocs serve`, the content errors every page shows instead of itself
    shown: set[str] = set()  # the pages of the last preview that built: a tab open at any of them shows the errors
    outputs: set[str] = set()  # the search index, feeds and data files in the site served, after the first build
    pending: "_Outputs | None" = None  # the outputs the preview's thread is making and writing
    converter: "_Converter | None" = None
    searching: "search_copy.Running | None" = None  # a build's search index, made by a process of its own meanwhile
    elsewhere: "_Elsewhere | None" = None
    converted_texts: dict[str, tuple] = {}  # the search texts of the pages the copy converted, as it made them
    converted_made: dict[str, tuple] = {}  # their settings and date as the copy's walk left them, and parts' key
    check = None  # under `mkdocs serve`: each text's check, remembered for the process (content.remembering)
    # A rebuild reads back the sources' checks without their page parts (`content.kept_apart`), read for a page made;
    # a build whose code never finished one, or the preview (which remembers them whole), reads them with them.
    checks_apart = False
    # Every check this build read or made, as kept (`content.kept_apart`), by key: the next builds' `_CHECKS`.
    checks_read: dict[str, bytes] = {}
    checks_before: dict[str, bytes] = {}  # the checks a build recorded (`_CHECKS`), read back in one entry
    asking: "forked.Answering | None" = None  # in a copy of the build: where it asks for page parts (`_page_part`)
    parts_ahead: dict[str, bytes] = {}  # page parts read before the walk, by key, each until its page reads it
    copies: "source_signatures.Signatures" = source_signatures.Signatures({}, Path())  # of the files besides pages


class _Elsewhere(NamedTuple):
    """What a copy of the build does meanwhile (`cchc.forked`)."""
    mine: Callable[[str], bool]  # whether the build does a text or page itself (else the copy did: take it first)
    copy: forked.Forked
    done: Callable[[Any], None]  # what the build does with the copy's result, once taken


class _Converter:
    """One Markdown instance for every page of a build, reset between pages, as the floor converts: MkDocs' own
    `Page.render` builds a new one per page with every extension (5% of a 10,000-document build). The processors
    MkDocs registers per page (relative links, anchors, title, raw HTML ids) are MkDocs 1.6's own, pointed at each
    page in turn; MkDocs 1.6 is the last 1.x, so they do not move."""

    def __init__(self, config, files):
        self.files = files
        self.md = markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"] or {})
        self.raw = mkdocs_pages._RawHTMLPreprocessor()
        self.anchors = mkdocs_pages._ExtractAnchorsTreeprocessor(None, files, config)
        self.links = mkdocs_pages._RelativePathTreeprocessor(None, files, config)
        self.title = mkdocs_pages._ExtractTitleTreeprocessor()
        for processor in (self.raw, self.anchors, self.links, self.title):
            processor._register(self.md)

    def render(self, page) -> None:
        """What `Page.render` sets."""
        md = self.md.reset()
        self.links.file, self.links.links_to_anchors = page.file, {}
        self.anchors.present_anchor_ids, self.raw.present_anchor_ids, self.title.title = set(), set(), None
        page.content = md.convert(page.markdown)
        page.toc = get_toc(getattr(md, "toc_tokens", []))
        page._title_from_render = self.title.title
        page.present_anchor_ids = self.anchors.present_anchor_ids | self.raw.present_anchor_ids
        if mkdocs_pages.log.getEffectiveLevel() > logging.DEBUG:  # as MkDocs: collected, not checked, when debugging
            page.links_to_anchors = self.links.links_to_anchors

    @classmethod
    def of(cls, config, files) -> "_Converter":
        if _Build.converter is None or _Build.converter.files is not files:  # a rebuild of `mkdocs serve`: new files
            _Build.converter = cls(config, files)
        return _Build.converter


class _DirtyWarning(logging.Filter):
    """MkDocs warns that a dirty build is inaccurate, which aborts it in strict mode; here it is not inaccurate."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("A 'dirty' build is being performed")


class _UnwalkedTargets(logging.Filter):
    """MkDocs notes a link to a page it does not walk as a link to a page excluded from the site: those pages are in
    place, unchanged (`_unwalked`)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = str(record.msg)
        return not (message.endswith("which is excluded from the built site.")
                    and message.rsplit("'", 2)[-2] in _Build.unwalked)


class _PlacedPages:
    """MkDocs says it skipped each page whose theme output is empty: those pages the build put in place itself. Its
    messages are not even made while the pages are written (12,900 records made to be filtered out were 0.3 s of a
    10,000-document preview); at `--verbose` they are shown."""

    logger = logging.getLogger("mkdocs.commands.build")

    @classmethod
    def quiet(cls) -> None:
        if cls.logger.getEffectiveLevel() == logging.INFO:
            cls.logger.setLevel(logging.WARNING)

    @classmethod
    def heard(cls) -> None:
        if cls.logger.level == logging.WARNING:
            cls.logger.setLevel(logging.NOTSET)


def on_startup(command, dirty) -> None:
    # A build makes millions of short-lived objects over a heap that holds the whole site, and with Python's default
    # threshold (700) the cycle collector walks that heap again and again: a third of a preview's save; 1.7 s of a
    # build from scratch's thread and 0.7 s of a news rebuild's at 10,000 documents, where the build, one per process,
    # leaves little in cycles (no pass at all: its peak 11 MB higher). The preview, which builds again and again in
    # one process, collects each save's cycles once its outputs are made (`_Outputs`).
    gc.set_threshold(20_000 if command == "serve" else 1_000_000, 10, 10)
    _Build.command, _Build.serving, _Build.dirty = command, command == "serve", dirty
    pages_log = logging.getLogger("mkdocs.structure.pages")
    if not any(isinstance(f, _UnwalkedTargets) for f in pages_log.filters):
        pages_log.addFilter(_UnwalkedTargets())
    if dirty:
        logging.getLogger("mkdocs.commands.build").addFilter(_DirtyWarning())
        log.info("--dirty: cổng vẫn dựng mọi trang vào thư mục mới, để kết quả đúng như bản dựng đầy đủ.")


def on_config(config):
    _stop_outputs()
    _reload_changed_code()
    # Set here, not in mkdocs.yml (`!!python/name:`), so that it is the code this module just loaded.
    config.mdx_configs.setdefault("toc", {}).update(slugify=text.heading_slug, permalink_title=html.PERMALINK_TITLE)
    _Build.colours, problems = colours.resolve(config.extra.get("colours"))
    if problems:
        raise PluginError("Màu trong mkdocs.yml chưa dùng được:\n" + "\n".join(problems))
    config.extra_css.insert(0, portal_pages.COLOURS_CSS)
    config.theme.get_env = partial(theme_files.environment, config.theme.get_env)
    problems = cms.settings_problems(config.extra.get("cms"))
    if problems:
        raise PluginError("Khai báo trình soạn thảo web (extra.cms trong mkdocs.yml) chưa đúng:\n"
                          + "\n".join(f"  {what}: {fix}" for what, fix in problems))
    _Build.target = Path(config.site_dir)
    _Build.building = site_swap.fresh(_Build.target)
    config.site_dir = str(_Build.building)
    project = Path(config.config_file_path).parent
    settings = "\n".join([Path(config.config_file_path).read_text(encoding="utf-8"), config.site_url or "",
                          str(config.use_directory_urls), str(_Build.serving)])
    folders = [Path(sys.modules["cchc"].__file__).parent, Path(__file__).parent]
    folders += [Path(config.theme.custom_dir)] if config.theme.custom_dir else []
    # The package's files read once: the build's code is the checks' code and the rest.
    _Build.checks_code = build_cache.checks_code(folders[0])
    _Build.cache = build_cache.Cache(build_cache.location(project),
                                     build_cache.code_digest(folders[1:], f"{settings}\n{_Build.checks_code}"),
                                     remember=_Build.serving)
    # The sources listed and looked at by a process of their own until the build reads them (`on_pre_build`), started
    # first; but in the preview, which would wait for it.
    _Build.layout = content.Layout.at(project, Path(config.docs_dir))
    _Build.sources_ahead = None if _Build.serving else sources_ahead.Ahead(content.folders(_Build.layout), project)
    # Taken now, listed meanwhile, reused once the build knows its pages (`on_nav`); none for a build that keeps nothing.
    # The search index's folder is kept whole, where its process writes it (`on_nav`).
    _Build.spare = (site_swap.Spare(_Build.target, _Build.building, None if _Build.serving else search.DIR)
                    if _Build.cache.folder is not None and not _Build.dirty else None)
    return config


def on_pre_build(config) -> None:
    try:
        now = clock.now()
    except clock.ClockError as error:
        raise PluginError(str(error)) from None
    if _Build.serving and _Build.check is None:
        _Build.check = content.remembering(_checked_many)
    layout = _Build.layout
    _Build.searching = None
    _reading_checks()
    _check_elsewhere(layout)
    # A build sharing its checks reads every source: its turns with the copy are counted in the order they are read.
    before = {} if _Build.elsewhere is not None else _Build.cache.sources_read()
    # The last build's records, read while the sources are listed: what made each page (`_INPUTS`), the pages'
    # notes (`_NOTES`), the pages and other files it placed (`_PLACED`, `_COPIED`).
    _Build.records = {name: _Build.cache.record(_Build.cache.key(name)) for name in (_INPUTS, _NOTES, _PLACED, _COPIED)}
    inputs = _recorded(_INPUTS) or {"pages": {}, "reads": []}
    ahead, _Build.sources_ahead = _Build.sources_ahead, None
    found, looked = (ahead.found() if ahead is not None else None) or (None, None)
    # The search process starts now, once the sources are listed (it would slow their listing), and waits for the
    # pages' texts (`on_env`); the preview makes its index in a thread.
    _Build.searching = None if _Build.serving else search_copy.Running(_Build.cache)
    # Git asked meanwhile, for a fresh checkout's files (a CI job's), which no signature noted before can match.
    with source_signatures.knowing(before, layout.root, looked) as signatures, collector.paused():  # no cycle made
        site = content.load_site(layout, _Build.check or _checked_many, signatures, found)
    _Build.cache.note_sources_read(signatures.noted, before)
    _take_elsewhere()  # the copy's share, if the walk met none of it
    if not _Build.serving:
        # One build per process: the content just loaded lives to its end, and the collector's passes need not walk
        # it again and again (a 10,000-document rebuild: 1.5 s of 15). The preview builds many times in one process,
        # and would never collect a save's cycles: it raises the collector's threshold instead (`on_startup`).
        gc.freeze()
    for warning in site.report.warnings:  # as `make check` does: shown, and the build goes on
        log.info(warning.format())
    _Build.html, _Build.texts, _Build.titles_rendered, _Build.sources = {}, {}, {}, {}
    _Build.part_keys, _Build.from_cache, _Build.page_keys, _Build.placed = {}, set(), {}, {}
    _Build.inputs, _Build.inputs_before, _Build.owns = {}, {}, {}
    _Build.problems = site.report.errors if _Build.serving else []
    if site.report.errors and not _Build.serving:
        raise PluginError("Nội dung có lỗi, chưa dựng trang:\n" + site.report.format())
    if _Build.problems:  # the preview shows them in the open tab, which reloads itself once they are fixed
        log.error("Nội dung có lỗi; trang xem trước hiện các lỗi này:\n" + site.report.format())
        # Closed, not left to the collector: its open transaction (the sources noted) would lock the next save's cache.
        _Build.cache.close(keep=False)
        _Build.site, _Build.cache = None, build_cache.Cache(None, "")
        return
    _Build.hidden = content.split_published(site, now)
    _Build.hidden_uris = {e.src_uri for e in _Build.hidden}
    _Build.page_scripts = _page_scripts()
    dates = [content.content_date(e) for items in site.entries.values() for e in items]
    _Build.newest = max(dates, default="2000-01-01")
    _Build.site = site
    _Build.digests = page_inputs.Digests(site)
    _Build.filled_feeds, _Build.head_links = subscriptions.has_items(site), {}
    _Build.carried = subscriptions.carried(site, config.site_url or "", _feed_limit(config))
    _Build.portal, errors, warnings = portal_info.resolve(config.extra.get("portal"), site.departments)
    if errors:
        raise PluginError("Thông tin cổng (extra.portal trong mkdocs.yml) chưa đúng:\n" + "\n".join(errors))
    for warning in warnings:
        log.info(warning)
    _Build.inputs_before = inputs["pages"]
    _Build.reads_before = page_inputs.ReadsBefore(_Build.digests, inputs["reads"])
    _compare_ahead(config.site_url or "")


def _recorded(name: str) -> Any:
    """The last build's record `name`, as `on_pre_build` read it (once: it is let go), or None."""
    return _Build.records.pop(name, None)


def _feed_limit(config) -> int:
    return int(config.extra.get("feed_limit", FEED_LIMIT))


def _checked_many(items: list) -> list:
    """Sources' checks (`content.CheckMany`) read back from the build cache where a build of the same code checked the
    same bytes before, a few hundred in one statement (one statement a text was 0.7 s of a 10,000-document rebuild):
    the cache is the build's own, as trusted as its code (it holds Jinja's compiled templates too). A first build
    shares its checks with a copy of itself turn by turn (`_check_elsewhere`): each text is claimed as it is
    checked, one by one."""
    if _Build.elsewhere is not None and len(items) > 1:
        return [_checked_many([item])[0] for item in items]
    return build_cache.kept_checks(_entries_in_turn, _Build.checks_code, items, partial(_check_and_keep, _Build.cache),
                                   content.read_back, _page_part if _Build.checks_apart else None, _Build.checks_read)


def _entries_in_turn(keys: list[str]) -> dict[str, bytes]:
    """The cache's entries for `keys`, once the copy's share is taken if the first of them is the copy's."""
    if _Build.elsewhere is not None and not _Build.elsewhere.mine(keys[0]):
        _take_elsewhere()
    before = _Build.checks_before
    found = {key: before[key] for key in keys if key in before}
    if len(found) < len(keys):
        found |= _Build.cache.entries([key for key in keys if key not in found])
    return found


def _reading_checks() -> None:
    """How this build reads back the sources' checks: apart from their page parts in a rebuild, from the record of
    the checks a build read (`_CHECKS`) where there is one."""
    _Build.checks_apart = not _Build.serving and _Build.cache.folder is not None and _built_before()
    _Build.checks_read, _Build.checks_before = {}, _checks_recorded() if _Build.checks_apart else {}
    _Build.parts_ahead = {}


def _checks_key() -> str:
    """The key of the record of the checks a build read (`_CHECKS`): named by the checks' code, which a change of
    the rest of the code (templates, renderers) leaves as it is."""
    return build_cache.digest(_Build.checks_code, _CHECKS)


def _checks_recorded() -> dict[str, bytes]:
    recorded = _Build.cache.entry(_checks_key())
    return pickle.loads(recorded) if recorded else {}


def _record_checks() -> None:
    """The checks this build read or made, kept in one entry for the next builds to read at once (10,000 looked up
    were 0.09 s of a rebuild at 10,000 documents), when the record the build read differs from them by more than a
    twentieth: a rebuild after a few edits reads the few new ones from the cache and writes no record (7 MB at 10,000
    documents). A build from scratch writes it whole; the preview, which remembers its checks, neither."""
    if _Build.serving or _Build.cache.folder is None:
        return
    before, read = _Build.checks_before, _Build.checks_read
    missed = sum(key not in before for key in read)
    no_longer = len(before) - (len(read) - missed)
    if before and missed + no_longer <= len(before) // 20:
        return
    _Build.cache.keep_entry(_checks_key(), pickle.dumps(dict(sorted(read.items())), protocol=pickle.HIGHEST_PROTOCOL))


def _page_part(key: str) -> bytes | None:
    """The page part of a check read back apart (`content.kept_apart`), for a page made from it: from the cache, or
    in a copy of the build, which reads none, asked of the build. None where it is not kept: the source is checked
    again (`content.Entry.page`)."""
    if _Build.asking is not None:
        return _Build.asking.ask(key)
    ahead = _Build.parts_ahead.pop(key, None)
    return ahead if ahead is not None else _Build.cache.entry(key)


def _read_parts_ahead(files) -> None:
    """The page parts of the checks of the pages MkDocs walks, read a few hundred a statement (`parts_ahead`): the
    theme reads a walked page's settings as written, and after an edit of the portal's operator (every footer) it
    walks ten thousand pages, whose parts one look-up each took a third of a second longer."""
    keys = []
    if _Build.checks_apart:
        for file in files.documentation_pages(inclusion=_inclusion()):
            entry = _Build.site.pages.get(file.src_uri)
            if file.src_uri not in _Build.unwalked and entry is not None and entry.page is not None:
                keys.append(build_cache.check_page_key(build_cache.check_key(_Build.checks_code, entry.kind.name,
                                                                             entry.digest)))
    _Build.parts_ahead = _Build.cache.entries(keys) if keys else {}


def _checks_in_use() -> list[str]:
    """The keys of the checks a rebuild read, and of their page parts, read or not: kept in use (`keep_using`)."""
    if not _Build.checks_apart:
        return []
    return [*_Build.checks_read, *map(build_cache.check_page_key, _Build.checks_read)]


def _check_and_keep(cache, key: str, kind, raw: str):
    checked = content.check_text(kind, raw)
    kept, page = content.kept_apart(checked)
    cache.keep_entry(key, kept)
    _Build.checks_read[key] = kept
    cache.keep_entry(build_cache.check_page_key(key), page)
    return checked


def _check_elsewhere(layout) -> None:
    """The sources are checked from the last by a copy of the build (`cchc.forked`, as the pages' conversion:
    `_convert_elsewhere`) while the build checks them from the first, when no build of this code finished before: a
    first build, or one after the code changed. (A later build reads most checks from the cache.) The build checks
    the texts in the order they are listed, so its n-th is the n-th listed; where one cannot be read, the texts after
    it are a turn late, which costs a text checked twice or by the build itself (the check is found by the bytes'
    key), never a text left unchecked."""
    if not _may_fork() or _Build.cache.folder is None or _built_before():
        return
    listed = content.sources(layout)
    if len(listed) < _split_from():
        return
    meeting, turns = forked.Meeting(len(listed)), itertools.count()
    _elsewhere(lambda _key: meeting.mine(next(turns)), partial(_check_share, listed, meeting),
               lambda count: log.info(f"{count} tệp do tiến trình thứ hai kiểm tra song song."))


def _check_share(listed: list, meeting, cache) -> int:
    """In the copy of the build: its share of the sources checked, their checks kept in `cache`; how many."""
    count = 0
    for index in meeting.from_last():
        path, kind = listed[index]
        try:
            raw = path.read_bytes()
            text = raw.decode("utf-8")
        except (OSError, UnicodeDecodeError):  # reported by the build's own reading
            continue
        key = build_cache.check_key(_Build.checks_code, kind.name, content.source_digest(raw))
        _check_and_keep(cache, key, kind, text)
        count += 1
    return count


def _static_files(files, config) -> dict[str, str]:
    stylesheets = [f.src_uri for f in files if f.src_uri.startswith("assets/stylesheets/") and f.src_uri.endswith(".min.css")]
    settings, site_path, styles = config.extra.get("cms") or {}, _site_path(config), sorted(stylesheets) + list(config.extra_css)
    # Remembered: the editor's settings written as YAML were a twentieth of a second of every rebuild.
    editor = _Build.cache.remember(("cms", json.dumps([settings, site_path, styles], ensure_ascii=False, sort_keys=True)),
                                   lambda: cms.files(settings, site_path, styles))
    return portal_pages.static_files(colours.css(_Build.colours), editor)


def _site_path(config) -> str:
    """Where the site sits on its host (`/` or `/cong-cchc/`): the editor's addresses start there."""
    return urlsplit(config.site_url or "/").path or "/"


def _add_vendor_files(files, config) -> None:
    try:
        found = vendor.site_files(Path(config.config_file_path).parent)
    except vendor.VendorError as error:
        raise PluginError(f"Trình soạn thảo web: {error}") from None
    for path, source in found.items():
        files.append(File.generated(config, path, abs_src_path=str(source)))


def on_serve(server, config, builder):
    """The web editor saves into this checkout through the preview server (cchc/cms_proxy.py). The server is told
    of a save by the system (`_notified`), not by polling, and shows the pages of the sources saved before it builds
    the site again (`_FirstLook`)."""
    first_look = _FirstLook(server)
    if _notified(server, [str(Path(path).resolve()) for path in config.watch], first_look.note):
        server.builder = first_look.then(server.builder)
        _Build.first_look = first_look
    site_path = _site_path(config)
    server.set_app(cms_proxy.mount(server.get_app(), Path(config.config_file_path).parent, cms.local_url(site_path),
                                   f"{site_path.rstrip('/')}/admin/", lambda: server.root))
    return server


def _notified(server, to_watch: list[str], note: Callable[[str], None]) -> bool:
    """MkDocs' server polls what it watches twice a second: at 10,000 documents each poll stats 10,000 files, a fifth
    of a core that a save's build shared the interpreter with. The system's own notices (inotify on Linux, FSEvents,
    ReadDirectoryChanges) take over for folders, unless `CCHC_WATCH=poll` asks for polling: on a network or container
    mount the system may not notice edits. `to_watch`: what mkdocs.yml's `watch` adds once this is done. Whether the
    notices took over; then `note` hears each path they name."""
    if os.environ.get("CCHC_WATCH", "").lower() == "poll":
        return False
    watched = dict(server._watched_paths)  # noqa: SLF001 - MkDocs 1.6, the last 1.x: its server does not move
    folders = [path for path in [*watched, *to_watch] if os.path.isdir(path)]
    try:  # tried first: a system out of notices fails as the server starts, which would end the preview
        trial = watchdog.observers.Observer()
        for path in folders:
            trial.schedule(watchdog.events.FileSystemEventHandler(), path, recursive=True)
        trial.start()
        trial.stop()
        trial.join()
    except Exception as error:  # noqa: BLE001 - whatever the system's reason, polling works everywhere
        log.info(f"Xem trước: hệ thống không báo thay đổi tệp ({error}); máy chủ tự dò tệp như mặc định.")
        return False
    for path, count in watched.items():
        for _ in range(count):
            server.unwatch(path)
    server.observer = _Watchers(server.observer, note)
    for path, count in watched.items():
        for _ in range(count):
            server.watch(path)
    return True


class _Watchers:
    """What MkDocs' server asks of its observer, shared out: the system's notices for folders, MkDocs' polling for a
    single file (mkdocs.yml: an editor that saves by renaming replaces the file a notice would follow)."""

    # What polling notices. Not a file opened or closed unwritten: every build reads each source, and each read would
    # ask for another build.
    CHANGES = [watchdog.events.FileCreatedEvent, watchdog.events.FileModifiedEvent, watchdog.events.FileMovedEvent,
               watchdog.events.FileDeletedEvent, watchdog.events.DirCreatedEvent, watchdog.events.DirMovedEvent,
               watchdog.events.DirDeletedEvent]

    def __init__(self, polling, note: Callable[[str], None]):
        self.polling, self.notified = polling, watchdog.observers.Observer()
        self._by: dict = {}  # each watch -> its observer
        self.note = note

    def schedule(self, handler, path: str, recursive: bool = False):
        observer = self.notified if os.path.isdir(path) else self.polling
        watch = observer.schedule(_Noting(handler, self.note), path, recursive=recursive, event_filter=self.CHANGES)
        self._by[watch] = observer
        return watch

    def unschedule(self, watch) -> None:
        self._by.pop(watch).unschedule(watch)

    def start(self) -> None:
        self.notified.start()
        self.polling.start()

    def stop(self) -> None:
        self.notified.stop()
        self.polling.stop()

    def join(self) -> None:
        self.notified.join()
        self.polling.join()


class _Noting(watchdog.events.FileSystemEventHandler):
    """MkDocs' handler of what a watch sees, which only asks for a build, after `note` heard which files changed."""

    def __init__(self, handler, note: Callable[[str], None]):
        self.handler, self.note = handler, note

    def dispatch(self, event) -> None:
        if not event.is_directory:
            for path in (event.src_path, getattr(event, "dest_path", "")):
                if path:
                    self.note(os.fsdecode(path))
        self.handler.dispatch(event)


class _FirstLook:
    """The preview's first look at a save: the pages of the sources saved, made from the last build's site with the
    saved entries in it and rendered by its theme into the site served, shown at once (the open tabs reload), while
    MkDocs' server builds the whole site again, which then replaces them. A save's page shows in a fraction of a
    second instead of once every page is made again (ten seconds at 10,000 documents), also while the build of an
    earlier save is running; what else a save changes (listings that name it, the search index) follows with the
    build, as Hugo's server renders the pages open first.

    Only content sources read again as the build reads them (`content.read_again`; one added since, too): a save of
    code, theme or settings (never shown by the code before it), a file removed or renamed, a source with a problem,
    a changed address or publication, all wait for the build. A build that started before a save may replace the
    site after its first look: the look's pages are written again into that site, until the site of a build that
    read the save replaces it (`replacing`)."""

    QUIET = 0.1  # seconds without a notice before a save is taken as done (MkDocs' server waits as long)

    def __init__(self, server):
        self.server = server
        self._lock = threading.Condition()  # paths are heard on the watchers' threads; builds run on the server's
        self._saved: dict[str, int] = {}  # path saved -> the build that reads it at the latest (the next to start)
        self.started = 0  # builds started by the server
        self.replaced = 0  # the last of them whose site replaced the one served
        self._shown: dict[str, tuple[bytes, int]] = {}  # page shown -> its bytes, and the build that replaces them
        self._converter: tuple = (None, None)  # the last build's look, and a converter of its own for it

    def note(self, path: str) -> None:
        with self._lock:
            self._saved[path] = self.started + 1
            self._lock.notify_all()

    def then(self, builder: Callable[[], None]) -> Callable[[], None]:
        """`builder`, for MkDocs' server to run: the site served stays served while it builds the next in a folder of
        its own (MkDocs' server waits while it builds, as its builds write into the site served): requests wait only
        while the new site replaces it (`replacing`). The first looks start."""
        threading.Thread(target=self._looking, daemon=True).start()

        def build() -> None:
            with self._lock:
                self.started += 1
                self._epochs(self.server._visible_epoch)  # noqa: SLF001
            builder()
        return build

    def replacing(self, replace: Callable[[], None]) -> None:
        """`replace()` puts the site of the build running in place; requests wait meanwhile (MkDocs' server serves a
        file only while the site shown is the one wanted, and shows the one wanted once the build returns: the tabs
        then reload). The first look's pages of saves it did not read are written again into it."""
        with self._lock:
            self._epochs(self._later())
            replace()
            self.replaced = self.started
            for path, (data, read_by) in list(self._shown.items()):
                if read_by <= self.started:
                    del self._shown[path]
                else:
                    _write_page(_Build.target / path, data)

    def _epochs(self, wanted: int, shown: bool = False) -> None:
        """MkDocs' server serves a file only while the epoch shown is the one wanted; open tabs reload when the epoch
        shown moves."""
        server = self.server
        with server._epoch_cond:  # noqa: SLF001 - MkDocs 1.6, the last 1.x: its server does not move
            server._wanted_epoch = wanted  # noqa: SLF001
            if shown:
                server._visible_epoch = wanted  # noqa: SLF001
            server._epoch_cond.notify_all()  # noqa: SLF001

    def _later(self) -> int:
        """An epoch after the server's (its clock counts milliseconds: two may fall in one)."""
        server = self.server
        return max(livereload._timestamp(), server._wanted_epoch + 1, server._visible_epoch + 1)  # noqa: SLF001

    def _looking(self) -> None:
        while True:
            with self._lock:
                self._lock.wait_for(lambda: self._saved)
                while self._lock.wait(timeout=self.QUIET):  # until the save's notices stop
                    pass
                saved, self._saved = self._saved, {}
            try:
                self.show(saved)
            except Exception:  # noqa: BLE001 - the build makes the page, and reports what is wrong
                log.debug("Xem trước: chưa hiện trước được trang vừa lưu.", exc_info=True)

    def show(self, saved: dict[str, int]) -> bool:
        """Whether the pages of `saved` are shown."""
        look = _Build.look
        if look is None or not saved:
            return False
        saved = {os.path.realpath(path): read_by for path, read_by in saved.items()}  # as the layout names folders
        roots = tuple(str(folder) + os.sep for folder in (look.layout.docs_dir, look.layout.plans_dir))
        sources = [path for path in sorted(saved) if path.endswith(".md")]
        if not sources or not all(path.startswith(roots) for path in saved):
            return False
        entries = [content.read_again(look.layout, Path(path), look.site) for path in sources]
        if None in entries:
            return False
        site = dataclasses.replace(look.site, pages={**look.site.pages, **{e.src_uri: e for e in entries}}, derived={},
                                   departments={**look.site.departments, **{e["code"]: e for e in entries
                                                                             if e.kind is content.DEPARTMENT}})
        portal, errors, _warnings = portal_info.resolve(look.config.extra.get("portal"), site.departments)
        if errors or links.broken(site, look.generated, look.layout.docs_dir, look.hidden, entries):
            return False  # the footer names departments, the body links to pages: the build reports them
        if self._converter[0] is not look:  # its own: the build's converts the build's pages meanwhile
            self._converter = look, _Converter(look.config, look.files)
        pages = [self._made(entry, site, look, self._converter[1]) for entry in entries]
        if None in pages:
            return False
        rendered = {page.file.dest_uri: self._rendered(page, look, portal) for page in pages}
        read_by = max(saved.values())
        with self._lock:
            if read_by <= self.replaced:  # the build that read the save has replaced the site already
                return False
            for path, data in rendered.items():
                self._shown[path] = data, read_by
                _write_page(look.target / path, data)
            self._epochs(self._later(), shown=True)  # the open tabs reload
        shown = ", ".join(page.url or "/" for page in pages)
        log.info(f"Xem trước: đã hiện {shown} trước khi dựng lại toàn bộ.")
        return True

    @staticmethod
    def _made(entry, site, look, converter: "_Converter"):
        """The entry's page of the last build, made again from `site` and converted, as its walk makes it."""
        uri, config = entry.src_uri, look.config
        file = look.files.src_uris.get(uri)
        if uri in look.in_nav or (file is None and uri in look.generated):  # a nav page's title is on every page
            return None
        site_url = config.site_url or ""
        generated = None
        if entry.kind.sources == "docs":
            markdown, meta = entry.body, entry.front_matter
        else:  # a page `on_files` generates
            generated = item_pages.render(entry, site, item_pages.PageContext(site_url))
            markdown, meta = get_data(generated.source if isinstance(generated, html.HtmlPage) else generated)
        if file is None:  # added since: as MkDocs would list it
            file = (File(uri, config.docs_dir, config.site_dir, config.use_directory_urls) if generated is None
                    else File.generated(config, uri, content=""))
            mkdocs_pages.Page(None, file, config)
        page = file.page
        # Titled as `on_files` titles items of a kind and generated pages.
        title = item_pages.title(entry, site) if entry.kind.folder or generated is not None else None
        made, page.meta, _updated = _page_made(uri, markdown, meta, site_url, site, title, build_cache.made_again)
        written = next((p for p in (made, generated) if isinstance(p, html.HtmlPage)), None)
        page.markdown = written.source if written is not None else made
        if written is not None:
            _render_written(page, written, converter, look.files)
        else:
            converter.render(page)
        page.content = Markup(safety.sanitize(page.content))
        _for_the_theme(page)
        return page

    @staticmethod
    def _rendered(page, look, portal: portal_info.PortalInfo) -> bytes:
        """The page as the theme renders it, its shared parts whole (`_WHOLE`: the build in progress shares its own),
        its footer naming the departments as saved."""
        page.active, _WHOLE.parts = True, True  # MkDocs marks the page it renders
        try:
            context = get_context(look.nav, look.files, look.config, page)
            output = look.env.get_template(_template_of(page)).render({**context, "cchc_portal": portal})
        finally:
            page.active, _WHOLE.parts = False, False
        return output.encode("utf-8", errors="xmlcharrefreplace")


_WHOLE = threading.local()  # `parts`: the theme's parts are rendered whole on this thread (`_FirstLook`)


class _Look(NamedTuple):
    """What the first look at a save needs of the last build (`_FirstLook`), kept whole while the next build runs."""
    site: content.Site
    layout: content.Layout
    files: Any
    nav: Any
    config: Any
    env: Any
    in_nav: set[str]
    target: Path
    generated: set[str]  # the pages and files it generated, which links may lead to
    hidden: set[str]  # its drafts and scheduled items, which links may not lead to


def _write_page(dest: Path, data: bytes) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)  # a page added since the site was built
    placing.write_replacing(dest, data)


def on_env(env, config, files):
    _take_elsewhere()  # if MkDocs did not walk the copy's pages (`--dirty`)
    # MkDocs' Jinja does not escape: a title or description would reach the page as HTML.
    env.autoescape = True
    if _Build.cache.folder is not None:  # Material's templates compiled once, not on every rebuild of `mkdocs serve`
        (_Build.cache.folder / "jinja").mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = FileSystemBytecodeCache(str(_Build.cache.folder / "jinja"))
    env.globals["content_security_policy"] = "" if _Build.serving else safety.CONTENT_SECURITY_POLICY
    _Build.shared = {}  # this build's: the nav can change between two builds of `mkdocs serve`
    _Build.env = env
    _Build.skeletons = None if _Build.cache.folder is None else skeletons.Skeletons()

    def once(name, page, caller):
        """A part of the theme that is the same on every page out of the nav whose links to the nav's pages (and
        to the site's assets) are written the same way, rendered once: MkDocs writes a link relative to the page,
        so `van-ban/nam/2020/` and `tin-tuc/nam/2020/` link to `van-ban/` differently. The page gets a hole where
        it goes, filled when the page is kept (cchc/shared_parts.py)."""
        if _Build.cache.folder is None or getattr(_WHOLE, "parts", False):  # a build that reuses nothing
            return caller()  # (CCHC_CACHE=off: the reference for tests), or the first look at a save
        if written[0] != page.url:  # a page's four parts come one after another: its links worked out once
            links = tuple(get_relative_url(url, page.url) for url in targets)
            written[:] = page.url, links, holes.setdefault(links, {})
        _url, links, way = written
        if name not in way:
            way[name] = shared_parts.hole(name, targets, links)
        part, hole = way[name]
        if part not in _Build.shared and not _Build.probing:
            _Build.shared[part] = str(caller()).encode("utf-8", errors="xmlcharrefreplace")
        return Markup(hole)

    # The footer links the English section and the portal's managing departments too (overrides/partials/copyright.html).
    targets = tuple(sorted(_Build.nav_urls | {"", "assets/", "tim-kiem/", f"{english.ROOT}/"}
                           | {row[2] for row in _Build.portal.rows if row[2]}))
    holes: dict[tuple, dict] = {}  # by the way links are written: each part's name and hole (a few dozen ways)
    written: list = [None, (), {}]  # the last page's URL, its links, and their way's holes
    env.globals["cchc_once"] = once
    env.globals["cchc_t"] = _words(env, config.theme["language"])
    env.globals["cchc_in_nav"] = _Build.in_nav
    env.globals["cchc_sitemap"] = lambda files: Markup(sitemap.xml(files))  # overrides/sitemap.xml
    env.globals["cchc_portal"] = _Build.portal
    _PlacedPages.quiet()  # the pages are written next (MkDocs' `on_env` comes after it read them all)
    _noted_unwalked(files, config)  # every page walked is read: its anchors known
    if _Build.searching is not None:  # every page read and converted: its search text known
        # Made by a process of its own while MkDocs writes the pages; the texts are then needed no more.
        docs, names = _search_documents(_Build.site, _Build.texts, _Build.titles_rendered)
        _Build.searching.hand_over(docs, names, _Build.cache, Path(config.site_dir))
        _Build.texts = {}
    return env


def _words(env, language: str):
    """Material's `lang.t(key)` (overrides/partials/language.html): its word for `key` in the theme's language, else
    in English, else the key; each looked up once a build."""
    chosen = env.get_template(f"partials/languages/{language}.html").module
    english = env.get_template("partials/languages/en.html").module
    return lru_cache(maxsize=None)(lambda key: chosen.t(key) or english.t(key) or key)


def _search_documents(site, texts: dict, titles: dict) -> tuple[list[search.SearchDoc], dict[str, str]]:
    """The documents the search index is made of, and the departments' names."""
    rendered = {uri: (titles[uri], *text) for uri, text in texts.items()}
    return search.documents(site, rendered), {code: d["name"] for code, d in site.departments.items()}


def on_files(files, config):
    site = _Build.site
    if _Build.problems:  # every address the last preview had, generated ones included, shows the errors
        for uri in sorted((_Build.shown | set(_nav_files(config.nav))) - {f.src_uri for f in files}):
            files.append(File.generated(config, uri, content="", inclusion=InclusionLevel.NOT_IN_NAV))
        for path, data in _static_files(files, config).items():  # the web editor too, to fix the mistakes
            files.append(File.generated(config, path, content=data))
        _add_vendor_files(files, config)
        _Build.html_pages, _Build.titles = {}, {}
        return files
    generated = portal_pages.portal_pages(site, config.site_url or "", _Build.portal)
    clashes = portal_pages.clashes(site, generated)
    if clashes:
        raise PluginError("Nội dung trùng địa chỉ trang cổng tự tạo, chưa dựng trang:\n"
                          + "\n".join(p.format() for p in clashes))
    # Kinds whose files sit outside docs/ (plans/): their pages are generated, drafts only in the preview, each rendered
    # when read (`_RenderedWhenRead`): a rebuild keys most of them as before, from what their renderer read.
    outside = {e.src_uri: (item_pages.title(e, site), e) for e in site.pages.values()
               if e.kind.sources != "docs" and e.kind.renderer and (_Build.serving or e.src_uri not in _Build.hidden_uris)}
    pages = generated
    _Build.html_pages = {uri: page for uri, (_title, page) in pages.items() if isinstance(page, (html.HtmlPage, html.Listed))}
    for title, entry in outside.values():
        files.append(_RenderedWhenRead.entry_page(config, entry, title))
    for uri, (_title, page) in pages.items():
        if isinstance(page, html.Listed):
            files.append(_MadeWhenRead.listing(config, uri, page))
            continue
        source = page.source if isinstance(page, html.HtmlPage) else page
        files.append(File.generated(config, uri, content=source, inclusion=InclusionLevel.NOT_IN_NAV))
    static = _static_files(files, config)
    _add_vendor_files(files, config)
    _Build.generated = set(pages) | set(outside) | set(static)
    broken = links.broken(site, _Build.generated, Path(config.docs_dir), _Build.hidden_uris)
    if broken:
        raise PluginError("Liên kết hỏng, chưa dựng trang:\n" + "\n".join(p.format() for p in broken))
    for path, data in static.items():  # files MkDocs knows, so links to them are checked
        files.append(File.generated(config, path, content=data))
    titles = {uri: title for uri, (title, _content) in (pages | outside).items()}

    for item in _Build.hidden:  # drafts and scheduled news appear nowhere (but in the preview, with a banner)
        if files.get_file_from_path(item.src_uri) and not _Build.serving:  # a plan's page is generated: not written
            files.remove(files.get_file_from_path(item.src_uri))
    for uri, entry in site.pages.items():
        if entry.kind.folder and uri in files.src_uris:  # items of a kind: listed by the portal, not the nav
            files.src_uris[uri].inclusion = InclusionLevel.NOT_IN_NAV
            titles[uri] = item_pages.title(entry, site)
    _Build.titles = titles
    in_nav, update_date = set(_nav_files(config.nav)), get_build_date()
    for file in files.documentation_pages():
        if file.inclusion is InclusionLevel.NOT_IN_NAV and file.src_uri not in in_nav:
            _PageOutOfNav(None, file, config, update_date)
    return files


class _MadeWhenRead(File):
    """A listing page (`html.Listed`) as MkDocs' generated file, its source made only when read: a rebuild keys it by
    what it shows (`_parts_key`) and places it unread if that is unchanged."""

    listed: html.Listed

    @classmethod
    def listing(cls, config, uri: str, listed: html.Listed) -> "_MadeWhenRead":
        file = cls.generated(config, uri, content="", inclusion=InclusionLevel.NOT_IN_NAV)
        file.listed = listed
        return file

    @property
    def content_string(self) -> str:
        return self.listed.page.source

    @property
    def content_bytes(self) -> bytes:
        return self.content_string.encode()


class _RenderedWhenRead(File):
    """The generated page of an entry whose file sits outside docs/ (a plan's), its Markdown rendered only when read,
    noting what its renderer read (`_rendered_noting`): a rebuild keys it as before where that is unchanged
    (`_keyed_as_before`), as it keys the pages of docs/, and renders a thousand plans' pages no more."""

    entry: Any
    title: str
    _made: str | None = None

    @classmethod
    def entry_page(cls, config, entry, title: str) -> "_RenderedWhenRead":
        file = cls.generated(config, entry.src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV)
        file.entry, file.title, file._made = entry, title, None
        return file

    @property
    def content_string(self) -> str:
        if self._made is None:
            site_url = _Build.config.site_url or ""
            added, updated = _meta_added(self.src_uri, site_url, _Build.site, self.title)
            context = item_pages.PageContext(site_url, remember=_Build.cache.remember)
            self._made = _rendered_noting(self.entry, _Build.site, site_url, _completed({}, dict(added)), added, updated,
                                          context, _Build.inputs)
        return self._made

    @property
    def content_bytes(self) -> bytes:
        return self.content_string.encode()


class _PageOutOfNav(mkdocs_pages.Page):
    """A page out of the nav as MkDocs makes it once it has built the nav (`get_navigation`), made here, its address
    joined to the site's without parsing the site's address again (`site_address`), and the build's date read once
    (MkDocs reads the clock for each page: 0.04 s of a rebuild at 10,000 documents). MkDocs 1.6's `Page.__init__`,
    the last 1.x: `tests/test_portal_hooks.py` compares every attribute with the page MkDocs makes."""

    def __init__(self, title: str | None, file, config, update_date: str) -> None:
        file.page, self.file = self, file
        if title is not None:
            self.title = title
        self.children = self.previous_page = self.next_page = None
        self.active = False
        self.update_date = update_date
        self._set_canonical_url(config.get("site_url", None))
        self._set_edit_url(config.get("repo_url", None), config.get("edit_uri"), config.get("edit_uri_template"))
        self.markdown, self._title_from_render, self.content, self.toc, self.meta = None, None, None, [], {}

    def _set_canonical_url(self, base: str | None) -> None:
        if not base:
            return super()._set_canonical_url(base)
        self.canonical_url, self.abs_url = site_address.joining(base if base.endswith("/") else base + "/")(self.url)


def _nav_files(items) -> list[str]:
    """The pages mkdocs.yml's nav names (the portal generates most of them)."""
    found = []
    for item in items or []:
        for value in (item.values() if isinstance(item, dict) else [item]):
            found += _nav_files(value) if isinstance(value, list) else [value] if str(value).endswith(".md") else []
    return found


def _head_links(uri: str, entry, site_url: str) -> list:
    """The feeds a page advertises: the portal's, and its department's or its news category's. Pages share a
    handful of these sets, each made once a build (once per page, they were 4% of a rebuild at 10,000 documents);
    the theme only reads them."""
    department = (entry["code"], entry["name"]) if entry is not None and entry.kind is content.DEPARTMENT else None
    category = uri.split("/")[2] if uri.startswith("tin-tuc/chuyen-muc/") else None
    links = _Build.head_links.get((department, category))
    if links is None:
        refs = subscriptions.site_feeds()
        if department:
            refs.append(subscriptions.department_feed(*department))
        if category:
            refs.append(subscriptions.category_feed(category))
        links = _Build.head_links[department, category] = subscriptions.head_links(
            [ref for ref in refs if ref.slug in _Build.filled_feeds], site_url)
    return links


def on_nav(nav, config, files):
    inclusion = _inclusion()
    static = [file for file in files if not file.is_documentation_page() and inclusion(file.inclusion)]
    for file in static:
        file.copy_file = partial(_place_static, file)
    _Build.copies = source_signatures.Signatures(_recorded(_COPIED) or {},
                                                 Path(config.config_file_path).parent)
    _Build.spare_index = None  # known once the spare is taken over (`_took_spare`)
    # What this build writes of MkDocs' files, known now, none of it written yet: the site's record lists it, with the
    # theme's templates (`on_post_template`) and the outputs, instead of listing the site's 13,000 folders at its end.
    _Build.site_files = ({f.dest_uri for f in files.documentation_pages(inclusion=inclusion)}
                         | {file.dest_uri for file in static})
    if _Build.spare is not None:
        _Build.spare.hand(_Build.site_files)
    _Build.in_nav = {p.file.src_uri for p in nav.pages}
    _Build.nav_urls = {p.url for p in nav.pages}
    _Build.shell = ""  # known once every page has its title: at the first page the theme renders
    _Build.shell_key, _Build.made, _Build.unwalked, _Build.notes, _Build.files = "", {}, set(), {}, files
    _Build.notes_before = {}
    _Build.nav, _Build.config = nav, config
    _Build.converted_texts, _Build.converted_made = {}, {}
    if _Build.site is not None and _Build.cache.folder is not None:
        _unwalked(nav, config, files)
    _took_spare()
    if _Build.site is not None and _Build.cache.folder is not None:
        _read_parts_ahead(files)
        _convert_elsewhere(config, files)
    return nav


def _took_spare() -> None:
    """The spare's files this build writes again moved into the folder it builds in, once its listing process removed
    the others (`site_swap.Spare`; the search index's kept whole, where its process writes it: a rebuild's are most of
    them unchanged). From then the pages are written, by a process of their own."""
    if _Build.spare_index is None:
        _Build.spare_index = _Build.spare.reuse() if _Build.spare is not None else set()
        _Build.cache.place_elsewhere()


def _inclusion() -> Callable:
    """Which of MkDocs' files this build writes: the preview its drafts and scheduled items too."""
    return InclusionLevel.is_in_serve if _Build.serving else InclusionLevel.is_included


def _place_static(file, _dirty: bool = False) -> None:
    """MkDocs' `File.copy_file` for the files besides the pages (the theme's assets, the web editor, the schemas): put
    in place as a page is, by a link to the same bytes kept in the cache (`Cache.place`), left as it is where the
    spare the build took over has it: MkDocs copied their 240 files (9.4 MB) into every build's folder again. A file
    whose signature is the one a build noted (`_COPIED`) is known by the digest noted with it: not read and hashed
    again."""
    source = Path(file.abs_src_path) if file.abs_src_path else None
    if source is not None:
        digest = _Build.copies.unchanged(source)
        if digest is not None and _Build.cache.place_kept(digest, file.abs_dest_path):
            return
    digest = _Build.cache.place(file.content_bytes, file.abs_dest_path)
    if source is not None and digest:
        _Build.copies.read(source, digest)


def _made_for(file, site_url: str) -> tuple:
    """`_page_made` for a page before MkDocs walks it."""
    entry = _Build.site.pages.get(file.src_uri)
    markdown, meta = ((entry.body, entry.front_matter) if entry is not None and file.generated_by is None
                      else get_data(file.content_string))  # as MkDocs reads a page
    return _page_made(file.src_uri, markdown, meta, site_url, _Build.site, _Build.titles.get(file.src_uri),
                      _Build.cache.remember, _Build.inputs)


def _unwalked(nav, config, files) -> None:
    """A page out of the nav that a build of the same code made before from the same parts, inside the same nav, is
    put in place now, and MkDocs does not walk it: marked excluded, it is neither read, converted, rendered nor
    written (12,900 pages walked only to find them unchanged were half of a rebuild at 10,000 documents). MkDocs
    still knows it: links to it are written, and the sitemap lists it with its date. What the build's other outputs
    take from a page (its title, parts' key, source) is noted as the walk would.

    The nav as built (the shell of every page's key) is known only once its pages are converted: the cache keeps it
    under what it is made of, the nav's pages as made and the portal's footer. A build whose nav is new walks every
    page, as the first build does."""
    _take_ahead()
    site_url = config.site_url or ""
    shell_parts = [json.dumps([_Build.portal.rows, _Build.portal.links], ensure_ascii=False)]
    for page in nav.pages:  # walked: made now, for the shell's key, and not again
        made, meta, _date = _Build.made[page.file.src_uri] = _made_for(page.file, site_url)
        shell_parts += [page.file.src_uri, build_cache.value_bytes(meta), _titled_by(page, made, meta, config, files)]
    _Build.shell_key = _Build.cache.key("shell", *shell_parts)
    shell = _Build.cache.entry(_Build.shell_key)
    if shell is None:
        return
    _Build.shell = shell.decode("ascii")
    notes = _Build.notes_before = _recorded(_NOTES) or {}
    newest = max((updated for _made, _meta, updated in _Build.made.values()), default="")  # the nav's pages'
    inclusion = _inclusion()
    out_of_nav = [file for file in files.documentation_pages(inclusion=inclusion) if file.src_uri not in _Build.in_nav]
    # Each page out of the nav whose key is known before its walk: (its file, its parts' key, own, page, title, date).
    keyed = [(file, *found) for file, found in zip(out_of_nav, _keyed_shared(out_of_nav, site_url, newest)) if found]
    _took_spare()
    seen = _Build.spare.seen if _Build.spare is not None else {}
    placed = _Build.placed = _Build.cache.place_pages(
        [(page, file.abs_dest_path) for file, _key, _own, page, *_ in keyed],
        _recorded(_PLACED) or {},
        {file.abs_dest_path: seen[file.dest_uri] for file, *_ in keyed if file.dest_uri in seen})
    for file, key, own, page, title, updated in keyed:
        if page not in placed:
            continue
        uri = file.src_uri
        _Build.made.pop(uri, None)
        file.inclusion = InclusionLevel.EXCLUDED
        noted = notes.get(uri)
        file.page.update_date = updated
        file.page.present_anchor_ids = _KeptAnchors(key, noted[3] if noted and noted[0] == key and len(noted) > 3 else None)
        _Build.unwalked.add(uri)
        _Build.part_keys[uri], _Build.owns[uri] = key, own
        _Build.titles_rendered[uri] = title
        _Build.sources[file.dest_uri] = _source_of(uri)
    if _Build.unwalked:
        log.info(f"{len(_Build.unwalked)} trang không đổi so với lần dựng trước: giữ nguyên, không dựng lại.")


def _keyed(file, site_url: str, newest: str) -> tuple | None:
    """A page out of the nav made again (`_made_for`, kept for its walk), and keyed: its parts' key, its own, its
    page's, its title and date; None for a page walked whatever the cache holds. A page whose renderer would read the
    same of the site as the last build's did (`_INPUTS`) is not made again: it is what it was."""
    uri = file.src_uri
    known = _Build.inputs_before.get(uri)
    if known is not None:
        found = _keyed_as_before(file, known, site_url, newest)
        if found is not None:
            return found
    listed = isinstance(file, _MadeWhenRead)
    if listed:  # named by what it shows (`_parts_key`), not made: no settings of its own, only what the build adds
        made, meta, updated = _page_made(uri, "", {}, site_url, _Build.site, _Build.titles.get(uri), _Build.cache.remember)
    else:
        made, meta, updated = _Build.made[uri] = _made_for(file, site_url)
    title = meta.get("title")
    # Walked: a page titled by its first heading (known once converted), and one newer than every nav page
    # (MkDocs dates sitemap.xml.gz by the newest page it walks).
    if not isinstance(title, str) or updated > newest:
        return None
    key = _parts_key(uri, "" if listed else _written(uri, made)[1])
    own = _Build.cache.key("own", uri, file.page.url, key, title, _settings_named(uri, meta))
    return key, own, _Build.cache.key("page", _Build.shell, own), title, updated


def _settings_named(uri: str, meta: dict) -> bytes:
    """What names a page's settings in its own key. A page its renderer made from reads it could name
    (`_rendered_noting`) has settings that what it was given and what it read decide, the renderer's additions
    included: those two name them, not the settings themselves (a procedure's are 8 KB to pickle: 0.8 s of the
    13,000 pages of a build from scratch). Any other page: its settings."""
    made_of = _Build.inputs.get(uri)
    return build_cache.value_bytes(meta if made_of is None else made_of[:2])


def _keyed_as_before(file, known: list, site_url: str, newest: str) -> tuple | None:
    """`_keyed` of a page made by its renderer, from the last build's record of it (`_inputs_record`), if what made it
    is the same (`_as_before`, compared ahead where the copy compared it with the title the page has)."""
    uri = file.src_uri
    if file.generated_by is not None and not isinstance(file, _RenderedWhenRead):
        return None
    title = _Build.titles.get(uri)
    ahead = _Build.ahead.get(uri) if isinstance(_Build.ahead, dict) else None
    found = ahead[1] if ahead is not None and ahead[0] == title else _as_before(uri, known, site_url, title)
    if found is None or found[1] > newest:
        return None
    reads, updated = found
    given, _reads, key, own, page_title = known
    _Build.inputs[uri] = given, reads, page_title
    return key, own, _Build.cache.key("page", _Build.shell, own), page_title, updated


def _as_before(uri: str, known: list, site_url: str, title: str | None) -> tuple[list, str] | None:
    """What made the page of `uri`, given its title, compared with the last build's record of it: its entry and what
    it is given (its settings as written are its source's: not read), and each read of the site (each compared once
    for all the pages that read it). The reads as recorded and the page's date; None where anything differs."""
    given, reads, *_rest = known
    site = _Build.site
    entry = site.pages.get(uri)
    if entry is None or not entry.kind.renderer:
        return None
    added, updated = _meta_added(uri, site_url, site, title)
    if _given(entry, site_url, added, updated) != given or not _Build.reads_before.same(reads):
        return None
    return _Build.reads_before.named(reads), updated


def _compare_ahead(site_url: str) -> None:
    """The pages the last build's renderers made (`_INPUTS`) are compared with this site (`_as_before`) by a copy of
    the build (`cchc.forked`) while the build lists its files and makes its listings: on the second core, idle then,
    instead of on the build's path in `on_nav` (10,000 pages, 0.2 s of a rebuild at 10,000 documents). The copy
    takes each page's title as `on_files` will give it (`_entry_title`); a page whose title turns out otherwise is
    compared again by the build."""
    _Build.ahead = None
    uris = [uri for uri in _Build.inputs_before if uri in _Build.site.pages and uri not in _Build.hidden_uris]
    if not _may_fork() or _Build.cache.folder is None or len(uris) < _split_from():
        return
    answering = forked.Answering(_Build.cache.entry)
    _Build.ahead = forked.Forked(partial(_ahead_share, uris, site_url, answering), _Build.cache.code,
                                 _Build.cache.started, plain=(PluginError, content.SourceChanged), answering=answering)


def _ahead_share(uris: list[str], site_url: str, answering, cache) -> tuple[dict[str, tuple], dict[int, bool]]:
    """In the copy of the build: each page compared (`_compare_ahead`), with the title it was compared with; and each
    read of the site compared (`ReadsBefore.compared`)."""
    _as_copy(cache)
    _Build.asking = answering
    compared = {}
    for uri in uris:
        known = _Build.inputs_before[uri]
        # A page that reads what renderers make as the build goes is compared by the build; its other reads here
        # (200 departments' pages: 0.06 s of a 10,000-document rebuild).
        if _Build.reads_before.changing(known[1]):
            _Build.reads_before.same(_Build.reads_before.steady(known[1]))
            continue
        title = _entry_title(_Build.site.pages[uri], _Build.site)
        compared[uri] = title, _as_before(uri, known, site_url, title)
    return compared, _Build.reads_before.compared()


def _entry_title(entry, site) -> str | None:
    """The title `on_files` gives the page of an entry: its own for the items of a kind and the pages generated from
    plans/, none for the others."""
    if entry.kind.folder or (entry.kind.sources != "docs" and entry.kind.renderer):
        return item_pages.title(entry, site)
    return None


def _take_ahead() -> None:
    """What the copy compared ahead (`_compare_ahead`), once the build needs it."""
    if isinstance(_Build.ahead, forked.Forked):
        copy, _Build.ahead = _Build.ahead, None
        try:
            _Build.ahead, reads = copy.result(_Build.cache)
        except forked.ForkedError as error:
            raise PluginError(str(error)) from None
        _Build.reads_before.learn(reads)
        log.info(f"{len(_Build.ahead)} trang do tiến trình thứ hai so trước với lần dựng trước.")


def _keyed_shared(out_of_nav: list, site_url: str, newest: str) -> list[tuple | None]:
    """`_keyed` for each page, in order: those found as before by the copy that compared them ahead
    (`_compare_ahead`) at once, the others shared (`_keyed_shared_by_turns`)."""
    ahead = _Build.ahead if isinstance(_Build.ahead, dict) else {}
    if ahead:  # those found as before ahead are keyed at once; the others (listings, pages made again) shared
        rest = [file for file in out_of_nav if ahead.get(file.src_uri, (None, None))[1] is None]
        keyed = dict(zip((file.src_uri for file in rest), _keyed_shared_by_turns(rest, site_url, newest)))
        return [keyed[file.src_uri] if file.src_uri in keyed else _keyed(file, site_url, newest) for file in out_of_nav]
    return _keyed_shared_by_turns(out_of_nav, site_url, newest)


def _keyed_shared_by_turns(out_of_nav: list, site_url: str, newest: str) -> list[tuple | None]:
    """`_keyed` for each page, in order, shared with a copy of the build (`cchc.forked`) that keys them from the last
    while the build keys them from the first: ten thousand pages made again only to key them are a quarter of a
    rebuild, the second core idle meanwhile. The copy reads nothing from the cache (`cchc.forked`): what a renderer
    remembers (a procedure's page) it makes again. A page the copy keyed is not kept made: its walk, if it has one
    after all, makes it."""
    if not _may_fork() or len(out_of_nav) < _split_from():
        return [_keyed(file, site_url, newest) for file in out_of_nav]
    # The copy's questions are answered by a thread of the build through the build's connection, as the preview's
    # outputs thread uses it: Python's SQLite is serialized (`sqlite3.threadsafety` 3).
    meeting, answering = forked.Meeting(len(out_of_nav)), forked.Answering(_Build.cache.entry)
    copy = forked.Forked(partial(_key_share, out_of_nav, meeting, site_url, newest, answering), _Build.cache.code,
                         _Build.cache.started, plain=(PluginError, content.SourceChanged), answering=answering)
    mine = []
    try:
        for index, file in enumerate(out_of_nav):
            if not meeting.mine(index):
                break
            mine.append(_keyed(file, site_url, newest))
    except BaseException:
        copy.cancel()
        raise
    try:
        theirs = copy.result(_Build.cache)
    except forked.ForkedError as error:
        raise PluginError(str(error)) from None
    theirs, inputs = theirs
    _Build.inputs.update(inputs)
    log.info(f"{len(theirs)} trang do tiến trình thứ hai làm lại song song để so với lần dựng trước.")
    return mine + [theirs[file.src_uri] for file in out_of_nav[len(mine):]]


def _key_share(out_of_nav: list, meeting, site_url: str, newest: str, answering, cache
               ) -> tuple[dict[str, tuple | None], dict]:
    """In the copy of the build: its share of the pages out of the nav, keyed (`_keyed`), by page; and what their
    renderers read (`_Build.inputs`). The page parts of the checks of the pages it makes again it asks of the build."""
    _as_copy(cache)
    _Build.asking = answering
    keyed = {out_of_nav[index].src_uri: _keyed(out_of_nav[index], site_url, newest) for index in meeting.from_last()}
    return keyed, {uri: _Build.inputs[uri] for uri in keyed if uri in _Build.inputs}


# Pages to convert from which a copy of the build converts half of them: below it, the copy costs more than it saves.
# `CCHC_SPLIT_FROM` sets another (tests split a small site's build).
SPLIT_FROM = 200


def _convert_elsewhere(config, files) -> None:
    """The pages MkDocs will walk are converted from the last by a copy of the build on the second core
    (`cchc.forked`) while MkDocs converts them from the first, when no build of this code finished before (as for the
    sources' checks, `_check_elsewhere`): a build from scratch at 10,000 documents waits on one core for its pages'
    Markdown, and its search process starts only after. The build takes the copy's entries when it meets the first
    of them (`_take_elsewhere`), and goes on with them as a rebuild goes on with a previous build's."""
    if not _may_fork() or _built_before():
        return
    inclusion = _inclusion()
    walked = [f for f in files.documentation_pages(inclusion=inclusion) if f.src_uri not in _Build.in_nav]
    if len(walked) < _split_from():
        return
    meeting = forked.Meeting(len(walked))
    order = {file.src_uri: index for index, file in enumerate(walked)}
    _elsewhere(lambda uri: uri not in order or meeting.mine(order[uri]),
               partial(_convert, walked, meeting, config, files), _converted)


def _may_fork() -> bool:
    """Not in a process running threads of its own (a copy made by `fork` would hold their locks): the preview's
    first build, before MkDocs' server starts, but none after; nor where there is no `fork`."""
    return forked.AVAILABLE and threading.active_count() == 1


def _built_before() -> bool:
    """A build of this code finished before: most of what this one checks and converts is in the cache, and a copy
    of the build would do it again."""
    return bool(_Build.cache.present([_Build.cache.key(_NOTES)]))


def _split_from() -> int:
    return int(os.environ.get("CCHC_SPLIT_FROM") or SPLIT_FROM)


_NOT_CLOSED = []  # in the copy: the build's cache, whose SQLite connection the copy must never close


def _as_copy(cache) -> None:
    """In the copy of the build: `cache` (`forked`'s, its entries handed back) in place of the build's."""
    _NOT_CLOSED.append(_Build.cache)
    _Build.cache = cache


def _convert(walked: list, meeting, config, files, cache) -> tuple[int, dict, dict, dict]:
    """In the copy of the build: its share of the pages walked, converted as MkDocs converts them, their converted
    parts kept in `cache` (handed back to the build's); how many, and by page what the build would otherwise make of
    them again: their search texts, settings, dates and parts' keys, and what a renderer's page read of the site."""
    _as_copy(cache)
    done = []
    for index in meeting.from_last():  # each claimed as the one before is done
        file = walked[index]
        done.append(file)
        if file.page is None:
            mkdocs_pages.Page(None, file, config)
        _populate_page(file.page, config, files, _Build.dirty)
        _Build.html.pop(file.src_uri, None)  # its HTML is in the cache: the build reads it from there
        file.page.content = None
    uris = [file.src_uri for file in done]
    return (len(done), {uri: _Build.texts[uri] for uri in uris if uri in _Build.texts},
            {file.src_uri: (file.page.meta, file.page.update_date, _Build.part_keys[file.src_uri]) for file in done},
            {uri: _Build.inputs[uri] for uri in uris if uri in _Build.inputs})


def _converted(result: tuple[int, dict, dict, dict]) -> None:
    count, _Build.converted_texts, _Build.converted_made, inputs = result
    _Build.inputs.update(inputs)
    log.info(f"{count} trang do tiến trình thứ hai chuyển đổi song song.")


def _elsewhere(mine: Callable[[str], bool], work, done: Callable[[Any], None]) -> None:
    """`work(cache)` done meanwhile by a copy of the build (`cchc.forked`); the build asks `mine` of each text or page
    before it does it, takes what the copy did (`_take_elsewhere`) at the first that is not, and calls `done` with it."""
    _Build.elsewhere = _Elsewhere(mine, forked.Forked(work, _Build.cache.code, _Build.cache.started,
                                                      plain=(PluginError,)), done)


def _take_elsewhere() -> None:
    """What the copy of the build did meanwhile, once it is done: its entries in the build's cache; its result given
    to `done`."""
    if _Build.elsewhere is None:
        return
    _mine, copy, done = _Build.elsewhere
    _Build.elsewhere = None
    try:
        result = copy.result(_Build.cache, hold=True)  # the HTML of the pages it converted, read next (`_with_html`)
    except forked.ForkedError as error:
        raise PluginError(str(error)) from None
    done(result)


def _source_of(uri: str) -> str:
    """The file an editor would fix for a page (`site_check.record`)."""
    entry = _Build.site and _Build.site.pages.get(uri)
    return entry.source if entry else f"trang sinh tự động ({uri})"


def _titled_by(page, made, meta: dict, config, files) -> str:
    """A nav page's title, if neither the nav nor its meta names it: its first heading, converted now (the page's
    Markdown is not what to key the shell by: the home page's latest news, which most edits change, are not its
    title)."""
    if "title" in page.__dict__ or isinstance(meta.get("title"), str):
        return ""
    page.markdown = _written(page.file.src_uri, made)[1]
    _Converter.of(config, files).render(page)  # converted again as the walk reads it
    return page._title_from_render or ""


class _KeptAnchors:
    """The anchors of a page not walked, for MkDocs' check of links to them: as the last build noted them (`noted`,
    for a page linked to: `_notes_record`), else read from its parts if a page links to one (1,200 pages' parts read
    one by one were 0.05 s of a rebuild at 10,000 documents)."""

    def __init__(self, key: str, noted: list[str] | None = None):
        self.key, self._ids = key, None if noted is None else set(noted)

    def __contains__(self, anchor: str) -> bool:
        return anchor in self.ids

    @property
    def ids(self) -> set[str]:
        if self._ids is None:
            self._ids = set((_Build.cache.parts(self.key) or {}).get("anchors", ()))
        return self._ids


def _noted_unwalked(files, config) -> None:
    """What the build needs of each page not walked that its parts say (read from the last build's notes of them, or
    from the parts): its search text's digest, which names its search run, and its links to anchors, checked as
    MkDocs checks the others' (the page linked to may have changed)."""
    notes, _Build.notes_before = _Build.notes_before, {}  # not held past this: the preview lives through many saves
    if not _Build.unwalked:
        return
    for uri in sorted(_Build.unwalked):
        key = _Build.part_keys[uri]
        noted = notes.get(uri)
        if not (noted and noted[0] == key):
            parts = _Build.cache.parts(key) or {}
            noted = (key, parts.get("links", {}), parts.get("search", ""))
        _key, links, named = _Build.notes[uri] = tuple(noted[:3])
        if named:
            _Build.texts[uri] = (None, "", key, named)
        if links:
            page = files.src_uris[uri].page
            page.links_to_anchors = _linked_files(links, files)
            page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)


_NOTES = "pages' notes"  # the cache's entry of what the next build needs of each page before its walk (`_noted_unwalked`)
_INPUTS = "pages' inputs"  # the cache's entry of what made each renderer's page, and what the page was (`_keyed`)
_COPIED = "copied files"  # the cache's entry of the signature and digest of each file besides the pages (`_place_static`)
_PLACED = "pages' bytes"  # the cache's entry of the digest of each page's bytes, by its key (`_Build.placed`)
_CHECKS = "sources' checks"  # the cache's entry of the checks a build read, by key (`_record_checks`)


def _notes_record() -> dict[str, tuple]:
    """Each page's notes (`_Build.notes`), with its anchors where a page links to one of them: the next build checks
    those links to a page it does not walk from them (`_KeptAnchors`)."""
    record = dict(sorted(_Build.notes.items()))  # in one order, whichever process noted which page first
    for uri in {target for _key, links, _named in _Build.notes.values() for target in links} & record.keys():
        anchors = _Build.files.src_uris[uri].page.present_anchor_ids
        record[uri] += (sorted(anchors.ids if isinstance(anchors, _KeptAnchors) else anchors or ()),)
    return record


def _inputs_record() -> dict:
    """Each page made by its renderer and put in place as such: the digest of what it was given (`_given`), its reads
    of the site (places in one table of them, each with its digest), its parts' key, its own key and its title (a
    page titled otherwise than its settings say, by its first heading, is keyed by its walk)."""
    kept = {}
    for uri, (given, reads, title) in _Build.inputs.items():
        key, own = _Build.part_keys.get(uri), _Build.owns.get(uri)
        if key and own and title and title == _Build.titles_rendered.get(uri):
            kept[uri] = given, reads, key, own, title
    table, places = page_inputs.indexed({uri: reads for uri, (_given, reads, *_rest) in kept.items()})
    return {"reads": table,
            "pages": {uri: [given, places[uri], key, own, title]
                      for uri, (given, _reads, key, own, title) in sorted(kept.items())}}


def on_post_template(output_content, template_name, config):
    if output_content.strip():  # written by MkDocs, as `_build_theme_template` does: a sitemap with its gzipped copy
        # A new set, not the one `on_nav` made changed in place: nothing else holding it sees this build's templates.
        _Build.site_files = _Build.site_files | (
            {template_name, f"{template_name}.gz"} if template_name == "sitemap.xml" else {template_name})
    return output_content


def on_template_context(context, template_name, config):
    if template_name == "sitemap.xml" and _Build.unwalked:  # MkDocs lists the pages it walked: the others too
        context["pages"] = [file for file in _Build.files if file.is_documentation_page()
                            and (file.inclusion.is_included() or file.src_uri in _Build.unwalked)]
    return context


def on_pre_page(page, config, files):
    entry = _Build.site and _Build.site.pages.get(page.file.src_uri)
    if entry is not None and page.file.generated_by is None:  # read and checked already: not parsed again
        page.read_source = lambda config: _read_from(page, entry)
    return page


def _read_from(page, entry) -> None:
    page.markdown, page.meta = entry.body, entry.front_matter


def on_page_markdown(markdown, page, config, files):
    uri = page.file.src_uri
    if _Build.problems:
        shown = portal_pages.problems_page(uri, _Build.problems)
        page.meta["title"] = "Nội dung có lỗi"
        page.render = lambda config, files: _render_written(page, shown, _Converter.of(config, files), files)
        return shown.source
    if _Build.elsewhere is not None and not _Build.elsewhere.mine(uri):
        _take_elsewhere()
    # Made and converted by the copy of the build: its parts are in the cache, its settings handed back (made again
    # here, the copy's half of ten thousand pages were two seconds on one core, the other idle).
    elsewhere = _Build.converted_made.pop(uri, None)
    parts = elsewhere and _Build.cache.parts(elsewhere[2])
    if parts:
        page.meta, page.update_date, key = elsewhere
        written, source = None, ""
    else:
        made, page.meta, page.update_date = (_Build.made.pop(uri, None)
                                             or _page_made(uri, markdown, page.meta, config.site_url or "", _Build.site,
                                                           _Build.titles.get(uri), _Build.cache.remember, _Build.inputs))
        written, source = _written(uri, made)
        key = _parts_key(uri, source)
        parts = _Build.cache.parts(key)
    _Build.part_keys[uri] = key
    if parts is not None:  # converted before from the same Markdown by the same code: not converted again
        page.render = lambda config, files: _render_from(page, parts, _LEFT_IN_CACHE, files)  # read where needed
        _Build.from_cache.add(uri)
        if parts["search"]:  # its texts are read from the cache only if the search index needs them
            _Build.texts[uri] = _Build.converted_texts.pop(uri, None) or (None, "", key, parts["search"])
    elif written is not None:  # written as HTML: only an editor's text in it is Markdown
        page.render = lambda config, files: _render_written(page, written, _Converter.of(config, files), files)
    else:
        page.render = lambda config, files: _Converter.of(config, files).render(page)
    return source


def _written(uri: str, made) -> tuple[html.HtmlPage | None, str]:
    """A page's HTML if written as such, and what MkDocs is given (its Markdown, or its HTML as its source)."""
    written = made if isinstance(made, html.HtmlPage) else _Build.html_pages.get(uri)
    if isinstance(written, html.Listed):
        written = written.page
    return written, written.source if written is not None else made


def _parts_key(uri: str, source: str) -> str:
    """The key of a page's converted parts: its source names them, or a listing page's name (`html.Listed.key`), which
    is known without making it."""
    listed = _Build.html_pages.get(uri)
    return _Build.cache.key("parts", uri, f"listed {listed.key}" if isinstance(listed, html.Listed) else source)


def _render_written(page, written, converter: "_Converter", files) -> None:
    if written.body is None:
        _render_from(page, {"toc": written.toc, "title": None, "anchors": written.ids, "links": {}}, written.html, files)
        return
    source, page.markdown = page.markdown, written.body
    converter.render(page)  # the editor's Markdown, as MkDocs converts it: links, anchors, footnotes
    content, toc, ids = written.with_body(page.content, _toc_tokens(page.toc))
    page.content, page.toc, page.markdown = content, get_toc(toc), source
    page.present_anchor_ids = set(ids) | page.present_anchor_ids


class _LeftInCache(str):
    """What a page's HTML is while it is left in the cache: MkDocs wants a string; only the theme and feeds read it."""


_LEFT_IN_CACHE = _LeftInCache()


def _render_from(page, parts: dict, html: str, files) -> None:
    """What MkDocs' `Page.render` sets, from the cache or from a page written as HTML."""
    page.content = html
    page.toc = get_toc(parts["toc"])
    page._title_from_render = parts["title"]
    page.present_anchor_ids = set(parts["anchors"])
    page.links_to_anchors = _linked_files(parts["links"], files)


def _linked_files(links: dict, files) -> dict:
    """A page's links to anchors as kept ({page: anchors}) as MkDocs holds them ({file: anchors}), for the pages
    still in the site."""
    return {files.src_uris[uri]: anchors for uri, anchors in links.items() if uri in files.src_uris}  # posix already


def _toc_tokens(items) -> list[dict]:
    return [{"level": i.level, "id": i.id, "name": str(i.title), "children": _toc_tokens(i.children)} for i in items]


def _page_made(uri: str, markdown: str, meta: dict, site_url: str, site, title: str | None, remember,
               inputs: dict | None = None) -> tuple:
    """What a page is made of: its Markdown or HTML, `meta` completed for the theme, and its date for the sitemap. The
    same for a page MkDocs walks (`on_page_markdown`), for one keyed before the walk (`_unwalked`), and for the
    preview's first look at a save (`_FirstLook`). With `inputs`, what a renderer read of the site is noted there."""
    added, updated = _meta_added(uri, site_url, site, title)
    meta = _completed(meta, added)
    entry = site.pages.get(uri)
    if entry is None or entry.kind.sources != "docs":
        made = markdown  # generated: already written from checked content
    elif entry.kind.renderer:
        context = item_pages.PageContext(site_url, meta, remember)
        made = (item_pages.render(entry, site, context) if inputs is None
                else _rendered_noting(entry, site, site_url, meta, added, updated, context, inputs))
    elif uri == "index.md":
        made = "\n\n".join([entry.body, home.progress_summary(site), news.latest_news(site, uri, site.news),
                             home.latest_plans(site)])
    else:
        made = entry.body  # our parse: NFC, front matter checked and removed
    return made, meta, updated


def _completed(meta: dict, added: dict) -> dict:
    """`meta`, a page's settings as written, completed for the theme with what the build adds (`_meta_added`)."""
    meta.update(added)
    if not meta["scripts"]:
        del meta["scripts"]
    return meta


def _meta_added(uri: str, site_url: str, site, title: str | None) -> tuple[dict, str]:
    """What the build adds to a page's settings as written, and the page's date for the sitemap: with its entry,
    what a renderer's page is given (`_given`), its settings as written read only if it is walked."""
    added = {} if title is None else {"title": title}
    entry = site.pages.get(uri)
    if uri in _Build.hidden_uris:  # only `mkdocs serve` renders these
        added["banner"] = (f"Hẹn giờ đăng: {dates.display_datetime(entry['date'])}. Chỉ hiện khi xem trước."
                           if entry.kind is content.NEWS and not entry.get("draft")
                           else "Bản nháp: chỉ hiện khi xem trước, chưa đăng ở đâu. Xóa dòng draft: true để đăng.")
    added["feeds"] = _head_links(uri, entry, site_url)
    # The sitemap's lastmod comes from the content, never from the build time: a page's own
    # date, or for the other pages the newest content of the site.
    updated = (entry and content.content_date(entry)) or _Build.newest
    added["scripts"] = [_Build.page_scripts[uri]] if uri in _Build.page_scripts else []
    if entry is not None and entry.kind.printable:
        added["printable"] = True
        added["scripts"].append("assets/print.js")
    return added, updated


def _rendered_noting(entry, site, site_url: str, meta: dict, added: dict, updated: str, context, inputs: dict):
    """The entry's page from its renderer, and in `inputs` what made it: the entry itself and what the page is given
    besides, by their digest, what it read of the site (`page_inputs`), each read by its digest, and its title. A page
    whose reads cannot be named has none."""
    given, title = _given(entry, site_url, added, updated), meta.get("title")  # before the renderer adds to them
    reads: set = set()
    made = item_pages.render(entry, page_inputs.Reading(site, reads), context)
    try:
        inputs[entry.src_uri] = given, _Build.digests.named(page_inputs.recorded(reads)), title
    except page_inputs.Untracked:
        inputs.pop(entry.src_uri, None)
    return made


def _given(entry, site_url: str, added: dict, updated: str) -> str:
    """What a renderer's page is made of besides the site: its entry (whose settings as written are its source's), the
    site's address, what the build adds to its settings before the renderer adds to them (`_meta_added`), its date."""
    return build_cache.digest(_Build.digests.entry(entry), site_url, build_cache.value_bytes(added), updated)


def _for_the_theme(page) -> None:
    if "title" not in page.meta:  # a title from the first heading is HTML; the theme escapes plain text
        page.meta["title"] = unescape(page.title or "")
    _mark_html(page.toc)


def _mark_html(items) -> None:
    for item in items:  # the toc extension gives titles as escaped HTML
        item.title = Markup(item.title)
        _mark_html(item.children)


def on_page_content(html, page, config, files):
    uri = page.file.src_uri
    links = {file.src_uri: anchors for file, anchors in (page.links_to_anchors or {}).items()}
    if uri not in _Build.from_cache:
        html = safety.sanitize(html)
        named = ""
        if _Build.site and search.is_document(_Build.site, uri):  # for the search index: made once, with the HTML
            texts = search.texts(html)
            named = search.text_digest(*texts)
            _Build.texts[uri] = (*texts, _Build.part_keys[uri], named)
        _Build.cache.keep_parts(_Build.part_keys.get(uri, ""), {
            "search": named, "toc": _toc_tokens(page.toc), "title": page._title_from_render,
            "anchors": sorted(page.present_anchor_ids or ()), "links": links}, html)
        if uri in _Build.carried:
            _Build.html[uri] = html  # the same string as the page's (else the feeds read it from the cache)
    _Build.notes[uri] = (_Build.part_keys.get(uri, ""), links, _Build.texts[uri][3] if uri in _Build.texts else "")
    _for_the_theme(page)
    _Build.titles_rendered[uri] = page.title or ""
    _Build.sources[page.file.dest_uri] = _source_of(uri)
    page.markdown = ""  # converted: not kept for the rest of the build (ten thousand sources in memory otherwise)
    page.__dict__.pop("render", None)  # nor what it was converted from (its parts from the cache, in the closure)
    return html


def on_page_context(context, page, config, nav):
    """A page out of the nav whose output was made before from the same parts is not rendered again: the theme
    then extends a template that writes it as it was (overrides/main.html)."""
    uri = page.file.src_uri
    if uri in _Build.in_nav or _Build.problems:
        _with_html(page)
        return context
    if not _Build.shell:
        # What every page's theme output shows besides its own content: the nav, and the footer's portal information.
        _Build.shell = build_cache.digest(json.dumps([_nav_outline(nav.items), _Build.portal.rows, _Build.portal.links],
                                                     ensure_ascii=False))
        if _Build.shell_key:  # for the next build to know it before its walk (`_unwalked`)
            _Build.cache.keep_entry(_Build.shell_key, _Build.shell.encode("ascii"))
    # What is the page's own: its HTML and table of contents are its converted parts, named by their key.
    own = _Build.cache.key("own", uri, page.url, _Build.part_keys[uri], page.title or "",
                           _settings_named(uri, page.meta))
    key = _Build.cache.key("page", _Build.shell, own)
    _Build.owns[uri] = own
    dest = Path(page.file.abs_dest_path)
    digest = _Build.cache.place_page(key, dest)
    if digest:
        _Build.placed[key] = digest
    if digest or _refilled(key, own, dest):
        return _made_before()
    _Build.page_keys[uri] = (key, own)
    _with_html(page)
    filled = _Build.skeletons and _Build.skeletons.fill(page, _template_of(page), partial(_probe, context))
    if filled:  # `on_post_page` keeps it
        _Build.filled[uri] = filled
        return _made_before()
    return context


def _made_before() -> dict:
    """The context of a page made already: the theme writes nothing (overrides/main.html), and Jinja, which copies
    a page's context before it renders, has one name to copy rather than the whole site's."""
    return {"cchc_made_before": True}


def _template_of(page) -> str:
    return page.meta.get("template", "main.html")  # as MkDocs picks it


def _probe(context, page) -> str:
    """The theme's rendering of a skeleton's probe: `page` stands for the page in its context (cchc/skeletons.py)."""
    _Build.probing = True
    try:
        return _Build.env.get_template(_template_of(page)).render({**context, "page": page})
    finally:
        _Build.probing = False


def _with_html(page) -> None:
    """The page's sanitized HTML, for the theme's escaping templates (until on_post_page), read from the cache if its
    parts came from there: only pages the theme renders read it."""
    uri = page.file.src_uri
    page.content = Markup(page_sides.kept_html(_Build.cache, _Build.part_keys[uri]) if page.content is _LEFT_IN_CACHE
                          else page.content)


def _refilled(key: str, own: str, dest: Path) -> bool:
    """A page whose own parts are those of a page written before, and whose shared parts (nav, footer…) this build
    has made already, is written from those bytes with this build's shared parts: not rendered by the theme again."""
    written = _Build.cache.parts(own)  # the page's bytes as last written, and where its shared parts sit in them
    before = written and _Build.cache.kept(written["page"])
    made = before and shared_parts.refill(before, written["holes"], _Build.shared)
    if made:
        _keep_page(key, own, *made, dest)
        log.debug(f"Written from its previous bytes with this build's shared parts: {dest}")
    return bool(made)


def _keep_page(key: str, own: str, data: bytes, holes: list, dest: Path) -> None:
    page = _Build.cache.put_page(key, data, dest)
    if page:
        _Build.placed[key] = page
        _Build.cache.keep_parts(own, {"page": page, "holes": holes})


def _nav_outline(items) -> list:
    return [[item.title, getattr(item, "url", None), _nav_outline(item.children or [])] for item in items]


def on_post_page(output, page, config):
    """A page rendered now is kept in the cache and put in place from there; MkDocs then writes nothing."""
    keys = _Build.page_keys.pop(page.file.src_uri, None)
    filled = _Build.filled.pop(page.file.src_uri, None)
    if keys is not None and filled is None and _Build.skeletons:
        _Build.skeletons.rendered(page, _template_of(page), output)
    output = output if filled is None else filled
    # Written: its HTML is let go (10,000 documents' are 120 MB), but for the items feeds carry.
    page.content = _Build.html.get(page.file.src_uri, "")
    if keys is None:
        if output.strip():  # MkDocs writes it, never through a link to a kept page (the spare's file may be one)
            Path(page.file.abs_dest_path).unlink(missing_ok=True)
        return output
    _keep_page(*keys, *shared_parts.fill(output.encode("utf-8", errors="xmlcharrefreplace"), _Build.shared),
               Path(page.file.abs_dest_path))
    return ""


def on_post_build(config) -> None:
    _PlacedPages.heard()
    if _Build.skeletons:
        log.debug(f"Skeletons: {_Build.skeletons.filled} pages written from {_Build.skeletons.probes} probes")
    if _Build.problems:  # a preview of the errors: no feeds, search or data to make
        _Build.outputs = set()
        _finish()
        return
    _Build.cache.keep_record(_Build.cache.key(_NOTES), _notes_record())
    _Build.cache.keep_record(_Build.cache.key(_INPUTS), _inputs_record())
    _Build.cache.keep_record(_Build.cache.key(_PLACED), dict(sorted(_Build.placed.items())))
    _Build.cache.keep_record(_Build.cache.key(_COPIED), dict(sorted(_Build.copies.noted.items())))
    _record_checks()
    made = _Outputs(_Build.site, _Build.html, _Build.part_keys, _Build.texts, _Build.titles_rendered, _Build.sources,
                    _Build.cache, config.site_url or "", _feed_limit(config), _Build.searching,
                    [key for uri in _Build.unwalked for key in (_Build.part_keys[uri], _Build.owns[uri])]
                    + _checks_in_use() + list(_Build.placed), _Build.site_files)
    _Build.shown = set(_Build.titles_rendered)
    if not (_Build.serving and _Build.outputs):
        _Build.outputs = made.write(Path(config.site_dir), _Build.spare_index)
        _finish()
        return
    if _strict_warnings():  # MkDocs stops this build: the site served stays as it is
        return
    # A preview after a save: its pages are shown first, with the search index, feeds and data of the previous save,
    # which a thread then replaces with this build's (a third of a rebuild later; a newer save stops it first).
    _finish(carried=sorted(_Build.outputs))
    _Build.pending = made
    made.start(_Build.target, _Build.outputs)


class _Stopped(Exception):
    """The preview stopped making a save's outputs: a newer save makes its own."""


class _Outputs:
    """The files made from every page of a build: the search index, the feeds, the open data, and last the record
    of what the build wrote. Under `mkdocs serve`, a newer save stops them while they are made (`stop`), never
    while they are written: the site served never mixes two saves' search index."""

    def __init__(self, site, html: dict, html_keys: dict, texts: dict, titles: dict, sources: dict, cache, site_url: str,
                 limit: int, searching: "search_copy.Running | None" = None, in_use: list[str] = (),
                 site_files: set[str] = frozenset()):
        self.site, self.html, self.texts, self.titles, self.sources = site, html, texts, titles, sources
        self.site_files = site_files  # the site's other files, which the record lists with the outputs
        self.html_keys = html_keys  # each page's parts' key, which names its HTML in the cache
        self.cache, self.site_url, self.limit = cache, site_url, limit
        self.searching = searching  # the search index, made and placed by a process of its own; else made here
        # The cache entries of the pages not walked (`_unwalked`), marked in use while the search process ends: 26,000
        # keys looked up were a tenth of a second of a rebuild's path at 10,000 documents, where the build now waits.
        self.in_use = in_use
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def _go_on(self) -> None:
        if self._stop.is_set():
            raise _Stopped

    def start(self, site_dir: Path, previous: set[str]) -> None:
        """Made and written by a thread of their own (the preview, once the save's pages are in place)."""
        self._thread = threading.Thread(target=self._write_in_thread, args=(site_dir, previous), daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stopped if still being made, waited for if being written."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def _write_in_thread(self, site_dir: Path, previous: set[str]) -> None:
        try:
            _Build.outputs = self.write(site_dir, previous)
        except _Stopped:  # a newer save: nothing written, the site keeps the previous save's until that save's are made
            self.cache.close()  # what this build kept (its pages, the analyses made so far) is right for the next
        except Exception:  # noqa: BLE001 - the next build makes them in its own time, and fails as a build does
            log.exception("Chỉ mục tìm kiếm, bản tin và dữ liệu mở chưa làm lại được; lần dựng sau sẽ làm lại.")
            _Build.outputs = set()
        # The save is shown and its outputs made: the cycles its build left (375,000 objects at 10,000 documents, the
        # raised threshold of `on_startup` seldom reaches them) are freed now, while the editor reads, for the next save
        # to reuse. At 10,000 documents the process settled at 1,236 MB instead of 1,560 MB, saves as fast; this takes
        # about a second.
        gc.collect()

    def make(self) -> dict[str, bytes | build_cache.Blob]:
        site, cache = self.site, self.cache
        outputs = item_pages.exports(site, self.site_url, cache.remember_files)  # finders' and open data, by kind
        if self.searching is None:
            self._go_on()
            outputs |= search.build(*_search_documents(site, self.texts, self.titles), cache.remember, self._go_on,
                                    page_sides.kept_texts(cache))
        made: dict = {}  # the items' HTML made absolute, for every feed that carries them (`feeds.render`)
        for feed in subscriptions.build_feeds(site, self.site_url, self.html, self.limit, self.html_keys):
            self._go_on()
            outputs |= cache.remember_files(("feed", *feeds.inputs(feed, self.site_url, self.limit)), lambda feed=feed:
                                            feeds.render(feed, self.site_url, self.limit,
                                                         partial(page_sides.kept_html, cache), made))
        return outputs

    def write(self, site_dir: Path, previous: set[str]) -> set[str]:
        """Written into `site_dir` (in place of the files of `previous` outputs there); the paths written."""
        outputs = self.make()
        _placed(self.cache)
        for path, data in outputs.items():
            self.cache.place(data, site_dir / path)
        written = set(outputs)
        # The search process, if there is one, says which files the index has once it ends.
        index = search.DIR if self.searching is not None else ""
        stale = previous - written
        stale_in_index = {path for path in stale if index and path.startswith(f"{index}/")}  # known once it ends
        for path in stale - stale_in_index:
            (site_dir / path).unlink(missing_ok=True)
        self.cache.keep_using(self.in_use)
        if self.searching is not None:
            try:
                indexed = self.searching.written(self.cache)
            except search_copy.SearchCopyError as error:
                raise PluginError(f"Chỉ mục tìm kiếm chưa làm được:\n{error}") from None
            for path in stale_in_index - indexed:
                (site_dir / path).unlink(missing_ok=True)
            written |= indexed
        # Written last: a site without it, or missing a file it lists, was not built to the end.
        (site_dir / site_check.RECORD).write_bytes(site_check.record(self.site_files | written, self.sources,
                                                                     self.site_url))
        self.cache.close()
        return written


def _placed(cache) -> None:
    try:
        cache.placed()
    except placing.PlacingError as error:
        raise PluginError(f"Chưa ghi được các trang vào {_Build.building}: {error}") from None


def _stop_outputs() -> None:
    """A new save, or the preview ending: the previous save's outputs are stopped if still being made, and waited
    for if being written."""
    if _Build.pending is not None:
        _Build.pending.stop()
        _Build.pending = None


@event_priority(-100)  # MkDocs' "last": a plugin's own on_shutdown runs before the process may end
def on_shutdown() -> None:
    _stop_outputs()
    if _Build.serving and _Build.target is not None:  # MkDocs removes the site it served; the spare is ours
        shutil.rmtree(site_swap.spare(_Build.target), ignore_errors=True)
    process_end.after_build(_Build.command)


def _strict_warnings() -> int:
    counters = [h for h in logging.getLogger("mkdocs").handlers if isinstance(h, CountHandler)]
    return sum(count for counter in counters for _level, count in counter.get_counts())


def _finish(carried: list[str] = ()) -> None:
    """The new site replaces the old one, unless MkDocs is about to abort a strict build for its warnings; the files
    of `carried` move from the old one into it first (`site_swap.carry`)."""
    if _strict_warnings():
        return
    _placed(_Build.cache)

    def replace() -> None:
        site_swap.carry(_Build.target, _Build.building, carried)
        site_swap.put_in_place(_Build.building, _Build.target, keep_spare=_Build.cache.folder is not None,
                               remove_later=_Build.serving)

    if _Build.first_look is not None:
        _Build.first_look.replacing(replace)
    else:
        replace()
    _Build.building = None
    _Build.look = None if _Build.problems or not _Build.serving else _Look(
        _Build.site, _Build.layout, _Build.files, _Build.nav, _Build.config, _Build.env, _Build.in_nav,
        _Build.target, _Build.generated, _Build.hidden_uris)


def on_build_error(error) -> None:
    _PlacedPages.heard()
    if isinstance(_Build.ahead, forked.Forked):
        _Build.ahead.cancel()
    _Build.ahead = None
    if _Build.elsewhere is not None:
        _Build.elsewhere.copy.cancel()
        _Build.elsewhere = None
    if _Build.searching is not None:
        _Build.searching.cancel()
        _Build.searching = None
    _Build.cache.close(keep=False)
    if _Build.spare is not None:
        _Build.spare.discard()
    if _Build.building is not None:
        site_swap.discard(_Build.building)
        log.error(f"Dựng trang không thành công: {_Build.target} giữ nguyên bản trước.")
