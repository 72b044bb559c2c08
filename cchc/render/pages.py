"""The page of one content item, made by its kind's renderer (`Kind.renderer`: `module:function` in cchc/render)."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any, Callable

from ..build_cache import made_again, value_digest
from ..content import Entry, Site
from ..kinds import KINDS, Kind
from .html import HtmlPage


@dataclass
class PageContext:
    site_url: str
    meta: dict = field(default_factory=dict)  # the page's settings for the theme; a renderer may add to them
    # `remember(parts, make)` gives what `make()` gives, or the same kept by an earlier build under the same parts (the
    # build cache, `Cache.remember`): for a renderer that knows everything its page is made of.
    remember: Callable[[tuple, Callable[[], Any]], Any] = made_again


def _module(kind: Kind):
    return importlib.import_module(f"{__package__}.{kind.renderer.split(':')[0]}")


def _function(entry: Entry, name: str | None = None):
    return getattr(_module(entry.kind), name or entry.kind.renderer.split(":")[1], None)


def render(entry: Entry, site: Site, context: PageContext) -> str | HtmlPage:
    """The page's Markdown, or its HTML for a page written as HTML."""
    return _function(entry)(entry, site, context)


def listings(site: Site) -> dict[str, tuple[str, str | HtmlPage]]:
    """{src_uri: (title, page)} of the pages that list each kind's items: its renderer module's `listing_pages`."""
    found: dict = {}
    for kind in KINDS:
        if kind.renderer and hasattr(_module(kind), "listing_pages"):
            found |= _module(kind).listing_pages(site)
    return found


def exports(site: Site, site_url: str, remember: Callable[[tuple, Callable[[], Any]], Any] = made_again) -> dict:
    """{site path: bytes} of the data files each kind's renderer module writes (`exports`): finders' data, open data.
    A module that names everything its files are made of (`export_inputs`) has them kept under those (`remember`: the
    build cache's `Cache.remember_files`, whose files may come as `Blob`s): a news edit does not make the
    catalogue's 3,000 procedures into JSON and CSV again."""
    found: dict = {}
    for kind in KINDS:
        module = kind.renderer and _module(kind)
        if not hasattr(module, "exports"):
            continue
        make = lambda module=module: module.exports(site, site_url)  # noqa: E731
        if hasattr(module, "export_inputs"):
            found |= remember(("exports", kind.name, value_digest(module.export_inputs(site, site_url))), make)
        else:
            found |= make()
    return found


def feed_title(entry: Entry, site: Site) -> str:
    """The item's title in a feed: the renderer module's `feed_title(entry, site)`, else the page's title."""
    named = _function(entry, "feed_title")
    return named(entry, site) if named else title(entry, site)


def feed_categories(entry: Entry) -> tuple[str, ...]:
    """The item's categories in a feed: the renderer module's `feed_categories(entry)`, else none."""
    named = _function(entry, "feed_categories")
    return tuple(named(entry)) if named else ()


def title(entry: Entry, site: Site) -> str:
    """The page's title: the renderer module's `title(entry, site)` where it has one, else the entry's title or name."""
    named = _function(entry, "title")
    return named(entry, site) if named else entry.get("title") or entry.get("name")
