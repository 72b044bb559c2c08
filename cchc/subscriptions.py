"""Which feeds the portal offers, what each carries, and the "Theo dõi" page that lists them."""

from __future__ import annotations

import heapq
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, time
from urllib.parse import urljoin

from . import site_address
from .clock import TZ
from .content import Entry, Site, url_of
from .feeds import Feed, FeedItem, feed_paths
from .kinds import KINDS, NEWS
from .render import pages as item_pages
from .render.markdown import attr
from .render.news import category_uri
from .text import slugify, vietnamese_order
from .vocab import NEWS_CATEGORIES

PAGE_URI = "theo-doi.md"


@dataclass(frozen=True)
class FeedRef:
    slug: str
    title: str


def site_feeds() -> list[FeedRef]:
    """The portal-wide feed of each kind that declares one (`Kind.feed`), news first."""
    return list(_SITE_FEEDS)


_FEED_KINDS = sorted((k for k in KINDS if k.feed), key=lambda k: k is not NEWS)
_SITE_FEEDS = tuple(FeedRef(k.feed.slug, k.feed.title) for k in _FEED_KINDS)  # asked for by every page


def department_feed(code: str, name: str) -> FeedRef:
    return FeedRef(f"co-quan/{slugify(code)}", name)


def category_feed(code: str) -> FeedRef:
    return FeedRef(f"chuyen-muc/{code}", NEWS_CATEGORIES[code])


def _published(entry: Entry) -> datetime:
    value = entry[entry.kind.date_field]
    return value if isinstance(value, datetime) else datetime.combine(value.first_day(), time(), TZ)


@dataclass(frozen=True)
class _Source:
    ref: FeedRef
    description: str
    home_uri: str
    entries: list[Entry]  # of any kinds with a feed, each list newest first


_SOURCES = "feeds' sources"  # `Site.derived`: what `_sources` made of the site
_CHOSEN = "feeds' newest items"  # `Site.derived`, with the number of items and the site's address: `_chosen`


def _sources(site: Site) -> list[_Source]:
    """Each feed and the items it carries: the one place that says what goes where. Made once a build (`Site.derived`)
    for its three questions: which feeds have items, which items they carry, and the feeds themselves."""
    if _SOURCES not in site.derived:
        site.derived[_SOURCES] = _grouped(site)
    return site.derived[_SOURCES]


def _grouped(site: Site) -> list[_Source]:
    sources = [_Source(FeedRef(k.feed.slug, k.feed.title), k.feed.description, f"{k.folder}/index.md",
                       site.entries.get(k.name, [])) for k in _FEED_KINDS]
    # Grouped in one pass each (newest first kept): a scan of all items per feed is quadratic.
    by_department, in_category = defaultdict(list), defaultdict(list)
    for kind in _FEED_KINDS:
        for entry in site.entries.get(kind.name, []):
            by_department[entry.get(kind.department_field)].append(entry)
            # News by its categories, a document by its CCHC areas (each area is a news category too).
            for code in entry.get("categories", []) + entry.get("areas", []):
                in_category[code].append(entry)
    for code, department in site.departments.items():
        sources.append(_Source(department_feed(code, department["name"]), f"Tin tức, văn bản, hỏi đáp của {department['name']}",
                               department.src_uri, by_department[code]))
    for code, label in NEWS_CATEGORIES.items():
        sources.append(_Source(category_feed(code), f"Chuyên mục {label}", category_uri(code), in_category[code]))
    return sources


def has_items(site: Site) -> set[str]:
    """The slugs of the feeds that carry something: an empty one is neither listed nor advertised."""
    return {s.ref.slug for s in _sources(site) if s.entries}


def build_feeds(site: Site, site_url: str, html: dict[str, str], limit: int,
                sources: dict[str, str] | None = None) -> list[Feed]:
    """Every feed with its newest `limit` items; `html` is each page's rendered content by src_uri, and `sources` names
    it (`FeedItem.source`) where it is not given. An item is made only for the feeds it is among the newest of, once."""
    sources = sources or {}

    def item(entry: Entry) -> FeedItem:
        url = order[entry.src_uri][1]
        department = site.departments[entry[entry.kind.department_field]]
        uri = entry.src_uri
        return FeedItem(item_pages.feed_title(entry, site), url, _published(entry),
                        html.get(uri, None if uri in sources else ""), entry.get("summary", ""), department["name"],
                        item_pages.feed_categories(entry), sources.get(uri, ""))

    made: dict[str, FeedItem] = {}
    order, chosen = _chosen(site, site_url, limit)

    def newest(entries: list[Entry]) -> list[FeedItem]:
        for entry in entries:
            if entry.src_uri not in made:
                made[entry.src_uri] = item(entry)
        return [made[entry.src_uri] for entry in entries]

    return [Feed(s.ref.slug, s.ref.title, s.description, urljoin(site_url, url_of(s.home_uri)), newest(entries))
            for s, entries in zip(_sources(site), chosen)]


