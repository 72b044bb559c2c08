"""The text of a PDF with a text layer, laid out as a copy from Word gives it: one line per paragraph, the cells of
a borderless table (the header's issuer beside the motto, the recipients beside the signature) one column after the
other.

PDFium (pypdfium2) gives each run of text with its box on the page; the reading order is rebuilt from the boxes:
lines from runs at the same height, columns from a wide gap in a line, paragraphs from where a line ends (short of
the margin), how far it is from the next, and how the next one opens (`Điều 2.`, `- `, `a)`…). A PDF made of
scanned images has no text layer: `ScannedPdf` says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path


class ScannedPdf(ValueError):
    """A PDF whose pages are images only."""


@dataclass
class Run:
    left: float
    bottom: float
    right: float
    top: float
    text: str
    page: int = 0

    @property
    def height(self) -> float:
        return self.top - self.bottom


# What opens a paragraph of an official document, whatever came before it.
_OPENS = re.compile(r"^(?:Điều \d|Chương [IVXLC\d]|Mục \d|Phần [IVXLC\d]|[IVXLC]+\.\s|\d+(?:\.\d+)*\.\s|[a-zđ]\)\s"
                    r"|[-+•–]\s|Căn cứ\b|Xét\b|Theo đề nghị\b|Nơi nhận\b|TM\.|KT\.|TL\.|Q\.)")
_GOES_ON = re.compile(r"^(?:[-+•]\s|V/v\b)")  # a recipient, or the subject under a letter's number
_PAGE_NUMBER = re.compile(r"^(?:-\s*)?\d{1,3}(?:\s*-)?$|^Trang \d+")
COLUMN_GAP = 18.0  # points between two runs of one line that makes them two cells: about four spaces


def read_pdf(path: Path) -> str:
    """ValueError, in Vietnamese, for a file that is not a readable PDF; ScannedPdf for one with no text."""
    import pypdfium2 as pdfium  # noqa: PLC0415 - only the importer needs PDFium

    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as error:
        hint = "có mật khẩu: mở bằng trình đọc PDF, in ra PDF không mật khẩu" if "password" in str(error).lower() \
            else "tệp hỏng hoặc không phải PDF: tải lại bản gốc"
        raise ValueError(f"không mở được tệp PDF ({hint})") from None
    try:
        pages = [_page_runs(document[index], index) for index in range(len(document))]
    finally:
        document.close()
    if not any(pages):
        raise ScannedPdf(f"PDF có {len(pages)} trang chỉ là ảnh (bản quét), không có lớp chữ để đọc: nhận dạng chữ "
                         "(OCR) bằng phần mềm có tiếng Việt rồi nhập tệp .docx hoặc .txt, hoặc xin cơ quan ban hành bản "
                         "PDF xuất từ Word")
    return "\n".join(layout(pages)) + "\n"


def _page_runs(page, number: int) -> list[Run]:
    text_page = page.get_textpage()
    runs = []
    for index in range(text_page.count_rects()):
        left, bottom, right, top = text_page.get_rect(index)
        text = " ".join(text_page.get_text_bounded(left, bottom, right, top).split())
        if text:
            runs.append(Run(left, bottom, right, top, text, number))
    return runs


def layout(pages: list[list[Run]]) -> list[str]:
    """The paragraphs of a document's pages, in reading order: a paragraph or a table goes on over a page break."""
    lines = []
    for runs in pages:
        found = _lines(runs)
        lines += [line for i, line in enumerate(found) if not (i in (0, len(found) - 1) and len(line) == 1
                                                              and _PAGE_NUMBER.match(line[0].text))]
    if not lines:
        return []
    body = [line[0] for line in lines if len(line) == 1]
    left = min((run.left for run in body), default=min(run.left for line in lines for run in line))
    right = max((run.right for run in body), default=max(run.right for line in lines for run in line))
    paragraphs: list[str] = []
    index = 0
    while index < len(lines):
        if len(lines[index]) > 1:
            index = _table(lines, index, paragraphs)
            continue
        start = index
        while index + 1 < len(lines) and len(lines[index + 1]) == 1 and _continues(
                lines[index][0], lines[index + 1][0], left, right):
            index += 1
        paragraphs.append(_joined([line[0] for line in lines[start:index + 1]]))
        index += 1
    return paragraphs


