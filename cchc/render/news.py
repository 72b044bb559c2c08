"""News pages: each item's header and previous/next, the paginated listings (all, per category,
per tag, per year), and the news blocks of the home and department pages."""

from __future__ import annotations

from typing import Callable

from ..content import NEWS_DIR, Entry, Site
from ..dates import display_datetime
from ..text import slugify
from ..vocab import NEWS_CATEGORIES
from . import html
from .html import HtmlPage

PAGE_SIZE = 10
INDEX_URI = f"{NEWS_DIR}/index.md"


def category_uri(code: str) -> str:
    return f"{NEWS_DIR}/chuyen-muc/{code}/index.md"


def tag_uri(tag: str) -> str:
    return f"{NEWS_DIR}/the/{slugify(tag) or 'khac'}/index.md"


def year_uri(year: int) -> str:
    return f"{NEWS_DIR}/nam/{year}/index.md"


def ordered(news: list[Entry]) -> list[Entry]:
    """Pinned items first, then newest first (the list arrives newest first)."""
    return [n for n in news if n.get("pinned")] + [n for n in news if not n.get("pinned")]


def news_item(item: Entry, here: str, site: Site) -> str:
    """One line of a news list, as HTML (`<li>`)."""
    return _line(item, site)(here)


def _line(item: Entry, site: Site) -> html.Line:
    """The item's line for any page that lists it: all but its link's address made once (an item is in four
    listings or more, each of 5,800 items' lines were half a second of every build)."""
    department = site.departments[item["department"]]
    pin = '<span class="cchc-pin">Nổi bật</span> ' if item.get("pinned") else ""  # words, not an emoji
    # A short name (Sở Ngoại vụ) is ambiguous across provinces: the department's full name.
    tail = f" · {display_datetime(item['date'])} · {html.escape(department['name'])}" + (
        f"<br>\n  {html.escape(item['summary'])}</li>" if item.get("summary") else "</li>")
    return html.Line(f"<li>{pin}", html.escape(item["title"]), item.src_uri, tail)


def news_list(items: list[Entry], here: str, site: Site) -> list[str]:
    return html.item_list([news_item(n, here, site) for n in items], "Chưa có tin nào.")


def news_page(item: Entry, site: Site, previous: Entry | None, following: Entry | None) -> HtmlPage:
    """Written as HTML around the editor's text, the one part Python-Markdown converts (8,000 items' headers and
    neighbour links as Markdown took 60% longer to convert than the items' texts alone)."""
    here = item.src_uri
    department = site.departments[item["department"]]
    rows = [("Ngày đăng", html.escape(display_datetime(item["date"]))),
            ("Cơ quan", html.link(department["name"], here, department.src_uri)),
            ("Chuyên mục", ", ".join(html.link(NEWS_CATEGORIES[c], here, category_uri(c)) for c in item["categories"]))]
    if item.get("tags"):
        # A tag only a draft uses has no listing yet (the preview shows drafts): named, not linked.
        rows.append(("Từ khóa", ", ".join(html.link(t, here, tag_uri(t)) if t in site.tags else html.escape(t)
                                          for t in item["tags"])))
    page = HtmlPage(here)
    page.heading(1, item["title"])
    page.add(*html.meta_panel(rows))
    if item.get("summary"):
        page.add(f"<p><strong>{html.escape(item['summary'])}</strong></p>")
    page.add_body(item.body.strip())
    page.add("<hr>")
    neighbours = ([f"Tin mới hơn: {html.link(previous['title'], here, previous.src_uri)}"] if previous else []) + (
        [f"Tin cũ hơn: {html.link(following['title'], here, following.src_uri)}"] if following else [])
    if neighbours:  # links, not what the item says: the search reads past them (`search._SKIP`)
        page.add('<nav class="cchc-neighbours" aria-label="Tin khác"><p>' + "<br>\n".join(neighbours) + "</p></nav>")
    return page


def feed_categories(item: Entry) -> tuple[str, ...]:
    return tuple(NEWS_CATEGORIES[c] for c in item["categories"]) + tuple(item.get("tags", []))


def page(item: Entry, site: Site, _context) -> HtmlPage:
    newer, older = site.neighbours.get(item.src_uri, (None, None))  # a draft previewed has no neighbours
    return news_page(item, site, newer, older)


def listing_pages(site: Site) -> dict[str, tuple[str, HtmlPage | html.Listed]]:
    pages: dict[str, tuple[str, HtmlPage | html.Listed]] = {}
    news = ordered(site.news)  # each listing keeps this order: a part of it
    lines = {n.src_uri: _line(n, site) for n in news}
    by_category: dict[str, list[Entry]] = {code: [] for code in NEWS_CATEGORIES}
    by_year: dict[int, list[Entry]] = {}
    tagged: dict[str, list[Entry]] = {}
    for item in news:
        for code in item["categories"]:
            by_category[code].append(item)
        by_year.setdefault(item["date"].year, []).append(item)
        for uri in dict.fromkeys(tag_uri(t) for t in item.get("tags", [])):  # two spellings of one tag: listed once
            tagged.setdefault(uri, []).append(item)
    names: dict[str, str] = {}  # a tag's listing, named as the newest item that has it writes it
    for item in site.news:
        for tag in item.get("tags", []):
            names.setdefault(tag_uri(tag), tag)
    years = sorted(by_year, reverse=True)

    def listing(first_uri: str, title: str, intro: Callable[[str], list[str]], items: list[Entry]) -> None:
        """A listing split into pages of PAGE_SIZE; `intro` gives a page its paragraphs."""
        pages.update(html.paginated(first_uri, title, intro, [lines[n.src_uri] for n in items], PAGE_SIZE,
                                    "Chưa có tin nào."))

    def intro(here: str) -> list[str]:
        browse = " · ".join(html.link(label, here, category_uri(code)) for code, label in NEWS_CATEGORIES.items())
        by_year_links = " · ".join(html.link(str(y), here, year_uri(y)) for y in years)
        return [f"<p>{len(news)} tin, mới nhất trước.</p>", f"<p>Chuyên mục: {browse}</p>",
                f"<p>Theo năm: {by_year_links}</p>"]

    listing(INDEX_URI, "Tin tức", intro, news)
    for code, label in NEWS_CATEGORIES.items():
        items = by_category[code]
        listing(category_uri(code), label, lambda here, n=len(items): [f"<p>Chuyên mục · {n} tin</p>"], items)
    for uri in names:  # in the order the newest items name them
        items = tagged[uri]
        listing(uri, f"Từ khóa: {names[uri]}", lambda here, n=len(items): [f"<p>{n} tin</p>"], items)
    for year in years:
        items = by_year[year]
        listing(year_uri(year), f"Tin tức năm {year}", lambda here, n=len(items): [f"<p>{n} tin</p>"], items)
    return pages


def latest_news(site: Site, here: str, items: list[Entry], limit: int = 5) -> str:
    """The news block of a Markdown page (home, department): a heading and an HTML list."""
    return "\n".join(["## Tin tức", "", *news_list(ordered(items)[:limit], here, site), "", ""])
