"""What a page made by its kind's renderer read of the site, named by a digest: a later build whose site gives the
same digest for the same reads would make the page the same, and need not make it to find out.

A renderer is given the site through `Reading`, which notes each read: an index's entry (`site.departments[code]`,
`site.neighbours.get(uri)`, `tag in site.tags`) as that entry, any other use of an index (iterating `site.news`,
`len(site.plans)`) and any other field (`site.today`) as the whole of it. Each read is named by the digest of what
it gave (`Digests`): an entry by its source's bytes, where it came from and its address, so that a news edit changes
the pages that read that item (its own, its neighbours') and not the ten thousand others. A read of something this
module cannot name (`Untracked`) leaves the page to be made again every build, as all were before.
"""

from __future__ import annotations

import dataclasses
import types
from datetime import date, datetime
from typing import Any, Iterator

from .build_cache import digest, value_bytes
from .content import Entry, Site
from .kinds import Kind

WHOLE = None  # the key of a read of a whole field
Read = tuple[str, Any]  # (the site's field, the key read in it, or WHOLE)
# Fields renderers fill as they go (`Site.derived`, each key once a build, from the site alone): a key is named only
# once it is there (the next build compares a page that read one not made yet by making the page); the whole, never.
CHANGING = frozenset({"derived"})


class Untracked(Exception):
    """A value whose digest this module cannot make."""


class Reading:
    """The site as a renderer reads it, each read noted in `reads`."""

    def __init__(self, site: Site, reads: set[Read]):
        self._site, self._reads = site, reads

    def __getattr__(self, name: str):
        value = getattr(self._site, name)
        if isinstance(value, types.MethodType):  # `site.department_uri(code)`: read through this view
            return types.MethodType(value.__func__, self)
        if isinstance(value, dict):
            return _ReadingDict(value, name, self._reads)
        if isinstance(value, (set, frozenset)):
            return _ReadingSet(value, name, self._reads)
        self._reads.add((name, WHOLE))
        return value


class _ReadingDict:
    """One of the site's indexes (dicts), a read of one key noted as that key, any other use as the whole index."""

    def __init__(self, values: dict, name: str, reads: set[Read]):
        self._values, self._name, self._reads = values, name, reads

    def _key(self, key) -> None:
        # A key a record cannot keep as it is (None, a tuple) is noted as a read of the whole index.
        plain = isinstance(key, (str, int)) and not isinstance(key, bool)
        self._reads.add((self._name, key if plain else WHOLE))

    def __getitem__(self, key):
        self._key(key)
        return self._values[key]

    def get(self, key, default=None):
        self._key(key)
        return self._values.get(key, default)

    def __contains__(self, key) -> bool:
        self._key(key)
        return key in self._values

    def __setitem__(self, key, value) -> None:  # `site.derived`: what renderers compute once a build
        self._values[key] = value

    def setdefault(self, key, default=None):
        self._key(key)
        return self._values.setdefault(key, default)

    def _whole(self) -> dict:
        self._reads.add((self._name, WHOLE))
        return self._values

    def __iter__(self) -> Iterator:
        return iter(self._whole())

    def __len__(self) -> int:
        return len(self._whole())

    def __bool__(self) -> bool:
        return bool(self._whole())

    def keys(self):
        return self._whole().keys()

    def values(self):
        return self._whole().values()

    def items(self):
        return self._whole().items()


class _ReadingSet(_ReadingDict):
    """One of the site's sets (`site.tags`), a test of one member noted as that member, any other use as the whole."""

    def __getitem__(self, key):
        raise TypeError("a set has no items")

    get = setdefault = __getitem__

    def __setitem__(self, key, value) -> None:
        raise TypeError("a set has no items")


_ABSENT = object()  # a key not in its index: named apart from any value it could hold


def entry_named(entry: Entry) -> str:
    """The digest that names an entry in a key. The same bytes of the same file at the same address are the same entry
    (its check is a function of its text: `content.check_text`); an entry made otherwise is named by what it holds."""
    if entry.digest:
        return digest(entry.kind.name, entry.source, entry.src_uri, entry.digest)
    return digest(entry.kind.name, entry.source, entry.src_uri,
                  value_bytes((entry.values, entry.body, entry.front_matter, entry.links, entry.cited)))


