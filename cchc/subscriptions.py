"""Which feeds the portal offers, what each carries, and the "Theo dõi" page that lists them."""

from __future__ import annotations

import heapq
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, time
from urllib.parse import urljoin

from .clock import TZ
from .content import Entry, Site, url_of
from .feeds import Feed, FeedItem, absolute_html, feed_paths
from .render.markdown import attr
from .render.news import INDEX_URI as NEWS_URI, category_uri
from .render.plans import INDEX_PAGES, designation, heading
from .text import slugify, vietnamese_order
from .vocab import CCHC_AREAS, NEWS_CATEGORIES

PAGE_URI = "theo-doi.md"


@dataclass(frozen=True)
class FeedRef:
    slug: str
    title: str


def site_feeds() -> list[FeedRef]:
    return [FeedRef("tin-tuc", "Tin tức"), FeedRef("van-ban", "Văn bản mới")]


def department_feed(code: str, name: str) -> FeedRef:
    return FeedRef(f"co-quan/{slugify(code)}", name)


def category_feed(code: str) -> FeedRef:
    return FeedRef(f"chuyen-muc/{code}", NEWS_CATEGORIES[code])


def _plan_date(plan: Entry) -> datetime:
    return datetime.combine(plan["issued"].first_day(), time(), TZ)


@dataclass(frozen=True)
class _Source:
    ref: FeedRef
    description: str
    home_uri: str
    news: list[Entry]
    plans: list[Entry]


def _sources(site: Site) -> list[_Source]:
    """Each feed and the news and plans it carries: the one place that says what goes where."""
    news, plans = site_feeds()
    sources = [_Source(news, "Tin tức cải cách hành chính", NEWS_URI, site.news, []),
               _Source(plans, "Kế hoạch, quyết định về cải cách hành chính", INDEX_PAGES["year"][0], [], site.plans)]
    # Grouped in one pass each (newest first kept): a scan of all news per feed is quadratic.
    in_category, plans_in = defaultdict(list), defaultdict(list)
    for item in site.news:
        for code in item["categories"]:
            in_category[code].append(item)
    for plan in site.plans:
        for code in plan["areas"]:
            plans_in[code].append(plan)
    for code, department in site.departments.items():
        sources.append(_Source(department_feed(code, department["name"]), f"Tin tức và văn bản của {department['name']}",
                               department.src_uri, site.news_by_department.get(code, []),
                               site.plans_by_issuer.get(code, [])))
    for code, label in NEWS_CATEGORIES.items():
        sources.append(_Source(category_feed(code), f"Chuyên mục {label}", category_uri(code), in_category[code],
                               plans_in[code]))
    return sources


def has_items(site: Site) -> set[str]:
    """The slugs of the feeds that carry something: an empty one is neither listed nor advertised."""
    return {s.ref.slug for s in _sources(site) if s.news or s.plans}


def build_feeds(site: Site, site_url: str, html: dict[str, str], limit: int) -> list[Feed]:
    """Every feed with its newest `limit` items; `html` is each page's rendered content by src_uri. An item is made
    (its HTML with absolute links) only for the feeds it is among the newest of, once."""
    def news_item(n: Entry) -> FeedItem:
        url = urljoin(site_url, url_of(n.src_uri))
        d = site.departments[n["department"]]
        return FeedItem(n["title"], url, n["date"], absolute_html(html.get(n.src_uri, ""), url), n.get("summary", ""),
                        d["name"], tuple(NEWS_CATEGORIES[c] for c in n["categories"]) + tuple(n.get("tags", [])))

    def plan_item(p: Entry) -> FeedItem:
        url = urljoin(site_url, url_of(p.src_uri))
        return FeedItem(f"{designation(p)}: {heading(p)}", url, _plan_date(p), absolute_html(html.get(p.src_uri, ""), url),
                        p.get("summary", ""), site.departments[p["issuer"]]["name"],
                        ("Văn bản",) + tuple(CCHC_AREAS[a] for a in p["areas"]))

    made: dict[str, FeedItem] = {}

    def newest(source: _Source) -> list[FeedItem]:
        dated = [(n["date"], n.src_uri, n, news_item) for n in source.news]
        dated += [(_plan_date(p), p.src_uri, p, plan_item) for p in source.plans]
        # The order `feeds.render` keeps: newest first, then by address.
        chosen = heapq.nlargest(limit, dated, key=lambda d: (d[0], urljoin(site_url, url_of(d[1]))))
        for _date, uri, entry, make in chosen:
            if uri not in made:
                made[uri] = make(entry)
        return [made[uri] for _date, uri, _entry, _make in chosen]

    return [Feed(s.ref.slug, s.ref.title, s.description, urljoin(site_url, url_of(s.home_uri)), newest(s))
            for s in _sources(site)]


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
