"""Hỏi đáp: a question as it was asked and the answer a department published, its listing, and the page that says
where to send a question or a complaint (phản ánh, kiến nghị), from `extra.portal.feedback`."""

from __future__ import annotations

from ..content import Entry, Site
from ..dates import display_date
from ..kinds import QUESTION
from ..text import fold
from . import html
from .html import HtmlPage
from .markdown import link, meta_panel, text
from .procedures import prose

INDEX_URI = f"{QUESTION.folder}/index.md"
FEEDBACK_URI = f"{QUESTION.folder}/gui-cau-hoi.md"
FEEDBACK_TITLE = "Gửi câu hỏi, phản ánh, kiến nghị"
PAGE_SIZE = 20
MISSING = "Chưa cập nhật"


def page(question: Entry, site: Site, _context) -> str:
    here = question.src_uri
    department = site.departments[question["department"]]
    rows = [("Ngày hỏi", display_date(question["asked"]))]
    if question.get("asker"):
        rows.append(("Người hỏi", text(question["asker"])))
    if question.get("field"):
        rows.append(("Lĩnh vực", text(question["field"])))
    rows += [("Cơ quan trả lời", link(department["name"], here, department.src_uri)),
             ("Ngày trả lời", display_date(question["answered"]))]
    parts = [f"# {text(question['title'])}", "", *meta_panel(rows), "## Câu hỏi", "",
             '<div class="cchc-question" markdown>', "", *prose(question["question"]), "", "</div>", "",
             "## Trả lời", "", question.body.strip() or MISSING, ""]
    procedures = [site.procedure_by_code[c] for c in question.get("procedures", []) if c in site.procedure_by_code]
    if procedures:
        parts += ["## Thủ tục liên quan", "", *(f"- {link(p['name'], here, p.src_uri)} ({text(p['code'])})" for p in procedures), ""]
    documents = [site.plan_by_number[fold(n)] for n in question.get("documents", []) if fold(n) in site.plan_by_number]
    if documents:
        parts += ["## Văn bản liên quan", "",
                  *(f"- {link(p['doc_type'] + ' số ' + p['number'], here, p.src_uri)}: {text(p['title'])}" for p in documents), ""]
    parts += ["---", "", f"Có câu hỏi khác? {link(FEEDBACK_TITLE, here, FEEDBACK_URI)} · {link('Các câu hỏi đã trả lời', here, INDEX_URI)}", ""]
    return "\n".join(parts)


def feed_categories(question: Entry) -> tuple[str, ...]:
    return ("Hỏi đáp",) + ((question["field"],) if question.get("field") else ())


def _item(question: Entry, here: str, site: Site) -> str:
    department = site.departments[question["department"]]
    said = [f"Trả lời ngày {display_date(question['answered'])}", html.escape(department["name"])]
    if question.get("field"):
        said.append(html.escape(question["field"]))
    return f"<li>{html.link(question['title'], here, question.src_uri)}<br>\n  {' · '.join(said)}</li>"


def listing_pages(site: Site) -> dict[str, tuple[str, HtmlPage]]:
    """The answered questions, newest answer first."""
    items = site.entries.get(QUESTION.name, [])

    def intro(here: str) -> list[str]:
        return [f"<p>{len(items)} câu hỏi của người dân, doanh nghiệp đã được cơ quan trả lời, mới nhất trước. "
                f"Muốn hỏi hoặc phản ánh: {html.link(FEEDBACK_TITLE.lower(), here, FEEDBACK_URI)}.</p>"]

    return html.paginated(INDEX_URI, "Hỏi đáp", intro, [lambda here, q=q: _item(q, here, site) for q in items],
                          PAGE_SIZE, "Chưa có câu hỏi nào được trả lời trên cổng.")


def feedback_page(channels: list[tuple[str, str, str]]) -> HtmlPage:
    """Where to send a question or a complaint: `channels` are (what, text, address or "")."""
    page = HtmlPage(FEEDBACK_URI)
    page.heading(1, FEEDBACK_TITLE)
    page.add("<p>Người dân, doanh nghiệp gửi câu hỏi, phản ánh, kiến nghị về quy định hành chính và việc giải quyết "
             "thủ tục hành chính qua một trong các kênh dưới đây (Nghị định 20/2008/NĐ-CP). Câu trả lời được đăng "
             f"công khai ở mục {html.link('Hỏi đáp', FEEDBACK_URI, INDEX_URI)} (không kèm thông tin cá nhân của người hỏi).</p>")
    rows = [(what, f'<a href="{html.escape(href)}">{html.escape(value)}</a>' if href else html.escape(value))
            for what, value, href in channels]
    page.add(*html.meta_panel(rows))
    if any(value == MISSING for _what, value, _href in channels):
        page.add(f"<p>Kênh ghi “{MISSING}”: Ban biên tập chưa công bố trên cổng; dùng các kênh còn lại.</p>")
    page.add("<p>Khi gửi, nêu rõ: họ tên, địa chỉ, số điện thoại liên hệ; nội dung câu hỏi hoặc phản ánh; thủ tục, văn "
             "bản liên quan (tên, mã hoặc số ký hiệu).</p>")
    return page