class Digests:
    """Digests of what a page read of one site (memoized: one site, one build)."""

    def __init__(self, site: Site):
        self.site = site
        self._entries: dict[int, tuple[Entry, str]] = {}  # id -> (the entry, kept so its id is not reused), digest
        self._reads: dict[Read, str] = {}

    def named(self, reads: Iterator[Read] | list[Read]) -> list[list]:
        """These reads of the site (`recorded`), each with the digest of what it gave: a later build compares them
        one by one (`ReadsBefore`), each read shared by many pages compared once."""
        return [[name, key, self.read(name, key)] for name, key in reads]

    def read(self, name: str, key) -> str:
        read = (name, key)
        found = self._reads.get(read)
        if found is None:
            if name in CHANGING and (key is WHOLE or key not in getattr(self.site, name)):
                raise Untracked(f"{name}[{key!r}]")
            value = getattr(self.site, name, _ABSENT)
            if key is not WHOLE:
                value = (value.get(key, _ABSENT) if isinstance(value, dict)
                         else key in value if isinstance(value, (set, frozenset)) else _ABSENT)
            found = self._reads[read] = digest(self._token(value))
        return found

    def entry(self, entry: Entry) -> str:
        found = self._entries.get(id(entry))
        if found is None:
            found = self._entries[id(entry)] = entry, entry_named(entry)
        return found[1]

    def _token(self, value) -> str:
        if value is _ABSENT:
            return "A"
        if isinstance(value, Entry):
            return "E" + self.entry(value)
        if isinstance(value, str):
            return f"s{len(value)}:{value}"
        if value is None or isinstance(value, (bool, int, float)):
            return f"v{value!r}"
        if isinstance(value, (date, datetime)):
            return f"d{value.isoformat()}"
        if isinstance(value, (list, tuple)):
            return "[" + ",".join(map(self._token, value)) + "]"
        if isinstance(value, dict):
            return "{" + ",".join(f"{self._token(k)}:{self._token(v)}" for k, v in value.items()) + "}"
        if isinstance(value, (set, frozenset)):
            return "<" + ",".join(sorted(map(self._token, value))) + ">"
        if isinstance(value, Kind):
            return "K" + value.name
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return (f"D{type(value).__qualname__}(" +
                    ",".join(self._token(getattr(value, f.name)) for f in dataclasses.fields(value)) + ")")
        raise Untracked(type(value).__qualname__)


class ReadsBefore:
    """The reads a last build recorded (`indexed`), each compared once with what this build's site gives."""

    def __init__(self, digests: Digests, table: list[list]):
        self._digests, self._table = digests, table
        self._same: list[bool | None] = [None] * len(table)

    def same(self, ids: list[int]) -> bool:
        """Whether every read of `ids` gives what it gave then (a read that cannot be named now does not)."""
        for index in ids:
            same = self._same[index]
            if same is None:
                name, key, before = self._table[index]
                try:
                    same = self._digests.read(name, key) == before
                except Untracked:
                    same = False
                self._same[index] = same
            if not same:
                return False
        return True

    def changing(self, ids: list[int]) -> bool:
        """Whether any read of `ids` is of what renderers fill as they go (`CHANGING`): comparable only once they did."""
        return any(self._table[index][0] in CHANGING for index in ids)

    def steady(self, ids: list[int]) -> list[int]:
        """The reads of `ids` but those of what renderers fill as they go (`CHANGING`)."""
        return [index for index in ids if self._table[index][0] not in CHANGING]

    def compared(self) -> dict[int, bool]:
        """Each read compared so far (`same`), by its place: what a copy of the build hands back (`learn`)."""
        return {index: same for index, same in enumerate(self._same) if same is not None}

    def learn(self, compared: dict[int, bool]) -> None:
        """The reads a copy of the build compared with the same site (`compared`), not compared again; but those of
        what renderers fill as they go (`CHANGING`), which the copy's site may hold otherwise."""
        for index, same in compared.items():
            if self._same[index] is None and self._table[index][0] not in CHANGING:
                self._same[index] = same

    def named(self, ids: list[int]) -> list[list]:
        return [self._table[index] for index in ids]


def indexed(pages: dict[str, list[list]]) -> tuple[list[list], dict[str, list[int]]]:
    """Each page's named reads (`Digests.named`) as places in one table of them, which a record keeps: pages share
    most of their reads (a department's, the site's day)."""
    places: dict[tuple, int] = {}
    table: list[list] = []
    ids = {}
    for uri, reads in sorted(pages.items()):  # the same table whichever process made which page
        mine = []
        for read in reads:
            place = places.setdefault((read[0], read[1], read[2]), len(table))
            if place == len(table):
                table.append(list(read))
            mine.append(place)
        ids[uri] = mine
    return table, ids


def recorded(reads: set[Read]) -> list[list]:
    """The reads in a fixed order, as a record keeps them (JSON)."""
    return [list(read) for read in sorted(reads, key=lambda read: (read[0], read[1] is not WHOLE, str(read[1])))]
