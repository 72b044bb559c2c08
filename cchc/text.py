"""Vietnamese text: NFC normalization, readable ASCII slugs and diacritic folding."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# `đ` is a letter of its own, not `d` plus a mark, so NFD does not strip it.
_LETTERS = str.maketrans({"đ": "d", "Đ": "D"})
_NON_SLUG = re.compile(r"[^a-z0-9]+")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Lower-case text without tone marks or `đ`: how people type Vietnamese in a hurry."""
    decomposed = unicodedata.normalize("NFD", text.translate(_LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=1 << 12)  # headings recur on every page of a kind
def slugify(text: str, separator: str = "-", max_length: int = 80) -> str:
    """`Đăng ký đất đai` -> `dang-ky-dat-dai`; cut at a word boundary past `max_length`."""
    slug = _NON_SLUG.sub(separator, fold(text)).strip(separator)
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit(separator, 1)[0]
    return slug


def is_slug(text: str) -> bool:
    """`slugify(text) == text`, told without folding it (every source's file name, on every build)."""
    return (len(text) <= 80 and _SLUG.fullmatch(text) is not None) or slugify(text) == text


def heading_slug(value: str, separator: str) -> str:
    """Heading anchors for Python-Markdown's `toc` extension (its default drops `đ`)."""
    return slugify(value, separator, max_length=120)


def lcfirst(text: str) -> str:
    return text[:1].lower() + text[1:]


# Vietnamese dictionary order: ă, â, đ, ê, ô, ơ, ư are letters of their own; tones only break ties,
# in the order ngang, huyền, hỏi, ngã, sắc, nặng. Code-point order puts `Đài` after `Tỉnh` and `Bảo` after `Bưu`.
_ALPHABET = {letter: rank for rank, letter in enumerate("0123456789aăâbcdđeêfghijklmnoôơpqrstuưvwxyz")}
_WITH_MARK = {("a", "\u0306"): "ă", ("a", "\u0302"): "â", ("e", "\u0302"): "ê", ("o", "\u0302"): "ô",
              ("o", "\u031b"): "ơ", ("u", "\u031b"): "ư"}  # breve, circumflex, horn on their base letter
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


@lru_cache(maxsize=1 << 12)  # fields recur across procedures, and a preview sorts the same names on every save
def vietnamese_order(text: str) -> tuple:
    """A sort key that orders names as a Vietnamese dictionary does."""
    letters: list[int] = []
    tones: list[int] = []
    base = ""
    for char in unicodedata.normalize("NFD", text.lower()):
        if (base, char) in _WITH_MARK:
            letters[-1] = _ALPHABET[_WITH_MARK[(base, char)]]
        elif char in _TONES and tones:
            tones[-1] = _TONES[char]
        elif not unicodedata.combining(char):
            base = char
            letters.append(_ALPHABET.get(char, 100 + ord(char)) if char.strip() else -1)
            tones.append(0)
    return tuple(letters), tuple(tones)