def carried(site: Site, site_url: str, limit: int) -> set[str]:
    """The items some feed carries (by src_uri): the only pages whose HTML `build_feeds` reads."""
    return {entry.src_uri for entries in _chosen(site, site_url, limit)[1] for entry in entries}


def _chosen(site: Site, site_url: str, limit: int) -> tuple[dict[str, tuple[datetime, str]], list[list[Entry]]]:
    """Each item's place in the feeds' order (`_order`), and each source's newest `limit` items, as `_sources` lists
    them: chosen once a build (`Site.derived`), for the items carried (before the pages) and for the feeds (after)."""
    key = f"{_CHOSEN} {limit} {site_url}"
    if key not in site.derived:
        order = _order(site, site_url)
        site.derived[key] = order, [_newest(source, order, limit) for source in _sources(site)]
    return site.derived[key]


def _order(site: Site, site_url: str) -> dict[str, tuple[datetime, str]]:
    """Each item's place in the order `feeds.render` keeps (newest first, then by address), by src_uri: made once,
    not once per feed the item is in."""
    joining = site_address.joining(site_url)
    return {e.src_uri: (_published(e), joining(url_of(e.src_uri))[0])
            for kind in _FEED_KINDS for e in site.entries.get(kind.name, [])}


def _newest(source: _Source, order: dict[str, tuple[datetime, str]], limit: int) -> list[Entry]:
    """The source's newest `limit` items, newest first."""
    return heapq.nlargest(limit, source.entries, key=lambda e: order[e.src_uri])


def head_links(refs: list[FeedRef], site_url: str) -> list[dict[str, str]]:
    """What a page's <head> advertises: RSS, Atom and JSON of each feed that fits it."""
    links = []
    for ref in refs:
        paths = feed_paths(ref.slug)
        links += [
            {"type": "application/rss+xml", "title": f"{ref.title} (RSS)", "href": urljoin(site_url, paths["rss"])},
            {"type": "application/atom+xml", "title": f"{ref.title} (Atom)", "href": urljoin(site_url, paths["atom"])},
            {"type": "application/feed+json", "title": f"{ref.title} (JSON)", "href": urljoin(site_url, paths["json"])},
        ]
    return links


def subscriptions_page(site: Site, site_url: str) -> str:
    """The addresses to paste into a feed reader, each with a copy button.

    Not links: a feed opened in a browser is raw XML (XSLT, which used to dress it as a page, is being removed
    from browsers; Chromium already shows a warning over it). Readers need the address, not the file."""
    def row(ref: FeedRef) -> str:
        paths = feed_paths(ref.slug)
        rss = attr(urljoin(site_url, paths["rss"]))
        return (f'<li><strong>{attr(ref.title)}</strong><br><code class="cchc-feed">{rss}</code> '
                f'<button type="button" class="cchc-copy" data-copy="{rss}" aria-label="Sao chép địa chỉ bảng tin {attr(ref.title)}">'
                "Sao chép</button></li>")

    def section(title: str, intro: str, refs: list[FeedRef]) -> list[str]:
        return [f"## {title}", "", *([intro, ""] if intro else []), '<ul class="cchc-feeds">', *map(row, refs), "</ul>", ""]

    filled = has_items(site)
    categories = [r for r in map(category_feed, NEWS_CATEGORIES) if r.slug in filled]
    departments = [r for r in (department_feed(c, d["name"]) for c, d in site.departments.items()) if r.slug in filled]
    departments.sort(key=lambda r: vietnamese_order(r.title))
    parts = [
        "# Theo dõi", "",
        "Nhận tin và văn bản mới của cổng ngay khi đăng, không cần vào trang mỗi ngày.", "",
        "**Cách theo dõi:** bấm “Sao chép” bên cạnh nguồn tin muốn theo dõi, rồi dán địa chỉ vào ứng dụng đọc tin "
        "(ví dụ Thunderbird, Feedly, Inoreader, NetNewsWire). Ứng dụng sẽ tự báo khi có tin mới.", "",
        "Mỗi địa chỉ là bảng tin RSS. Cùng thư mục còn có `atom.xml` (Atom) và `feed.json` (JSON Feed), dành cho các "
        "hệ thống, phần mềm muốn lấy tin tự động.", "",
        '<p class="cchc-copy__status" aria-live="polite"></p>', "",
        *section("Toàn cổng", "", site_feeds()),
        *section("Theo chuyên mục", "", categories),
        *section("Theo cơ quan", "Tin tức và văn bản mới của từng cơ quan.", departments),
    ]
    return "\n".join(parts)
