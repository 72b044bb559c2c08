"""News pages: each item's header and previous/next, the paginated listings (all, per category,
per tag, per year), and the news blocks of the home and department pages."""

from __future__ import annotations

from ..content import NEWS_DIR, Entry, Site
from ..dates import display_datetime
from ..text import slugify
from ..vocab import NEWS_CATEGORIES
from .markdown import link, meta_panel, text

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
    department = site.departments[item["department"]]
    pin = '<span class="cchc-pin">Nổi bật</span> ' if item.get("pinned") else ""  # words, not an emoji
    line = (f"- {pin}{link(item['title'], here, item.src_uri)} · {display_datetime(item['date'])} · "
            f"{text(department['name'])}")  # a short name (Sở Ngoại vụ) is ambiguous across provinces
    return line + (f"  \n  {text(item['summary'])}" if item.get("summary") else "")


def news_page(item: Entry, site: Site, previous: Entry | None, following: Entry | None) -> str:
    here = item.src_uri
    department = site.departments[item["department"]]
    rows = [("Ngày đăng", display_datetime(item["date"])),
            ("Cơ quan", link(department["name"], here, department.src_uri)),
            ("Chuyên mục", ", ".join(link(NEWS_CATEGORIES[c], here, category_uri(c)) for c in item["categories"]))]
    if item.get("tags"):
        # A tag only a draft uses has no listing yet (the preview shows drafts): named, not linked.
        rows.append(("Từ khóa", ", ".join(link(t, here, tag_uri(t)) if t in site.tags else text(t) for t in item["tags"])))
    parts = [f"# {text(item['title'])}", "", *meta_panel(rows)]
    if item.get("summary"):
        parts += [f"**{text(item['summary'])}**", ""]
    parts += [item.body.strip(), "", "---", ""]
    if previous:
        parts.append(f"Tin mới hơn: {link(previous['title'], here, previous.src_uri)}  ")
    if following:
        parts.append(f"Tin cũ hơn: {link(following['title'], here, following.src_uri)}")
    return "\n".join(parts) + "\n"


def listing_pages(first_uri: str, title: str, intro: str, items: list[Entry], site: Site) -> dict[str, tuple[str, str]]:
    """{src_uri: (title, markdown)} for a listing split into pages of PAGE_SIZE."""
    items = ordered(items)
    total = max(1, -(-len(items) // PAGE_SIZE))
    base = first_uri.rsplit("/", 1)[0]
    uris = [first_uri] + [f"{base}/trang-{n}.md" for n in range(2, total + 1)]
    pages = {}
    for number, here in enumerate(uris, 1):
        chunk = items[(number - 1) * PAGE_SIZE: number * PAGE_SIZE]
        page_title = title if number == 1 else f"{title} – trang {number}"
        parts = [f"# {text(page_title)}", "", intro, ""]
        parts += [news_item(n, here, site) for n in chunk] or ["Chưa có tin nào."]
        if total > 1:
            nav = []
            if number > 1:
                nav.append(link("← Mới hơn", here, uris[number - 2]))
            nav.append(f"Trang {number}/{total}")
            if number < total:
                nav.append(link("Cũ hơn →", here, uris[number]))
            parts += ["", '<nav class="cchc-pages" markdown>', " · ".join(nav), "</nav>"]
        pages[here] = (page_title, "\n".join(parts) + "\n")
    return pages


def all_listings(site: Site) -> dict[str, tuple[str, str]]:
    pages: dict[str, tuple[str, str]] = {}
    years = sorted({n["date"].year for n in site.news}, reverse=True)
    browse = " · ".join(link(label, INDEX_URI, category_uri(code)) for code, label in NEWS_CATEGORIES.items())
    by_year = " · ".join(link(str(y), INDEX_URI, year_uri(y)) for y in years)
    pages |= listing_pages(INDEX_URI, "Tin tức", f"{len(site.news)} tin, mới nhất trước.\n\nChuyên mục: {browse}\n\n"
                           f"Theo năm: {by_year}", site.news, site)
    for code, label in NEWS_CATEGORIES.items():
        items = [n for n in site.news if code in n["categories"]]
        pages |= listing_pages(category_uri(code), label, f"Chuyên mục · {len(items)} tin", items, site)
    tags: dict[str, list[Entry]] = {}
    for item in site.news:
        for tag in item.get("tags", []):
            tags.setdefault(tag_uri(tag), []).append(item)
    for uri, items in tags.items():
        name = next(t for t in items[0]["tags"] if tag_uri(t) == uri)
        pages |= listing_pages(uri, f"Từ khóa: {name}", f"{len(items)} tin", items, site)
    for year in years:
        items = [n for n in site.news if n["date"].year == year]
        pages |= listing_pages(year_uri(year), f"Tin tức năm {year}", f"{len(items)} tin", items, site)
    return pages


def latest_news(site: Site, here: str, items: list[Entry], limit: int = 5) -> str:
    parts = ["## Tin tức", ""]
    parts += [news_item(n, here, site) for n in ordered(items)[:limit]] or ["Chưa có tin nào."]
    return "\n".join(parts + [""])
