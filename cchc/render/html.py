"""Generated pages written as HTML, not as Markdown for Python-Markdown to parse again.

A listing of a thousand news items is made from checked values only: writing it as Markdown links cost more
than converting every editor's text (the speed issue's profile). A page built here carries its headings for the
table of contents, with the ids and permalinks Python-Markdown's `toc` extension would give them, and links
between pages as MkDocs writes them (relative, directory URLs).
"""

from __future__ import annotations

import html
import posixpath
from dataclasses import dataclass, field
from typing import Callable

from ..content import url_of
from ..text import heading_slug

PERMALINK_TITLE = "Liên kết tới mục này"  # set as the `toc` extension's too (hooks/portal.py), for Markdown pages


def escape(value) -> str:
    """Editor text as HTML text, its spacing collapsed as Markdown would."""
    return html.escape(" ".join(str(value).split()), quote=True)


def href(here: str, to_uri: str, anchor: str = "") -> str:
    """The address of page `to_uri` from page `here` (both source paths), as MkDocs writes it."""
    relative = posixpath.relpath(url_of(to_uri) or ".", url_of(here) or ".")
    return ("./" if relative == "." else relative + "/") + (f"#{anchor}" if anchor else "")


def link(label, here: str, to_uri: str, anchor: str = "") -> str:
    return f'<a href="{html.escape(href(here, to_uri, anchor))}">{escape(label)}</a>'


@dataclass
class HtmlPage:
    """A generated page: its HTML and the table of contents its headings make."""

    uri: str
    parts: list[str] = field(default_factory=list)
    toc: list[dict] = field(default_factory=list)  # as Python-Markdown's `toc_tokens`
    ids: list[str] = field(default_factory=list)

    def heading(self, level: int, text: str, after: str = "") -> None:
        """A heading whose id and table-of-contents entry are `text`; `after` (a count) is shown only."""
        slug = base = heading_slug(text, "-") or "muc"
        number = 1
        while slug in self.ids:  # as the `toc` extension makes ids unique
            slug, number = f"{base}_{number}", number + 1
        self.ids.append(slug)
        self.parts.append(f'<h{level} id="{slug}">{escape(text)}{html.escape(after)}<a class="headerlink" href="#{slug}" '
                          f'title="{PERMALINK_TITLE}">¶</a></h{level}>')
        token = {"level": level, "id": slug, "name": escape(text), "children": []}
        siblings = self.toc
        while siblings and siblings[-1]["level"] < level:
            siblings = siblings[-1]["children"]
        siblings.append(token)

    def add(self, *parts: str) -> None:
        self.parts.extend(parts)

    @property
    def html(self) -> str:
        return "\n".join(self.parts) + "\n"


def item_list(items: list[str], empty: str) -> list[str]:
    """`<li>` lines as a list, or what to say when there are none."""
    return ["<ul>", *items, "</ul>"] if items else [f"<p>{escape(empty)}</p>"]


def paginated(first_uri: str, title: str, intro: Callable[[str], list[str]], items: list[Callable[[str], str]],
              size: int, empty: str) -> dict[str, tuple[str, HtmlPage]]:
    """{src_uri: (title, page)} of a list split into pages of `size` items, linked newer ↔ older. The intro and
    each item are made for the page they land on (given its source path: their links are relative)."""
    total = max(1, -(-len(items) // size))
    base = first_uri.rsplit("/", 1)[0]
    uris = [first_uri] + [f"{base}/trang-{n}.md" for n in range(2, total + 1)]
    pages = {}
    for number, here in enumerate(uris, 1):
        page_title = title if number == 1 else f"{title} – trang {number}"
        page = HtmlPage(here)
        page.heading(1, page_title)
        page.add(*intro(here), *item_list([item(here) for item in items[(number - 1) * size: number * size]], empty))
        if total > 1:
            nav = [link("← Mới hơn", here, uris[number - 2])] if number > 1 else []
            nav.append(f"Trang {number}/{total}")
            nav += [link("Cũ hơn →", here, uris[number])] if number < total else []
            page.add('<nav class="cchc-pages">', " · ".join(nav), "</nav>")
        pages[here] = (page_title, page)
    return pages
