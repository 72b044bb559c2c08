"""Site search for Vietnamese as people type it: an index split into small files a browser fetches per query.

Words are matched folded (no tone marks, `đ` as `d`, lower case), so `dang ky`, `ĐĂNG KÝ` and
`đăng ký` find the same documents; each posting also records which written forms the document
uses, so a query typed with its diacritics ranks exact matches first. The index is split by
word into buckets: a first query downloads the small manifest and the buckets of its words
only, then the title and text of each result it shows (`overrides/assets/search.js`).
See README, "Search", for the measurements behind this choice.
"""

from __future__ import annotations

import base64
import html
import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from . import kinds
from .content import url_of
from .dates import display_date
from .text import fold, nfc

DIR = "search"
KINDS = {kind.name: kind.reader_name for kind in kinds.KINDS}
TEXT_LIMIT = 2000  # characters of a document kept for excerpts
# A word's weight in a document: 10 per title occurrence (two at most), plus its count in the text
# (nine at most): a document that names the word in its title always outranks one that only mentions it.
TITLE_WEIGHT, TITLE_MAX, TEXT_MAX = 10, 2, 9
MAX_VARIANTS = 30  # written forms per folded word, as bits of an integer that JavaScript handles exactly

_WORD = re.compile(r"[^\W_]+")
_TAG = re.compile(r"<[^>]+>")
_META_PANEL = re.compile(r'(<div class="cchc-meta">.*?</div>)', re.S)
_SKIP = re.compile(r'<(script|style)\b.*?</\1>|<a class="headerlink"[^>]*>.*?</a>|<sup[^>]*><a class="footnote-ref".*?</sup>', re.S)


@dataclass(frozen=True)
class SearchDoc:
    url: str  # site-relative, e.g. `van-ban/2020-489-qd-ubnd-khanh-hoa/`
    title: str
    kind: str  # a key of KINDS
    department: str  # code, or ""
    date: str  # as shown, dd/mm/yyyy, or ""
    text: str
    passages: str = ""  # the text excerpts come from (TEXT_LIMIT at most): without the metadata panel most pages open with
    identifier: str = ""  # a procedure's code or a document's number: typed exactly, it comes first


def plain_text(rendered: str) -> str:
    """The readable text of a rendered page: no tags, no permalink signs, entities decoded."""
    text = _TAG.sub(" ", _SKIP.sub(" ", rendered))
    return " ".join(html.unescape(text).split())


def identifier_key(identifier: str) -> str:
    """How `search.js` looks up a code or number typed: folded, without spaces."""
    return "".join(fold(identifier).split())


def words(text: str) -> list[str]:
    return _WORD.findall(nfc(text).lower())


def bucket_of(folded: str, buckets: int) -> int:
    """FNV-1a over the word's UTF-8 bytes; `search.js` computes the same."""
    value = 0x811C9DC5
    for byte in folded.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value % buckets


@lru_cache(maxsize=1 << 17)
def _fold(word: str) -> str:
    return fold(word)  # a portal has far fewer distinct words than words: each folded once


def analyse(title: str, text: str) -> dict:
    """What the index needs of one document, whatever the others: its distinct words in order of appearance (not
    set order: the written forms' order must not vary between builds), the weight of each (one base-36 character),
    and the pairs of neighbouring words, folded. Kept as three strings, which a rebuild reads back from the build
    cache many times faster than lists of lists (a word has no space, a folded one no `|`)."""
    title_words, text_words = words(title), words(text)
    in_title, in_text = Counter(title_words), Counter(text_words)
    distinct = list(in_title) + [w for w in in_text if w not in in_title]
    weights = "".join(_DIGITS[TITLE_WEIGHT * min(in_title.get(w, 0), TITLE_MAX) + min(in_text.get(w, 0), TEXT_MAX)]
                      for w in distinct)
    # Pairs of neighbouring words rank `đăng ký hoạt động` above a text with the words apart:
    # most Vietnamese words are two syllables.
    found = set()
    for sequence in (title_words, text_words):
        folded_words = [_fold(w) for w in sequence]
        found.update(zip(folded_words, folded_words[1:]))
    return {"words": " ".join(distinct), "weights": weights,
            "pairs": "|".join(sorted(f"{first} {second}" for first, second in found))}


