"""The site's own paths joined to its address, as `urljoin` joins them, without parsing the address again for each
of ten thousand pages and feed items: MkDocs made every page's address by `urljoin` and `urlsplit` (0.5 s of every
build at 10,000 documents), the feeds each item's twice."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable
from urllib.parse import urljoin, urlsplit

# A path of plain segments: no scheme, query, fragment, escape, `.` or `..` segment, nothing `urljoin` would read.
_PLAIN = re.compile(r"(?:[A-Za-z0-9_~-][A-Za-z0-9._~-]*/)*(?:[A-Za-z0-9_~-][A-Za-z0-9._~-]*)?")
_PROBE = "a-b/c.d/"


def _slow(site_url: str, path: str) -> tuple[str, str]:
    joined = urljoin(site_url, path)
    return joined, urlsplit(joined).path


@lru_cache(maxsize=8)
def joining(site_url: str) -> Callable[[str], tuple[str, str]]:
    """For a path of the site: `urljoin(site_url, path)` and that address's own path. A plain path is added to the
    address where that gives what `urljoin` gives (an address ending with `/`, nothing for `urljoin` to rewrite:
    tried once per address); any other path is joined by `urljoin`."""
    own = urlsplit(site_url).path
    if site_url.endswith("/") and _slow(site_url, _PROBE) == (site_url + _PROBE, own + _PROBE):
        return lambda path: (site_url + path, own + path) if _PLAIN.fullmatch(path) else _slow(site_url, path)
    return lambda path: _slow(site_url, path)