def _lines(runs: list[Run]) -> list[list[Run]]:
    """Runs at the same height as one line, its cells left to right (runs closer than COLUMN_GAP as one cell)."""
    lines: list[list[Run]] = []
    for run in sorted(runs, key=lambda r: (-r.top, r.left)):
        if lines:
            last = lines[-1][-1]
            overlap = min(last.top, run.top) - max(last.bottom, run.bottom)
            if overlap > 0.5 * min(last.height, run.height):
                lines[-1].append(run)
                continue
        lines.append([run])
    cells = []
    for line in lines:
        line.sort(key=lambda r: r.left)
        merged = [line[0]]
        for run in line[1:]:
            if run.left - merged[-1].right < COLUMN_GAP:
                last = merged[-1]
                merged[-1] = Run(last.left, min(last.bottom, run.bottom), run.right, max(last.top, run.top),
                                 f"{last.text} {run.text}", run.page)
            else:
                merged.append(run)
        cells.append(merged)
    return cells


def _continues(above: Run, below: Run, left: float, right: float) -> bool:
    """Whether `below` goes on with the paragraph of `above`."""
    if _OPENS.match(below.text) or _below(above, below, 0.8):  # a list item, or a paragraph's space
        return False
    em = above.height
    width = (above.right - above.left) / max(1, len(above.text))  # of a letter, on average
    if right - above.right < (len(below.text.split()[0]) + 2) * width:  # the next word had no room: the line wraps
        return below.left <= left + em
    centre = (left + right) / 2
    centred = all(abs((run.left + run.right) / 2 - centre) < em for run in (above, below))
    return centred and above.left > left + 2 * em  # a centred title over two lines


def _joined(runs: list[Run]) -> str:
    """The lines of one paragraph as one line. PDFium marks a hyphen that ends a line (`163/KH-` / `UBND`) as U+0002:
    Vietnamese does not hyphenate its words, so it is the text's own hyphen, and the next line follows it directly
    (after a space, `2011 -` / `2020`, it stands between words)."""
    text = ""
    for run in runs:
        if text.endswith("\x02"):
            text = text[:-1] + ("- " if text[-2:-1] == " " else "-") + run.text
        else:
            text = f"{text} {run.text}" if text else run.text
    return text.replace("\x02", "-")


def _below(above: Run, below: Run, lines: float) -> bool:
    """Whether `below` is further below `above` than `lines` times its height, on the same page (the top of the next
    page follows the bottom of this one)."""
    return below.page == above.page and below.top < above.bottom - lines * above.height


def _table(lines: list[list[Run]], index: int, paragraphs: list[str]) -> int:
    """The table that starts at `lines[index]` (a line of two cells or more): each column's cells as paragraphs, the
    left column first, a cell's lines joined when they are as close as a wrapped line; the index after it."""
    first = lines[index]
    _gap, boundary, right_column = max((b.left - a.right, (a.right + b.left) / 2, b.left) for a, b in zip(first, first[1:]))
    end = last_right = index + 1
    while end < len(lines):  # as far as lines keep to the columns, the last one with a right cell ending the table
        line, above = lines[end], lines[end - 1][0]
        if any(run.left < boundary < run.right for run in line) or _below(above, line[0], 3):
            break
        end += 1
        if any((run.left + run.right) / 2 > boundary for run in line):
            last_right = end
    end = last_right
    # The left column may go on alone (the recipients beside a short signature): its list items and wrapped lines.
    while end < len(lines) and len(lines[end]) == 1 and lines[end][0].right < right_column:
        run, above = lines[end][0], lines[end - 1][0]
        if not (_GOES_ON.match(run.text) or not _below(above, run, 0.5)):
            break
        end += 1
    for column in ([r for line in lines[index:end] for r in line if (r.left + r.right) / 2 <= boundary],
                   [r for line in lines[index:end] for r in line if (r.left + r.right) / 2 > boundary]):
        cell: list[Run] = []
        for run in column:
            if cell and (_OPENS.match(run.text) or run.page != cell[-1].page or _below(cell[-1], run, 0.5)):
                paragraphs.append(_joined(cell))
                cell = []
            cell.append(run)
        if cell:
            paragraphs.append(_joined(cell))
    return end