def build(docs: list[SearchDoc], departments: dict[str, str],
          analysed: Callable[[str, str], dict] = analyse, go_on: Callable[[], None] = lambda: None) -> dict[str, bytes]:
    """The index files, by path under the site directory. Deterministic for the same documents. `analysed` gives
    each document's analysis (`analyse`, or the same from the build cache); `go_on` is called every hundred
    documents and every thousand words, pairs and files, and may raise to stop (the preview stops a save's index
    when a newer save comes)."""
    docs = sorted(docs, key=lambda d: d.url)
    variants: dict[str, list[str]] = defaultdict(list)
    # folded -> its documents (ascending), their weights, and the written forms' bits where not the first form only
    postings: dict[str, tuple[list[int], list[int], dict[str, int]]] = {}
    pairs: dict[str, list[int]] = defaultdict(list)  # folded `word word` -> documents, ascending
    # Each distinct word gets its bit among its folded word's written forms once, in document order (a form keeps
    # its bit; past MAX_VARIANTS forms, a form has none).
    seen: dict[str, tuple[str, int]] = {}
    for number, doc in enumerate(docs):
        if number % 100 == 0:
            go_on()
        analysis = analysed(doc.title, doc.text)
        here: dict[str, list[int]] = {}  # forms of one folded word in this document add up
        for word, weight in zip(analysis["words"].split(" "), analysis["weights"]):
            if word not in seen:
                folded = _fold(word)
                forms = variants[folded]
                if len(forms) < MAX_VARIANTS:
                    forms.append(word)
                    seen[word] = folded, 1 << (len(forms) - 1)
                else:
                    seen[word] = folded, 0
            count = _VALUES[weight]
            folded, bit = seen[word]
            if folded in here:
                here[folded][0] += count
                here[folded][1] |= bit
            else:
                here[folded] = [count, bit]
        for folded, (weight, mask) in here.items():
            found = postings.get(folded)
            if found is None:
                found = postings[folded] = ([], [], {})
            if mask != 1:
                found[2][str(len(found[0]))] = mask
            found[0].append(number)
            found[1].append(weight)
        for pair in analysis["pairs"].split("|") if analysis["pairs"] else ():
            pairs[pair].append(number)

    buckets = max(64, 1 << max(0, math.ceil(math.log2(max(1, len(postings) + len(pairs)) / 12))))  # a new portal: few words
    files: dict[str, dict] = defaultdict(dict)
    for count, folded in enumerate(sorted(postings)):
        if count % 1000 == 0:
            go_on()
        numbers, weights, masks = postings.pop(folded)  # moved into its bucket: a large portal's index is not held twice
        files[f"{DIR}/b/{bucket_of(folded, buckets)}.json"][folded] = [
            variants[folded], _members(numbers, len(docs)), _weights(weights), masks]
    # A code or number typed whole (`1.000688`, `489/QĐ-UBND`) -> its document, in the bucket of `#` + the key.
    for number, doc in enumerate(docs):
        if doc.identifier[:1].isalnum():  # `/KH-SNgV`, a document with no number yet, is no identifier
            key = "#" + identifier_key(doc.identifier)
            files[f"{DIR}/b/{bucket_of(key, buckets)}.json"][key] = number
    for count, pair in enumerate(sorted(pairs)):
        if count % 1000 == 0:
            go_on()
        # Only which documents have the pair: ranking counts pairs found, the words give the weight.
        files[f"{DIR}/b/{bucket_of(pair, buckets)}.json"][pair] = [[], _members(pairs.pop(pair), len(docs)), "", {}]

    codes = sorted({d.department for d in docs if d.department})
    place, kind_place = {c: n for n, c in enumerate(codes)}, {k: str(n) for n, k in enumerate(KINDS)}
    manifest = {
        "version": 2, "buckets": buckets, "docs": len(docs),
        "kinds": list(KINDS), "kindLabels": KINDS,
        "kind": "".join(kind_place[d.kind] for d in docs),
        "departments": [[c, departments.get(c, c)] for c in codes],
        "department": [place[d.department] if d.department else -1 for d in docs],
        # Title length in words (base 36, at most 35): among equal matches the shorter title is the closer one.
        "titleWords": _weights(len(words(d.title)) for d in docs),
    }
    out = {f"{DIR}/manifest.json": _json(manifest)}
    for count, path in enumerate(sorted(files)):
        if count % 1000 == 0:
            go_on()
        out[path] = _json(files.pop(path))
    # What a result shows, one small file per document: a query fetches those of the results it lists.
    for number, doc in enumerate(docs):
        if number % 1000 == 0:
            go_on()
        out[f"{DIR}/d/{number}.json"] = _json([doc.title, doc.url, doc.kind, doc.department, doc.date,
                                               (doc.passages or doc.text)[:TEXT_LIMIT]])
    return out


