"""The sitemap written by a plain loop, in the bytes MkDocs' own template writes."""

from pathlib import Path
from types import SimpleNamespace

import jinja2
import markupsafe
import mkdocs

from cchc import sitemap


def _page(address, canonical, date, link=False):
    return SimpleNamespace(page=SimpleNamespace(is_link=link, abs_url=address, canonical_url=canonical, update_date=date))


FILES = [_page("/van-ban/489-qd-ubnd/", "https://cchc.example.gov.vn/van-ban/489-qd-ubnd/", "2025-12-28"),
         _page("/tim-kiem/?q=a&b=<c>", None, ""),  # no site address: its own, escaped; no date: an empty line
         _page("/lien-ket/", "https://example.vn/", "2025-01-01", link=True),  # a link in the nav: not a page
         _page(None, None, "2025-01-01"),  # no address at all
         _page("/tin-tuc/", "https://cchc.example.gov.vn/tin-tuc/'x'", "2026-11-25")]


def _mkdocs_template(autoescape: bool) -> jinja2.Template:
    folder = Path(mkdocs.__file__).parent / "templates"
    return jinja2.Environment(loader=jinja2.FileSystemLoader(folder), autoescape=autoescape).get_template("sitemap.xml")


def test_the_sitemap_is_what_mkdocs_template_writes_for_the_same_pages():
    for autoescape in (False, True):  # MkDocs' environment, and the portal's (`on_env`)
        assert sitemap.xml(FILES) == _mkdocs_template(autoescape).render(pages=FILES)
    assert sitemap.xml([]) == _mkdocs_template(True).render(pages=[])
    assert "<loc>/tim-kiem/?q=a&amp;b=&lt;c&gt;</loc>" in sitemap.xml(FILES)


def test_the_portal_s_template_hands_the_sitemap_to_the_hooks():
    template = (Path(__file__).parent.parent / "overrides" / "sitemap.xml").read_text(encoding="utf-8")
    rendered = jinja2.Environment(autoescape=True).from_string(template).render(
        pages=FILES, cchc_sitemap=lambda files: markupsafe.Markup(sitemap.xml(files)))
    assert rendered == _mkdocs_template(True).render(pages=FILES)
