"""The pages the portal writes itself (lists, the finder, search, feeds), at addresses no content file may take."""

from __future__ import annotations

from ..content import Site, url_of
from ..problems import Problem
from ..reference import URI as REFERENCE_URI, reference_page
from .. import json_schema, search, subscriptions
from ..portal_info import PortalInfo
from . import english, questions
from . import pages as item_pages
from . import html
from .html import HtmlPage

COLOURS_CSS = "assets/mau-sac.css"  # written from extra.colours (cchc/colours.py)


def static_files(colours_css: str, editor: dict[str, str]) -> dict[str, str]:
    """The files besides pages the build writes from the declarations: schemas, the colours, the web editor's
    configuration (`cms.files`)."""
    return json_schema.files() | editor | {COLOURS_CSS: colours_css}


def portal_pages(site: Site, site_url: str, portal: PortalInfo | None = None) -> dict[str, tuple[str, str | HtmlPage]]:
    """{src_uri: (title, Markdown or HTML page)} of every generated page but the plans' own; `portal` is who runs the
    portal and how to reach it (mkdocs.yml's `extra.portal`)."""
    portal = portal or PortalInfo()
    pages = item_pages.listings(site)  # each kind's listings, from its renderer
    pages[search.PAGE_URI] = ("Tìm kiếm", search.page())
    pages[questions.FEEDBACK_URI] = (questions.FEEDBACK_TITLE, questions.feedback_page(portal.feedback))
    pages[REFERENCE_URI] = ("Các trường dữ liệu", reference_page())
    pages[subscriptions.PAGE_URI] = ("Theo dõi", subscriptions.subscriptions_page(site, site_url))
    return pages | english.pages(site, portal.rows)


def clashes(site: Site, uris) -> list[Problem]:
    """Content at an address the portal writes a page to: the portal's page would silently replace it."""
    found = []
    for uri in uris:
        entry = site.pages.get(uri)
        if entry is not None:
            field = "slug" if entry.src_uri != entry.source.removeprefix("docs/") else ""
            found.append(Problem(entry.source, entry.lines.get("slug", 0) if field else 0, field,
                                 f"địa chỉ /{url_of(uri)} là trang cổng tự tạo ({uri}); nội dung này sẽ bị thay mất",
                                 "đặt slug khác" if field else "đổi tên tệp hoặc chuyển sang thư mục khác"))
    return found


def problems_page(uri: str, problems: list[Problem]) -> HtmlPage:
    """What the preview shows at every address while the content has errors: each one, where, and what to write."""
    page = HtmlPage(uri)
    page.heading(1, "Nội dung có lỗi, chưa xem trước được")
    page.add(f"<p>{len(problems)} lỗi. Sửa các chỗ dưới đây rồi lưu tệp: trang này tự hiện lại nội dung khi hết lỗi.</p>",
             '<ol class="cchc-problems">')
    for problem in problems:
        where = f"{problem.path}:{problem.line}" if problem.line else problem.path
        field = f" [{html.escape(problem.field)}]" if problem.field else ""
        hint = f"<br>→ {html.escape(problem.hint)}" if problem.hint else ""
        page.add(f"<li><code>{html.escape(where)}</code>{field} {html.escape(problem.message)}{hint}</li>")
    page.add("</ol>")
    return page