def _members(numbers: list[int], total: int) -> list[int] | str:
    """Ascending document numbers: as differences, or for a word in many documents as a bitmap
    (base64, one bit per document), which costs a common word 1.3 KB per 10,000 documents."""
    if len(numbers) * 16 < total:
        return [b - a for a, b in zip([0, *numbers], numbers)]
    bits = bytearray((total + 7) // 8)
    for number in numbers:
        bits[number >> 3] |= 1 << (number & 7)
    return base64.b64encode(bytes(bits)).decode("ascii")


def _weights(weights) -> str:
    """One character per posting: the weight in base 36, capped at 35."""
    return "".join([_DIGITS[w] if w < 36 else "z" for w in weights])


_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
_VALUES = {digit: value for value, digit in enumerate(_DIGITS)}


def _json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


PAGE_URI = "tim-kiem.md"


EDITORS_GUIDE = "huong-dan/"  # shell commands and file paths: not what readers search for


def documents(site, rendered: dict[str, tuple[str, str]]) -> list[SearchDoc]:
    """One search document per content page that was rendered (drafts and scheduled news never are).

    `rendered` maps a page's source path to its title and HTML; generated listings are left out."""
    docs = []
    for uri, entry in site.pages.items():
        if uri not in rendered or uri == PAGE_URI or uri.startswith(EDITORS_GUIDE):
            continue
        title, page_html = rendered[uri]
        kind = entry.kind
        department = entry.get(kind.department_field) if kind.department_field else ""
        date = entry.get(kind.date_field) if kind.date_field else None
        identifier = entry.get(kind.number_field) if kind.number_field else ""
        text, passages = _texts(page_html)
        docs.append(SearchDoc(url_of(uri), title, kind.name, department or "",
                              display_date(date) if date else "", text, passages, identifier or ""))
    return docs


def _texts(page_html: str) -> tuple[str, str]:
    """The page's text, and the text excerpts come from (without the metadata panel), each page read once: a tag
    reads as a space, so the texts of the page's pieces joined are the text of the whole."""
    pieces = _META_PANEL.split(page_html)  # outside, panel, outside, …: the pattern's one group is the panel
    if len(pieces) == 1:
        text = plain_text(page_html)
        return text, text[:TEXT_LIMIT]
    texts = [plain_text(piece) for piece in pieces]
    return " ".join(t for t in texts if t), " ".join(t for t in texts[::2] if t)[:TEXT_LIMIT]


def page() -> str:
    """The search page: the form and an empty list that `search.js` fills."""
    return "\n".join([
        "# Tìm kiếm", "",
        '<div class="cchc-search" data-cchc-search data-index="../search/" data-site="../">',
        '<form class="cchc-search__form" role="search" action="./" aria-label="Tìm kiếm chi tiết">',
        '<label class="cchc-search__text"><span>Tìm văn bản, tin tức, thủ tục, cơ quan</span>'
        '<input type="search" name="q" autocomplete="off" placeholder="Ví dụ: cai cach hanh chinh, 489/QĐ-UBND"></label>',
        '<label><span>Loại</span><select name="loai"><option value="">Tất cả</option></select></label>',
        '<label><span>Cơ quan</span><select name="co-quan"><option value="">Tất cả</option></select></label>',
        '<button class="md-button md-button--primary" type="submit">Tìm</button>',
        "</form>",
        '<p class="cchc-search__status" aria-live="polite" tabindex="-1">Tìm kiếm cần JavaScript. Có thể tra cứu theo danh mục: '
        '<a href="../van-ban/">văn bản</a>, <a href="../tin-tuc/">tin tức</a>, <a href="../thu-tuc/">thủ tục hành chính</a>, '
        '<a href="../co-quan/">cơ quan</a>.</p>',
        '<ol class="cchc-search__results"></ol>',
        "</div>", ""])
