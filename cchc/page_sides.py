"""What the build cache keeps beside a page's converted parts (`Cache.keep_parts`), each read only where it is needed:
the page's HTML, which the theme and the feeds read, then, for a search document, its text and passages, which the
search process reads. The hooks write them as each page is converted (`on_page_content`)."""

from __future__ import annotations

from typing import Callable


def sides(page_html: str, texts: tuple[str, ...]) -> tuple[str, ...]:
    """What `keep_parts` keeps beside a page's parts: its HTML, and its search `texts` if it is a search document."""
    return (page_html, *texts)


def kept_html(cache, key: str) -> str:
    """The HTML of the page whose parts are kept under `key`."""
    return cache.sides(key, 1)[0]


def kept_texts(cache) -> Callable[[str], tuple[str, str]]:
    """A reader of a search document's text and passages, kept beside the parts whose key is the document's source."""
    def read(source: str) -> tuple[str, str]:
        kept = cache.sides(source)
        if kept is None or len(kept) != 3:
            raise LookupError(f"Bộ nhớ đệm không còn văn bản của trang {source}: xóa .cache/ rồi dựng lại.")
        return kept[1], kept[2]
    return read
