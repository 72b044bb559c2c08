"""The body of an official document as Markdown: its heading hierarchy, lists, articles and footnotes.

Official documents number their sections `I.` / `1.` / `1.1.` / `a)` and list items with `-`
and `+`; decisions have `Điều 1.`. Footnotes are superscript numbers (`¹`) whose text a page
break may have printed in the middle of a sentence of the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .document_layout import SUPERSCRIPT_DIGITS, is_footnote, is_upper

_SUPERSCRIPTS = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")
_MARKERS = re.compile(f"[{SUPERSCRIPT_DIGITS}]+")
_ROMAN = re.compile(r"^([IVXLC]+)\.\s+(.+)$")
_NUMBERED = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+(.+)$")
_ARTICLE = re.compile(r"^(Điều \d+[a-z]?\.)\s*(.*)$")
_LETTERED = re.compile(r"^[a-zđ]\)\s")
_END = (".", ";", ":", "!", "?", ")", "”", "\"", "…")


@dataclass
class Block:
    kind: str  # heading, paragraph, item, subitem, article, strong
    text: str
    level: int = 0  # headings: 1 for `I.`, 2 for `1.`, 3 for `1.1.`
    number: str = ""


@dataclass
class Body:
    blocks: list[Block] = field(default_factory=list)
    footnotes: dict[str, str] = field(default_factory=dict)
    source_words: list[str] = field(default_factory=list)  # the body as written, footnotes apart


def _paragraphs(lines: list[str]) -> tuple[list[str], dict[str, str]]:
    """Join lines a page break or wrapping split, and take out footnote texts."""
    paragraphs: list[str] = []
    footnotes: dict[str, str] = {}
    last_footnote = None
    after_footnotes = False
    for line in lines:
        if not line:
            continue
        if is_footnote(line):
            marker = _MARKERS.match(line)[0]
            last_footnote = marker.translate(_SUPERSCRIPTS)
            footnotes[last_footnote] = line[len(marker):].strip()
            after_footnotes = True
            continue
        continues = line[0].islower() and not _LETTERED.match(line)
        if continues and after_footnotes and last_footnote and not footnotes[last_footnote].endswith(_END) \
                and paragraphs and paragraphs[-1].endswith(_END):
            footnotes[last_footnote] += " " + line  # the footnote itself ran on
            continue
        if continues and paragraphs and not paragraphs[-1].endswith(_END):
            paragraphs[-1] += " " + line  # a sentence cut by a page break (and the footnotes printed there)
        else:
            paragraphs.append(line)
        after_footnotes = False
    return paragraphs, footnotes


def _heading_like(text: str) -> bool:
    return len(text) <= 160 and not text.rstrip("*").rstrip().endswith((".", ";", ","))


def parse(lines: list[str]) -> Body:
    paragraphs, footnotes = _paragraphs(lines)
    body = Body(footnotes=footnotes)
    in_list = False
    for text in paragraphs:
        roman, numbered, article = _ROMAN.match(text), _NUMBERED.match(text), _ARTICLE.match(text)
        if roman:
            block = Block("heading", text, 1, roman[1])
        elif numbered and _heading_like(numbered[2]):
            block = Block("heading", text, 1 + numbered[1].count(".") + 1, numbered[1])
        elif numbered:
            block = Block("paragraph", text, number=numbered[1])
        elif article:
            block = Block("article", text, number=article[1])
        elif text.startswith(("-", "•")):
            block = Block("item", text.lstrip("-• ").strip())
        elif text.startswith("+"):
            block = Block("subitem" if in_list else "item", text.lstrip("+ ").strip())
        elif is_upper(text) and len(text) <= 120:
            block = Block("strong", text)
        else:
            block = Block("paragraph", text)
        in_list = block.kind in ("item", "subitem")
        body.blocks.append(block)
    return body


def _inline(text: str, footnotes: dict[str, str]) -> str:
    text = text.replace("<", "&lt;")

    def note(match: re.Match) -> str:
        number = match[0].translate(_SUPERSCRIPTS)
        return f"[^{number}]" if number in footnotes else match[0]

    return _MARKERS.sub(note, text)


def markdown(body: Body, shift: int = 0) -> list[str]:
    """Markdown lines; section headings start at `##` (`###` when `shift` is 1, inside an attached plan)."""
    out: list[str] = []
    for block in body.blocks:
        text = _inline(block.text, body.footnotes)
        if block.kind == "heading":
            out.append("#" * (block.level + 1 + shift) + " " + text)
        elif block.kind == "article":
            label = re.escape(block.number)
            out.append(re.sub(rf"^{label}", f"**{block.number}**", text))
        elif block.kind == "item":
            out.append("- " + text)
        elif block.kind == "subitem":
            out.append("    - " + text)
        elif block.kind == "strong":
            out.append(f"**{text}**")
        elif block.number:
            out.append(re.sub(r"^(\d+(?:\.\d+)*)\.", r"\1\\.", text))  # not a list Markdown would renumber
        else:
            out.append(re.sub(r"^([#>=|])", r"\\\1", text))
        out.append("")
    return out


def footnote_lines(footnotes: dict[str, str]) -> list[str]:
    return [line for number, text in footnotes.items() for line in (f"[^{number}]: {_inline(text, {})}", "")]
