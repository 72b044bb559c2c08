"""Pages out of the nav written from one rendering of the theme per shape, not one each.

Material renders every page out of the nav the same way but for the page's own values: its title, content, table of
contents, canonical address and the few front-matter fields the templates print. Rendering each of 10,000 pages
through Jinja was a fifth of a build. For a page of a new *shape* (what the templates branch on: the template, the
page's folder, the front-matter values they read, the outline of its table of contents, which of its own values are
empty), the theme renders once a probe: the page with each of its own values replaced by a marked sample. Where
each sample lands, and what the templates did to it (escaped it, stripped its tags, quoted it for a URL), make the
shape's skeleton; a page of that shape is then the skeleton with its own values, changed the same way.

A skeleton is trusted only once two pages of its shape at different addresses, rendered by the theme as before,
equal it filled with their values. A shape whose probe shows a value used in a way not understood, or reading
something of the page the shape does not account for, is rendered by the theme page by page, as before.
"""

from __future__ import annotations

import posixpath
import re
from typing import Callable

from jinja2.filters import do_striptags, do_urlencode
from markupsafe import Markup, escape

# The page's own values: printed by the templates, never branched on but for being empty (the shape holds that).
_PAGE_SLOTS = ("title", "canonical_url", "content")
_META_SLOTS = ("title", "description", "jsonld", "banner")
# What else the templates may read of a page: the same on every page of a shape (its family holds it), but `file`,
# which overrides/main.html reads only to know if the page is in the nav, never so for a page given a skeleton.
_FAMILY = ("is_homepage", "edit_url", "previous_page", "next_page", "parent", "ancestors")
_READABLE = {*_PAGE_SLOTS, *_FAMILY, "url", "meta", "toc", "file"}
# Material writes the title as a heading where the content has none (partials/content.html): the shape holds whether
# it has, and the probe's content sample has one too where it has.
_HEADING = "<h1"
_EVERY_KEY = "*"  # the templates went through the front matter: the shape holds all of it
_ABSENT = object()  # a front-matter slot the page does not have

# A sample is letters and digits around a text that each change below leaves different: a change the probe does not
# recognise leaves "Qz9" where no slot was found, and the shape is not used.
_SAMPLE = "Ab <i>&amp;</i> \"q'  x"
_MARKED = re.compile(r"Qz9(\d+)o.*?Qz9\1c", re.S)
_CHANGES: tuple[Callable[[str], str], ...] = (
    lambda value: value,  # as it is: a page's content (Markup) joins as its text, not copied first (13,000 pages)
    lambda value: str(escape(value)),
    lambda value: str(escape(do_striptags(value))),
    lambda value: str(escape(do_urlencode(value))),
)
# Probes allowed beyond the pages written from skeletons, in a build and in a family of shapes: a site whose every
# page is a shape of its own costs a few dozen renderings more, not twice its pages, and a family of such pages (each
# department's with its own feeds) does not use up the probes of the others.
_SPARE_PROBES = 64
_SPARE_FAMILY_PROBES = 4


class _Item:
    """A table-of-contents entry of a probe, as MkDocs' AnchorLink reads to the templates."""

    def __init__(self, title, id, level, children):
        self.title, self.id, self.level, self.children = title, id, level, children

    @property
    def url(self) -> str:
        return "#" + self.id


class _ReadMeta(dict):
    """A probe's front matter, noting each key the templates read (every key, where they go through it)."""

    def __init__(self, values: dict, read: set):
        super().__init__(values)
        self.read = read


def _noting(method: str, key_of: Callable):
    def noted(self, *args):
        self.read.add(key_of(args))
        return getattr(dict, method)(self, *args)
    return noted


for _method in ("__getitem__", "get", "__contains__"):
    setattr(_ReadMeta, _method, _noting(_method, lambda args: args[0]))
for _method in ("__iter__", "keys", "items", "values"):
    setattr(_ReadMeta, _method, _noting(_method, lambda args: _EVERY_KEY))


class _Probe:
    """The page as the probe shows it to the templates: its own values replaced by samples, what is read noted."""

    def __init__(self, page, samples: dict, meta: _ReadMeta, toc: list):
        self._page, self._samples, self._meta, self._toc = page, samples, meta, toc
        self.strange: set[str] = set()

    def __getattr__(self, name):
        if name in self._samples:
            return self._samples[name]
        if name == "meta":
            return self._meta
        if name == "toc":
            return self._toc
        if name not in _READABLE:
            self.strange.add(name)
        return getattr(self._page, name)


def _walk(toc):
    for item in toc:
        yield item
        yield from _walk(item.children)


def _outline(toc) -> tuple:
    return tuple((item.level, _outline(item.children)) for item in toc)


def _values(page) -> list:
    """The page's own values, in the order of the skeleton's slots."""
    values = [getattr(page, name) for name in _PAGE_SLOTS]
    values += [page.meta.get(key, _ABSENT) for key in _META_SLOTS]
    for item in _walk(page.toc):
        values += [item.title, item.id]
    return values


def _slot(value) -> bool:
    """A value the skeleton fills in: text that is not empty (its type is part of the shape: the templates escape
    text, not HTML). Any other value is part of the shape."""
    return isinstance(value, str) and value != ""


