"""RSS 2.0 and Atom 1.0 (with feedgen) and JSON Feed 1.1 for a list of items.

Everything in a feed comes from the content, never from the build time, so two builds of the same
sources give the same bytes. feedgen's traps are handled here: entries are appended (it prepends by
default), the channel's alternate link is added last (RSS takes the last `link()`), and the
author goes to `dc:creator` because RSS drops an author that has no e-mail.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field, fields, replace
from datetime import datetime
from typing import Callable
from urllib.parse import urljoin

from feedgen.feed import FeedGenerator

from .build_cache import not_kept
from .clock import TZ

_URL_ATTR = re.compile(r'\b(href|src)="([^"]*)"')


@dataclass(frozen=True)
class FeedItem:
    title: str
    url: str  # absolute; also the item's permanent id
    published: datetime
    html: str | None  # the item's page content, its links as on the page (`render` makes them absolute); None: named
    summary: str      # by `source`, read only when the feed is made again
    author: str
    categories: tuple[str, ...] = ()
    source: str = ""  # a digest that names the HTML (its page's parts in the build cache), or ""


@dataclass
class Feed:
    slug: str  # feeds/<slug>/rss.xml, atom.xml, feed.json
    title: str
    description: str
    home_url: str  # absolute
    items: list[FeedItem] = field(default_factory=list)


def absolute_html(html: str, base_url: str) -> str:
    """Every link and image of the content made absolute, as feed readers need: only for a feed made again (at 10,000
    documents, making every carried item's absolute to find which feeds changed was 0.4 s of every build)."""
    return _URL_ATTR.sub(lambda m: f'{m[1]}="{urljoin(base_url, m[2])}"', html)


def _absolute(item: FeedItem, read: Callable[[str], str], made: dict[FeedItem, str]) -> str:
    found = made.get(item)
    if found is None:
        found = made[item] = absolute_html(read(item.source) if item.html is None else item.html, item.url)
    return found


def feed_paths(slug: str) -> dict[str, str]:
    return {"rss": f"feeds/{slug}/rss.xml", "atom": f"feeds/{slug}/atom.xml", "json": f"feeds/{slug}/feed.json"}


def _generator(feed: Feed, site_url: str, self_url: str, items: list[FeedItem]) -> FeedGenerator:
    fg = FeedGenerator()
    fg.load_extension("dc", atom=False, rss=True)
    fg.id(feed.home_url)
    fg.title(feed.title)
    fg.subtitle(feed.description)
    fg.language("vi")
    fg.generator("Cổng thông tin CCHC")
    fg.link(href=self_url, rel="self")
    fg.link(href=feed.home_url, rel="alternate")  # last: RSS's <link>
    newest = items[0].published if items else datetime(2000, 1, 1, tzinfo=TZ)  # never the build machine's zone
    fg.updated(newest)
    fg.lastBuildDate(newest)
    for item in items:
        entry = fg.add_entry(order="append")
        entry.id(item.url)
        entry.guid(item.url, permalink=True)
        entry.title(item.title)
        entry.link(href=item.url, rel="alternate")
        entry.published(item.published)
        entry.updated(item.published)
        entry.author({"name": item.author})
        entry.dc.dc_creator(item.author)
        entry.description(html.escape(item.summary or item.title))  # RSS readers take a description as HTML
        entry.content(item.html, type="CDATA")
        entry.summary(item.summary or item.title)  # after content(): description() also set Atom's content
        for category in item.categories:
            entry.category(term=category)
    return fg


def inputs(feed: Feed, site_url: str, limit: int) -> tuple[str, ...]:
    """Everything `render` reads, as strings (every field of the feed and of each item): what its output is kept
    under in the build cache, so that a rebuild makes again only the feeds whose items changed."""
    parts = [site_url, str(limit)]
    for value in [getattr(feed, f.name) for f in fields(Feed) if f.name != "items"] + [
            "" if f.name == "html" and item.source else getattr(item, f.name)  # named alike, given or not
            for item in feed.items for f in fields(FeedItem)]:
        parts.append(value.isoformat() if isinstance(value, datetime)
                     else "\x1f".join(value) if isinstance(value, tuple) else value)
    return tuple(parts)


def render(feed: Feed, site_url: str, limit: int, read: Callable[[str], str] = not_kept,
           made: dict[FeedItem, str] | None = None) -> dict[str, bytes]:
    """{path: bytes} of the three formats, newest `limit` items; `read(source)` gives an item's HTML not given. `made`
    holds each item's HTML made absolute for the feeds rendered before it: an item is in four or five feeds (the
    portal's, its kind's, its department's, its category's, its tags'), and reading and making it again for each was
    a third of the feeds' time at 10,000 documents."""
    made = {} if made is None else made
    items = [replace(item, html=_absolute(item, read, made))
             for item in sorted(feed.items, key=lambda i: (i.published, i.url), reverse=True)[:limit]]
    paths = feed_paths(feed.slug)
    rss = _generator(feed, site_url, urljoin(site_url, paths["rss"]), items).rss_str(pretty=True)
    atom_generator = _generator(feed, site_url, urljoin(site_url, paths["atom"]), items)
    # Atom content is HTML, declared as such.
    for entry, item in zip(atom_generator.entry(), items):
        entry.content(item.html, type="html")
    atom = atom_generator.atom_str(pretty=True)
    json_feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": feed.title,
        "description": feed.description,
        "home_page_url": feed.home_url,
        "feed_url": urljoin(site_url, paths["json"]),
        "language": "vi",
        "items": [
            {
                "id": item.url,
                "url": item.url,
                "title": item.title,
                "content_html": item.html,
                "summary": item.summary or item.title,
                "date_published": item.published.isoformat(),
                "authors": [{"name": item.author}],
                "tags": list(item.categories),
            }
            for item in items
        ],
    }
    return {paths["rss"]: rss, paths["atom"]: atom,
            paths["json"]: json.dumps(json_feed, ensure_ascii=False, indent=2).encode("utf-8")}
