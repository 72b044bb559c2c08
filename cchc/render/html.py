"""Generated pages written as HTML, not as Markdown for Python-Markdown to parse again.

A listing of a thousand news items is made from checked values only: writing it as Markdown links cost more
than converting every editor's text (the speed issue's profile). A page built here carries its headings for the
table of contents, with the ids and permalinks Python-Markdown's `toc` extension would give them, and links
between pages as MkDocs writes them (relative, directory URLs).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache, partial
from typing import Callable

from ..build_cache import value_digest
from ..content import relative_path, url_of
from ..text import heading_slug

PERMALINK_TITLE = "Liên kết tới mục này"  # set as the `toc` extension's too (hooks/portal.py), for Markdown pages


def escape(value) -> str:
    """Editor text as HTML text, its spacing collapsed as Markdown would."""
    return html.escape(" ".join(str(value).split()), quote=True)


def href(here: str, to_uri: str, anchor: str = "") -> str:
    """The address of page `to_uri` from page `here` (both source paths), as MkDocs writes it: `relative_path` of
    their URLs, each split once (a rebuild at 10,000 documents makes 300,000 links to key the pages it did not walk)."""
    to, at = _folders(to_uri), _folders(here)
    common, most = 0, min(len(to), len(at))
    while common < most and to[common] == at[common]:
        common += 1
    relative = "/".join(("..",) * (len(at) - common) + to[common:])
    return (relative + "/" if relative else "./") + (f"#{anchor}" if anchor else "")


@lru_cache(maxsize=1 << 16)
def _folders(src_uri: str) -> tuple[str, ...]:
    """The folders of a page's URL (`tin-tuc/2020/a.md`: `tin-tuc`, `2020`, `a`); a source path is normalized (no
    `.`, `..` or empty part), as MkDocs gives it."""
    return tuple(url_of(src_uri).split("/")[:-1])


def file_href(here: str, path: str) -> str:
    """The address of a file of the site (`chi-so/par-index/ubnd-kh.svg`) from page `here`."""
    return relative_path(path, url_of(here))


def link(label, here: str, to_uri: str, anchor: str = "") -> str:
    return link_to(label, to_uri, anchor)(here)


def link_to(label, to_uri: str, anchor: str = "") -> Callable[[str], str]:
    """`link` from any page, its label escaped once: listings link one item from many pages."""
    text = escape(label)
    return lambda here: f'<a href="{html.escape(href(here, to_uri, anchor))}">{text}</a>'


@dataclass(frozen=True)
class Line:
    """A listing's line for an item, made for the page it lands on: what comes before its link, the link's HTML
    label and target, and what comes after. All of it but the link's address is known before the page (`named`), so a
    listing page is named by its lines without making them (`Listed`)."""

    before: str
    label: str
    to_uri: str
    after: str

    def __call__(self, here: str) -> str:
        return f'{self.before}<a href="{html.escape(href(here, self.to_uri))}">{self.label}</a>{self.after}'

    @property
    def named(self) -> tuple[str, str, str, str]:
        return self.before, self.label, self.to_uri, self.after


@dataclass
class Listed:
    """A listing page named by everything it is made of (`key`), made only when something reads it (`page`): a
    rebuild places the listing pages its key says are unchanged without making them (2,350 pages of a news edit's
    rebuild at 10,000 documents, a fifth of a second)."""

    key: str
    make: Callable[[], "HtmlPage"]

    @cached_property
    def page(self) -> "HtmlPage":
        return self.make()


BODY = "<!-- cchc: the editor's Markdown, converted, goes here -->"


@dataclass
class HtmlPage:
    """A generated page: its HTML, its headings (for the table of contents), and at most one editor's Markdown
    text (`body`), which MkDocs converts where `BODY` stands (its links and anchors checked as any page's)."""

    uri: str
    parts: list[str] = field(default_factory=list)
    headings: list[dict] = field(default_factory=list)  # in page order, as `toc_tokens` without children
    body: str | None = None
    body_at: int = 0  # how many headings come before the body

    def heading(self, level: int, text: str, after: str = "") -> None:
        """A heading whose id and table-of-contents entry are `text`; `after` (a count) is shown only."""
        slug = _unique(heading_slug(text, "-") or "muc", self.ids)
        self.parts.append(f'<h{level} id="{slug}">{escape(text)}{html.escape(after)}<a class="headerlink" '
                          f'href="#{slug}" title="{PERMALINK_TITLE}">¶</a></h{level}>')
        self.headings.append({"level": level, "id": slug, "name": escape(text), "children": []})

    def add(self, *parts: str) -> None:
        self.parts.extend(parts)

    def add_body(self, markdown: str) -> None:
        self.parts.append(BODY)
        self.body, self.body_at = markdown, len(self.headings)

    @property
    def ids(self) -> list[str]:
        return [h["id"] for h in self.headings]

    @property
    def toc(self) -> list[dict]:
        return nest(self.headings)

    @property
    def html(self) -> str:
        return "\n".join(self.parts) + "\n"

    @property
    def source(self) -> str:
        """What the page is made from: its HTML and its Markdown body (the build cache's key covers both)."""
        return self.html if self.body is None else f"{self.html}{BODY}\n{self.body}"

    def with_body(self, body_html: str, body_toc: list[dict]) -> tuple[str, list[dict], list[str]]:
        """The page's HTML, table of contents and ids once its body is converted. A heading of the body whose id
        the page already has gets the next free one, as the `toc` extension would have given it (and a link to
        `#id` still means the page's heading, as it would in one Markdown text)."""
        taken, renamed, body = list(self.ids), {}, flatten(body_toc)
        for token in body:
            if token["id"] in taken:
                renamed[token["id"]] = token["id"] = _unique(token["id"], taken)
            taken.append(token["id"])
        if renamed:
            body_html = re.sub(r'(id="|class="headerlink" href="#)([^"]+)"', lambda m: f'{m[1]}{renamed.get(m[2], m[2])}"',
                               body_html)
        headings = self.headings[:self.body_at] + body + self.headings[self.body_at:]
        return self.html.replace(BODY, body_html), nest(headings), [h["id"] for h in headings]


def _unique(slug: str, taken: list[str]) -> str:
    base, number = slug, 1
    while slug in taken:  # as the `toc` extension makes ids unique
        slug, number = f"{base}_{number}", number + 1
    return slug


def flatten(tokens: list[dict]) -> list[dict]:
    return [flat for t in tokens for flat in [{**t, "children": []}, *flatten(t["children"])]]


def nest(flat: list[dict]) -> list[dict]:
    """Headings in page order as the `toc` extension nests them: a deeper heading under the one before it."""
    toc: list[dict] = []
    for heading in flat:
        token, siblings = {**heading, "children": []}, toc
        while siblings and siblings[-1]["level"] < token["level"]:
            siblings = siblings[-1]["children"]
        siblings.append(token)
    return toc


def meta_panel(rows: list[tuple[str, str]]) -> list[str]:
    """The metadata panel of documents, departments, news and procedures: terms and HTML values."""
    return ['<div class="cchc-meta">', "<dl>", *(f"<dt>{escape(term)}</dt>\n<dd>{value}</dd>" for term, value in rows),
            "</dl>", "</div>"]


def rows_table(head: list[str], rows: list[list], ids: list[str] | None = None) -> list[str]:
    """A table whose rows a phone shows stacked, each cell under its column's name (`cchc.css`), where a table
    wider than the screen would scroll sideways out of reach. A cell is its HTML, or (HTML, columns it spans);
    `ids` gives each row an anchor."""
    lines = ['<div class="cchc-rows"><table>', "<thead><tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr></thead>",
             "<tbody>"]
    for number, row in enumerate(rows):
        cells, column = [], 0
        for cell, span in (c if isinstance(c, tuple) else (c, 1) for c in row):
            label = " / ".join(head[column:column + span])
            cells.append(f'<td data-label="{html.escape(label)}"' + (f' colspan="{span}"' if span > 1 else "") + f">{cell}</td>")
            column += span
        lines.append((f'<tr id="{ids[number]}">' if ids else "<tr>") + "".join(cells) + "</tr>")
    return [*lines, "</tbody>", "</table></div>", ""]


def item_list(items: list[str], empty: str) -> list[str]:
    """`<li>` lines as a list, or what to say when there are none."""
    return ["<ul>", *items, "</ul>"] if items else [f"<p>{escape(empty)}</p>"]


@dataclass(frozen=True)
class Paging:
    """How a list split into pages names them: Vietnamese lists run newest first; the English ones do not."""
    previous: str = "← Mới hơn"
    next: str = "Cũ hơn →"
    page: str = "trang"  # in titles (`Tin tức – trang 2`) and file names (`trang-2.md`)
    position: str = "Trang"  # `Trang 2/5`


ENGLISH_PAGING = Paging("← Previous", "Next →", "page", "Page")


def paginated(first_uri: str, title: str, intro: Callable[[str], list[str]], items: list[Callable[[str], str]],
              size: int, empty: str, paging: Paging = Paging(), heading: str = "") -> dict[str, tuple[str, HtmlPage | Listed]]:
    """{src_uri: (title, page)} of a list split into pages of `size` items, linked newer ↔ older, under `heading`
    if given. The intro and each item are made for the page they land on (given its source path: their links are
    relative). A list of `Line`s is a list of `Listed` pages, each made once read."""
    total = max(1, -(-len(items) // size))
    base = first_uri.rsplit("/", 1)[0]
    uris = [first_uri] + [f"{base}/{paging.page}-{n}.md" for n in range(2, total + 1)]
    named = bool(items) and all(isinstance(item, Line) for item in items)
    pages = {}
    for number, here in enumerate(uris, 1):
        page_title = title if number == 1 else f"{title} – {paging.page} {number}"
        shown = items[(number - 1) * size: number * size]
        before, after = uris[number - 2] if number > 1 else "", uris[number] if number < total else ""
        made = partial(_listing_page, here, page_title, intro(here), heading, len(items), shown, empty, before, number,
                       total, after, paging)
        # Named by what it is made of: its lines by what they show, `paging` by its fields.
        page = made() if not named else Listed(value_digest(
            (*made.args[:5], [line.named for line in shown], *made.args[6:-1], vars(paging))), made)
        pages[here] = (page_title, page)
    return pages


def _listing_page(here: str, title: str, intro: list[str], heading: str, count: int, items: list[Callable[[str], str]],
                  empty: str, before: str, number: int, total: int, after: str, paging: Paging) -> HtmlPage:
    """Page `number` of `total` of a listing: its items between the pages `before` and `after` it (if any)."""
    page = HtmlPage(here)
    page.heading(1, title)
    page.add(*intro)
    if heading:
        page.heading(2, heading, f" ({count})")
    page.add(*item_list([item(here) for item in items], empty))
    if total > 1:
        nav = [link(paging.previous, here, before)] if before else []
        nav.append(f"{paging.position} {number}/{total}")
        nav += [link(paging.next, here, after)] if after else []
        page.add('<nav class="cchc-pages">', " · ".join(nav), "</nav>")
    return page