def _plain(value):
    """A value as part of a shape: itself with its type (1 and True are equal), or its `repr` if it has parts (equal
    values built in another order make another shape, and are rendered by the theme once more; sorted JSON was a
    fifth of making the pages out of the nav from their skeletons)."""
    if value is None or isinstance(value, (str, int, float)):
        return type(value), value
    return repr(value)


def _family(page, template: str, values: list) -> tuple:
    """What a page's shape is besides the front matter the templates read."""
    folder = posixpath.dirname(page.url.rstrip("/"))
    return (template, folder, page.url.endswith("/"), bool(page.meta), _HEADING in (page.content or ""),
            _outline(page.toc),
            tuple(type(value) if _slot(value) else 0 if value is _ABSENT else _plain(value) for value in values),
            tuple(_plain(getattr(page, name, None) and str(getattr(page, name))) for name in _FAMILY))


class _Shape:
    def __init__(self, pieces: list | None):
        self.pieces = pieces  # text, and (slot, change) where a value goes; None: rendered by the theme
        self.seen_at: set[str] = set()  # addresses of pages rendered by the theme that equal their fill

    @property
    def trusted(self) -> bool:
        return self.pieces is not None and len(self.seen_at) >= 2

    def fill(self, values: list) -> str:
        return "".join(piece if isinstance(piece, str) else _CHANGES[piece[1]](values[piece[0]])
                       for piece in self.pieces)


class Skeletons:
    """A build's skeletons, by shape."""

    def __init__(self):
        self._read: dict[tuple, set] = {}  # family -> the front-matter keys its probes saw read
        self._spent: dict[tuple, int] = {}  # family -> its probes less its pages written from skeletons
        self._shapes: dict[tuple, _Shape] = {}
        self.filled = 0
        self.probes = 0

    def _shape_of(self, page, template: str, values: list) -> tuple[tuple, tuple]:
        family = _family(page, template, values)
        read = self._read.get(family, set())
        keys = sorted(page.meta) if _EVERY_KEY in read else sorted(read - set(_META_SLOTS))
        return family, (family, tuple((key, _plain(page.meta.get(key, _ABSENT))) for key in keys))

    def fill(self, page, template: str, render: Callable[[_Probe], str]) -> str | None:
        """The page written from its shape's skeleton, or None: the theme renders it (then call `rendered`)."""
        values = _values(page)
        family, shape = self._shape_of(page, template, values)
        known = self._shapes.get(shape)
        if known is not None and known.trusted:
            self.filled += 1
            self._spent[family] -= 1
            return known.fill(values)
        spent = self._spent.setdefault(family, 0)
        if known is None and self.probes < self.filled + _SPARE_PROBES and spent < _SPARE_FAMILY_PROBES:
            self.probes += 1
            self._spent[family] += 1
            read: set = set()
            pieces = self._probe(page, values, render, read)
            self._read.setdefault(family, set()).update(read)
            self._shapes[self._shape_of(page, template, values)[1]] = _Shape(pieces)
        return None

    def rendered(self, page, template: str, output: str) -> None:
        """The theme's rendering of a page `fill` left to it: the page's shape is trusted once two such renderings,
        at different addresses, equal their fill, and never used if one does not."""
        values = _values(page)
        shape = self._shapes.get(self._shape_of(page, template, values)[1])
        if shape is None or shape.pieces is None or shape.trusted:
            return
        if shape.fill(values) == output:
            shape.seen_at.add(page.url)
        else:
            shape.pieces = None

    @staticmethod
    def _probe(page, values: list, render: Callable[[_Probe], str], read: set) -> list | None:
        samples = [(Markup if isinstance(value, Markup) else str)(f"Qz9{slot}o{_SAMPLE}Qz9{slot}c")
                   if _slot(value) else value for slot, value in enumerate(values)]
        if _slot(values[2]) and _HEADING in values[2]:  # the content's
            samples[2] = Markup(str(samples[2]).replace("<i>", f"{_HEADING}>", 1).replace("</i>", "</h1>", 1))
        at = iter(range(len(_PAGE_SLOTS) + len(_META_SLOTS), len(values)))

        def toc(items):
            return [_Item(samples[next(at)], samples[next(at)], item.level, toc(item.children)) for item in items]

        meta = dict(page.meta)
        for slot, key in enumerate(_META_SLOTS, start=len(_PAGE_SLOTS)):
            if key in meta:
                meta[key] = samples[slot]
        probe = _Probe(page, dict(zip(_PAGE_SLOTS, samples)), _ReadMeta(meta, read), toc(page.toc))
        output = render(probe)
        if probe.strange:
            return None
        pieces, at_text = [], 0
        for found in _MARKED.finditer(output):
            slot = int(found[1])
            change = next((number for number, change in enumerate(_CHANGES)
                           if change(samples[slot]) == found[0]), None)
            if change is None:
                return None
            pieces += [output[at_text:found.start()], (slot, change)]
            at_text = found.end()
        pieces.append(output[at_text:])
        if any(isinstance(piece, str) and "Qz9" in piece for piece in pieces):
            return None
        return [piece for piece in pieces if piece != ""]
