"""The sitemap (`sitemap.xml`), byte for byte as MkDocs' own template writes it, by a plain loop: Jinja's loop over
13,000 pages was 0.05 s of every rebuild at 10,000 documents (overrides/sitemap.xml calls it)."""

from __future__ import annotations

from typing import Iterable

from markupsafe import escape

_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'


def xml(files: Iterable) -> str:
    """The sitemap of MkDocs' documentation files (`files`, each with its `page`), as its template lists them: each
    page with an address but the nav's links, by its address on the site, with the date it last changed."""
    rows = []
    for file in files:
        page = file.page
        if page.is_link or not (page.abs_url or page.canonical_url):
            continue
        date = f"<lastmod>{escape(page.update_date)}</lastmod>" if page.update_date else ""
        rows.append(f"    <url>\n         <loc>{escape(page.canonical_url or page.abs_url)}</loc>\n         {date}\n    </url>\n")
    return _HEAD + "".join(rows) + "</urlset>"
