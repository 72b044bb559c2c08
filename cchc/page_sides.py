"""What the build cache keeps beside a page's converted parts (`Cache.keep_parts`), read only where it is needed: the
page's HTML, which the theme and the feeds read, and from which the search process reads a search document's texts
again if its run is indexed again (`search.texts`, as the build read them once it was converted: kept beside the HTML,
they were a sixth of the cache's entries at 10,000 documents, written on every build from scratch). The hooks keep it
as each page is converted (`on_page_content`)."""

from __future__ import annotations

from typing import Callable

from . import search


def kept_html(cache, key: str) -> str:
    """The HTML of the page whose parts are kept under `key`."""
    return cache.sides(key)[0]


def kept_texts(cache) -> Callable[[str], tuple[str, str]]:
    """A reader of a search document's text and passages, from the HTML kept beside the parts whose key is the
    document's source."""
    def read(source: str) -> tuple[str, str]:
        kept = cache.sides(source)
        if not kept:
            raise LookupError(f"Bộ nhớ đệm không còn văn bản của trang {source}: xóa .cache/ rồi dựng lại.")
        return search.texts(kept[0])
    return read
