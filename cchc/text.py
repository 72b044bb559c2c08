"""Vietnamese text: NFC normalization, readable ASCII slugs and diacritic folding."""

from __future__ import annotations

import re
import unicodedata

# `đ` is a letter of its own, not `d` plus a mark, so NFD does not strip it.
_LETTERS = str.maketrans({"đ": "d", "Đ": "D"})
_NON_SLUG = re.compile(r"[^a-z0-9]+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Lower-case text without tone marks or `đ`: how people type Vietnamese in a hurry."""
    decomposed = unicodedata.normalize("NFD", text.translate(_LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def slugify(text: str, separator: str = "-", max_length: int = 80) -> str:
    """`Đăng ký đất đai` -> `dang-ky-dat-dai`; cut at a word boundary past `max_length`."""
    slug = _NON_SLUG.sub(separator, fold(text)).strip(separator)
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit(separator, 1)[0]
    return slug


def heading_slug(value: str, separator: str) -> str:
    """Heading anchors for Python-Markdown's `toc` extension (its default drops `đ`)."""
    return slugify(value, separator, max_length=120)


def lcfirst(text: str) -> str:
    return text[:1].lower() + text[1:]
