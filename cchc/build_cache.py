"""What each page was made from, kept between builds so that an edit re-renders only what it touches.

Stores addressed by a digest of everything that went into them (the build's code and settings, the page's
address, its Markdown or its final context), or of their bytes, so an entry is either exactly right or never
looked up:

- a page's Markdown converted and sanitized (HTML, table of contents, title, anchors), which bytes the page was
  written as, theme included, each document's search analysis and the search index of each run of documents:
  entries in one SQLite file (`entries.sqlite`);
- `blobs/`: the bytes of every file a build writes (pages, search index, feeds, open data), by their digest.

The site's files are hard links to `blobs/` where the file system allows: a rebuild writes only what changed,
which on a slow disk is most of its time. A blob is checked against its digest before it is used again, so a file
edited in place in an old site is never published again: read and hashed, or, where its size and modification time
are those it had when it was last hashed, by those (`SETTLED`).

What a build needs lives in the folder: `mkdocs build`, `mkdocs build --dirty`, `mkdocs serve` and a CI job
that restores the folder all read the same entries, and a build with an empty folder writes the same bytes. The
preview (`remember=True`) also keeps in memory the pages' parts it read or made (not their sides), for its next
save: an entry's key is the digest of what made it, so what it remembers is never stale. An entry is checked when
it is read (bytes that match their digest), and the SQLite file is written in one transaction at the end of a
successful build. Entries and blobs unused for `KEEP_DAYS` are removed then, looked over at most once a day.
"""

from __future__ import annotations

import hashlib
import io
import json
import marshal
import os
import pickle
import sqlite3
import struct
import time
from importlib import metadata
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import IO, Any, Callable, Iterator

from . import placing, source_signatures
from .site_swap import signature as _signature  # as the spare's listing notes each file's (`Spare.seen`)

FOLDER = ".cache/cchc"
ENTRIES = "entries.sqlite"
PRUNED = "blobs-pruned"  # when entries and blobs were last looked over (`Cache._prune`)
KEEP_DAYS = 14
_FINISHED = "a build of this code finished"  # the entry that says so (`_only_new`)
# An entry read is marked in use again only if its mark is older than this: a build reads 36,000 entries at 10,000
# documents, and writing every mark again was a tenth of a rebuild's commit. (It stays KEEP_DAYS - 1 days from removal.)
MARK_AGAIN = 86400  # seconds
LOOK_OVER_USING = 12 * 3600  # seconds between two looks over the marks of entries kept in use (`keep_using`)
_LOOKED_OVER = "entries kept in use, looked over"  # its mark (`used`): when a build last did
_FRAME = struct.Struct("<Q")  # the size of an entry handed back (`handing_back`), before it
_TAKEN_AT_ONCE = 1 << 22  # bytes of entries handed back read at a time
# A blob's size and time vouch for its bytes only if it was last modified this long before they were noted:
# a file system keeps times to a clock tick, so an edit in the same tick as the write would leave both as they
# were (git's "racy" index entries). A blob a build writes is noted when the build ends, if its time is then far
# enough back and nothing of it moved since it was written; else the next build hashes it once more.
SETTLED = 2 * 10**9  # nanoseconds
# The packages whose code shapes a page: a new version of any of them must not reuse old pages.
PACKAGES = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2", "nh3", "pyyaml")


def digest(*parts: str | bytes) -> str:
    hashing = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else part.encode("utf-8", "surrogatepass")
        hashing.update(len(data).to_bytes(8, "little"))
        hashing.update(data)
    return hashing.hexdigest()


def value_bytes(value) -> bytes:
    """A value (of strings, numbers, dates, lists and dicts) as bytes for a key: pickled without pickle's memo, so
    equal values give equal bytes whether or not their parts are shared objects. An eighth of the time of sorted JSON
    (a page's settings, ten thousand of them a build: 0.3 s a rebuild at 10,000 documents)."""
    buffer = io.BytesIO()
    _pickled(value, buffer)
    return buffer.getvalue()


def value_digest(value) -> str:
    """The digest of `value_bytes(value)`, hashed as it is pickled: a large value (3,000 procedures) is never held
    as bytes."""
    hashing = hashlib.sha256()
    _pickled(value, _Hashing(hashing))
    return hashing.hexdigest()


class _Hashing:
    def __init__(self, hashing):
        self.write = hashing.update


def _pickled(value, file) -> None:
    pickler = pickle.Pickler(file, protocol=5)
    pickler.fast = True
    pickler.dump(value)


def code_digest(folders: list[Path], settings: str) -> str:
    """The build's code (every file under `folders`: the package, the hooks, the templates), the versions of the
    packages it runs on, and its settings (mkdocs.yml as resolved for this run)."""
    parts = [settings] + [f"{name}=={_version(name)}" for name in PACKAGES]
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            parts += [path.relative_to(folder).as_posix(), hashlib.sha256(path.read_bytes()).hexdigest()]
    return digest(*parts)


def checks_code(package: Path) -> str:
    """What a source's check is made by (`content.check_text`): the package's code and the packages it runs on, not
    the site's settings, hooks or theme; so a content check (`python -m cchc.check`) finds the checks a build kept."""
    return code_digest([package], "")


def check_key(code: str, kind: str, named: str) -> str:
    """The key of the check of a source of kind `kind` whose bytes are `named` (`content.source_digest`)."""
    return digest(code, "checked", kind, named)


def check_page_key(key: str) -> str:
    """The key of the page part of the check kept under `key` (`content.kept_apart`): named from it without a digest
    (ten thousand digests were 0.02 s of a rebuild)."""
    return f"{key}.page"


def kept_checks(entries: Callable[[list[str]], dict[str, bytes]], code: str, items: list,
                make: Callable[[str, Any, str], Any], read_back: Callable[[bytes, Callable[[], bytes | None]], Any],
                page: Callable[[str], bytes | None] | None = None, read: dict[str, bytes] | None = None) -> list:
    """`content.CheckMany` from what `entries` gives for the items' keys (`check_key`, one look for them all): each
    item's check kept (`read_back`; noted in `read` as kept, by key), else None where its text was not read (its
    file is read then), else `make(key, kind, text)`. A kept check's page part (`check_page_key`) is read by `page`
    when a page made from it asks, or with it where there is no `page`. The build's (which keeps what it makes) and
    the content check's (which keeps nothing)."""
    keys = [check_key(code, kind.name, named) for kind, _text, named in items]
    found = entries(keys if page is not None else [*keys, *map(check_page_key, keys)])
    if read is not None:
        read.update((key, found[key]) for key in keys if key in found)
    part = page or found.get
    return [read_back(found[key], partial(_part, part, key)) if key in found
            else None if text is None else make(key, kind, text) for key, (kind, text, _named) in zip(keys, items)]


def _part(read: Callable[[str], bytes | None], key: str) -> bytes | None:
    return read(check_page_key(key))


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return ""


@dataclass(frozen=True)
class Blob:
    """A file's bytes as the cache keeps them (`blobs/`), by their digest: placed without being read (`place`)."""
    digest: str


def made_again(parts: tuple[str | bytes, ...], make: Callable[[], object]) -> object:
    """What `Cache.remember` gives where nothing is kept (a page or an index made outside a build)."""
    return make()


def not_kept(source: str):
    """A reader of what a source names (`Cache.sides`) where nothing is kept: a caller that names its texts by their
    source must also say where to read them."""
    raise LookupError(f"Không có bộ nhớ đệm để đọc nội dung {source}.")


class Cache:
    """The store under `folder`; `Cache(None)` keeps nothing (every lookup misses). What a build adds is committed
    by `close()` at its end; a build that fails adds nothing, unless it failed after `commit_so_far`."""

    def __init__(self, folder: Path | None, code: str, remember: bool = False):
        self.folder = folder
        self.code = code
        self.started = time.time()
        self._db: sqlite3.Connection | None = None
        self._used: list[tuple[str, float]] = []
        self._folders: set[str] = set()  # made already: ten thousand files, a few hundred folders
        self._placer: placing.Placer | None = None  # see `place_elsewhere`
        self._memory = _MEMORY if remember and folder is not None else None
        self._hashed: dict[str, tuple[int, int, int]] | None = None  # blob -> its size, time and inode when hashed
        self._newly_hashed: dict[str, tuple[int, int, int]] = {}
        self._unsettled: dict[str, tuple[int, int, int]] = {}  # hashed or written by this build, too recently
        self._handed_back: IO[bytes] | None = None  # see `handing_back`
        # When no build of this code finished before, the only entries a lookup can find are those this build put
        # (every key names the code): the others are not asked for (62,000 lookups that all missed were 2.5 s of a
        # 10,000-document build from scratch, or after the code changed). None when a build of this code finished.
        self._only_new: set[str] | None = None
        self._held: dict[str, bytes] = {}  # see `take`
        # A cache with no blobs folder yet holds no blob but those this build writes: where another would be is not
        # looked at (a build from scratch at 10,000 documents tried to open 31,000 blobs it had not written).
        self.blobs_new = folder is not None and not os.path.isdir(f"{folder}/blobs")

    def handing_back(self, entries: IO[bytes], started: float, blobs_new: bool = False) -> "Cache":
        """This cache, in another process that makes part of a build (`search_copy`): it reads what earlier builds
        kept, by a connection of its own, and writes no entry; those it makes go one by one to `entries`, a file
        the build's cache reads back (`take`) with what it noted (`notes`), since that cache's transaction stays
        open to the build's end. (Ten thousand analyses, held until handed back, were 300 MB of a build from
        scratch.) `blobs_new` is the build's cache's (`Cache.blobs_new`)."""
        self._handed_back, self.started, self.blobs_new = entries, started, blobs_new
        return self

    def notes(self) -> dict:
        self._handed_back.flush()
        return {"used": self._used, "hashed": self._newly_hashed, "unsettled": self._unsettled}

    def take(self, entries: IO[bytes], notes: dict, start: int = 0, hold: bool = False) -> None:
        """What another process's cache (`handing_back`) made and noted, as if this cache had: its entries from
        `start` (where `take_some` stopped), once the process is done. With `hold`, its entries with sides
        (`keep_parts`) are also held as they are until their sides are read once: the pages a copy of the build
        converted, whose HTML the build reads next (from the cache, 1.3 s of a 10,000-document build's thread)."""
        self.take_some(entries, start, hold)
        self._used += notes["used"]
        self._newly_hashed |= notes["hashed"]
        self._unsettled |= notes["unsettled"]

    def take_some(self, entries: IO[bytes], start: int = 0, hold: bool = False) -> int:
        """The whole entries another process's cache has handed back so far from `start`, put in this cache while
        that process goes on (the build would otherwise take them all after it, seconds of a build from scratch);
        where the next one starts. Read by position: the file's offset is the writer's."""
        fd, at, pending = entries.fileno(), start, b""
        while chunk := os.pread(fd, _TAKEN_AT_ONCE, at + len(pending)):
            pending += chunk
            used = 0
            while len(pending) - used >= _FRAME.size:
                end = used + _FRAME.size + _FRAME.unpack_from(pending, used)[0]
                if end > len(pending):  # written in part so far
                    break
                key, value = pickle.loads(memoryview(pending)[used + _FRAME.size:end])
                self._put(key, value)
                if hold and _sections(value) is not None:
                    self._held[key] = value
                used = end
            pending, at = pending[used:], at + used
        return at

    def key(self, *parts: str | bytes) -> str:
        return digest(self.code, *parts)

    def _entries(self) -> sqlite3.Connection | None:
        """Small entries (converted Markdown, which bytes a page was) in one SQLite file, not ten thousand files."""
        if self.folder is None:
            return None
        if self._db is None:
            self.folder.mkdir(parents=True, exist_ok=True)
            try:
                self._db = self._open()
            except sqlite3.DatabaseError:  # damaged (a crash with writes not yet on disk): start again
                for name in (ENTRIES, f"{ENTRIES}-wal", f"{ENTRIES}-shm"):
                    (self.folder / name).unlink(missing_ok=True)
                self._db = self._open()
        return self._db

    def _open(self) -> sqlite3.Connection:
        # The preview finishes a build's search index and feeds in a thread of its own, after its pages.
        db = sqlite3.connect(self.folder / ENTRIES, timeout=60, check_same_thread=False)
        db.execute("PRAGMA synchronous = OFF")  # a cache: losing the last writes to a crash costs a rebuild only
        # A build writes in one transaction from start to end; the search index, made meanwhile by a process of its
        # own (`search_copy`), reads what earlier builds kept: in write-ahead mode a reader never waits for a writer.
        db.execute("PRAGMA journal_mode = WAL")
        # A build's one transaction outgrows SQLite's default 2 MB of pages: each entry put or looked up read and
        # wrote the pages of the keys' index again (a million reads and writes of pages at 10,000 documents).
        db.execute("PRAGMA cache_size = -32768")
        # When each entry was last used, in a table of its own: marking ten thousand entries used, and finding those
        # unused for KEEP_DAYS, then reads and writes no large value (the first layout, `entries`, kept both in one
        # row: each build's marking and clean-up went through the whole file).
        db.execute("DROP TABLE IF EXISTS entries")
        db.execute("CREATE TABLE IF NOT EXISTS kept (key TEXT PRIMARY KEY, value BLOB NOT NULL)")
        db.execute("CREATE TABLE IF NOT EXISTS used (key TEXT PRIMARY KEY, at REAL NOT NULL)")
        db.execute("CREATE TABLE IF NOT EXISTS hashed (blob TEXT PRIMARY KEY, size INTEGER NOT NULL, "
                   "modified INTEGER NOT NULL, inode INTEGER NOT NULL)")
        db.execute("CREATE TABLE IF NOT EXISTS sources (path TEXT PRIMARY KEY, size INTEGER NOT NULL, "
                   "modified INTEGER NOT NULL, changed INTEGER NOT NULL, inode INTEGER NOT NULL, digest TEXT NOT NULL)")
        finished = db.execute("SELECT 1 FROM kept WHERE key = ?", (self.key(_FINISHED),)).fetchone()
        self._only_new = None if finished else set()
        return db

    def _findable(self, keys: list[str]) -> list[str]:
        return keys if self._only_new is None else [key for key in keys if key in self._only_new]

    def _get(self, key: str) -> bytes | None:
        return self._get_many([key]).get(key)

    def _get_many(self, keys: list[str]) -> dict[str, bytes]:
        """The entries kept for `keys`, read a few hundred a statement (one statement per key was a fifth of a
        10,000-document rebuild's look-ups of its unchanged pages)."""
        db = self._entries()
        if db is None:
            return {}
        try:
            found = {key: (value, at) for key, value, at in _rows(
                db, "SELECT key, value, at FROM kept LEFT JOIN used USING (key) WHERE key IN ({keys})",
                self._findable(keys))}
        except sqlite3.DatabaseError:
            return {}
        self._mark_stale({key: at for key, (_value, at) in found.items()})
        return {key: value for key, (value, _at) in found.items()}

    def _mark_stale(self, marks: dict[str, float | None]) -> None:
        """Marked in use again: each key whose mark (`marks`, None for none) is older than MARK_AGAIN."""
        for key, at in marks.items():
            if at is None or at < self.started - MARK_AGAIN:
                self._mark_used(key)

    def _mark_used(self, key: str) -> None:
        """Kept from removal for KEEP_DAYS more: once per preview process is enough (it lives hours, not weeks), and
        marking every entry a save reads again made each save's commit a second longer at 10,000 documents."""
        if self._memory is not None:
            if key in self._memory.marked:
                return
            self._memory.marked.add(key)
        self._used.append((key, self.started))

    def keep_using(self, keys: list[str]) -> None:
        """Mark `keys` in use, as reading each would: entries a build may read only if a later step asks for them (an
        unchanged page's parts, which the feeds or the search index read where they need them). Their marks are looked
        over at most every LOOK_OVER_USING seconds (26,000 looked up were a tenth of a second of every rebuild at
        10,000 documents): a key in use now was made, read or looked over by a build since, so its mark is at most
        MARK_AGAIN + LOOK_OVER_USING old, days from removal (KEEP_DAYS)."""
        db = self._entries()
        if db is None or not keys:
            return
        looked_over = db.execute("SELECT at FROM used WHERE key = ?", (_LOOKED_OVER,)).fetchone()
        if looked_over is not None and self.started - looked_over[0] < LOOK_OVER_USING:
            return
        if self._memory is not None:
            keys = [key for key in keys if key not in self._memory.marked]
        keys = self._findable(keys)
        marks = dict(_rows(db, "SELECT key, at FROM used WHERE key IN ({keys})", keys))
        self._mark_stale({key: marks.get(key) for key in keys})
        self._used.append((_LOOKED_OVER, self.started))  # a mark of its own, with no entry

    def present(self, keys: list[str]) -> set[str]:
        """Which of `keys` have an entry (none read, none marked in use)."""
        db = self._entries()
        if db is None:
            return set()
        return {key for (key,) in _rows(db, "SELECT key FROM kept WHERE key IN ({keys})", self._findable(keys))}

    def _put(self, key: str, value: bytes) -> None:
        if self._handed_back is not None:
            record = pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL)
            self._handed_back.write(_FRAME.pack(len(record)) + record)  # framed: `take_some` may read it in part
            return
        db = self._entries()
        if db is not None:
            db.execute("INSERT OR REPLACE INTO kept VALUES (?, ?)", (key, value))
            db.execute("INSERT OR REPLACE INTO used VALUES (?, ?)", (key, self.started))
            if self._only_new is not None:
                self._only_new.add(key)

    def entry(self, key: str) -> bytes | None:
        """The bytes kept for `key`, if any."""
        return self._get(key)

    def entries(self, keys: list[str]) -> dict[str, bytes]:
        """The bytes kept for each of `keys` that has an entry."""
        return self._get_many(keys)

    def keep_entry(self, key: str, value: bytes) -> None:
        self._put(key, value)

    def record(self, key: str) -> Any:
        """The record kept for `key` (`keep_record`), or None where there is none, or it cannot be read."""
        data = self._get(key)
        try:
            return None if data is None else marshal.loads(data)
        except (EOFError, ValueError, TypeError):
            return None

    def keep_record(self, key: str, value: Any) -> None:
        """A record of the whole build that the next one reads whole (what made each page, where it put which bytes):
        plain values (strings, numbers, lists, tuples, dicts, in their order), marshalled in format 2, which keeps no
        references between objects, so the same values give the same bytes. JSON read them back half as fast and wrote
        them ten times slower (13,000 pages' records were 0.09 s of a rebuild at 10,000 documents)."""
        self._put(key, marshal.dumps(value, 2))

    def parts(self, key: str) -> dict | None:
        """The value kept for `key` (never to be changed by the caller: the preview hands the same one out again), its
        sides (`keep_parts`) left undecoded."""
        remembered = self._memory.values.get(key) if self._memory is not None else None
        if remembered is not None:
            self._mark_used(key)
            return remembered
        sections = self._sections(key, self._held.get(key))
        try:
            parts = sections and json.loads(bytes(sections[0]))
        except ValueError:
            return None
        if parts is not None and self._memory is not None:
            self._memory.keep(key, parts)
        return parts

    def sides(self, key: str) -> list[str] | None:
        """The long strings kept beside the value for `key`, in the order given to `keep_parts`, the value itself not
        decoded (a sixth of reading a page's HTML back)."""
        sections = self._sections(key, self._held.pop(key, None))
        try:
            return sections and [str(side, "utf-8", "surrogatepass") for side in sections[1:]]
        except ValueError:
            return None

    def _sections(self, key: str, held: bytes | None) -> list[memoryview] | None:
        data = held if held is not None else self._get(key)
        return _sections(data) if data is not None else None

    def keep_parts(self, key: str, parts: dict, *sides: str) -> None:
        """Keep `parts`, and beside them `sides`: long strings (a page's HTML) that a build reading the
        parts back seldom needs, and does not decode (at 10,000 documents, 160 MB of JSON decoded a rebuild)."""
        sections = [json.dumps(parts, ensure_ascii=False).encode("utf-8")]
        sections += [side.encode("utf-8", "surrogatepass") for side in sides]
        self._put(key, _frame(sections))
        if self._memory is not None:  # the preview: a save's next build reads the parts from memory, the sides
            self._memory.keep(key, parts)  # from the cache where needed (all of them were 500 MB at 10,000 documents)

    def remembered(self, key: str, make: Callable[[], object]) -> object:
        """A value made once for its key (a document's search analysis, the index of a run of documents), then read
        back from the cache: pickled, which reads back several times faster than JSON, and not kept in the preview's
        memory (it is needed again only once the documents around it change)."""
        data = self._get(key)
        if data is not None:
            try:
                return pickle.loads(data)
            except (pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError):
                pass  # damaged: made again
        value = make()
        self._put(key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        return value

    def remember(self, parts: tuple[str, ...], make: Callable[[], object]) -> object:
        """`remembered` under the key of `parts`: what `search.build` is given to keep runs and analyses."""
        return self.remembered(self.key(*parts), make)

    def remembered_files(self, key: str, make: Callable[[], dict[str, bytes]]) -> dict[str, bytes | Blob]:
        """Files made once for their key ({path: bytes}), then given as the blobs their bytes were kept as, which `place`
        puts in place unread: the feeds' 76 MB and the catalogue's 20 MB at 10,000 documents are neither pickled into
        an entry nor read, hashed and held again on every build. Kept as blobs as soon as they are made; made again
        if a blob is gone or damaged."""
        kept = self._get(key)
        if kept is not None:
            try:
                files = {path: Blob(digest) for path, digest in json.loads(kept).items()}
            except (ValueError, AttributeError):
                files = None
            if files is not None and all(self._intact(self._blob(blob.digest)) for blob in files.values()):
                return files
        files = make()
        if self.folder is None:
            return files
        blobs = {path: self._kept_blob(data) for path, data in files.items()}  # each hashed once, `place` links it
        self._put(key, json.dumps({path: blob.digest for path, blob in blobs.items()}).encode())
        return blobs

    def remember_files(self, parts: tuple[str, ...], make: Callable[[], dict[str, bytes]]) -> dict[str, bytes | Blob]:
        """`remembered_files` under the key of `parts`."""
        return self.remembered_files(self.key(*parts), make)

    def place_page(self, key: str, dest: Path) -> str:
        """Put the page made before at `dest`; the digest of its bytes, or "" if there is none, or its bytes are not
        the ones kept."""
        return self.place_pages([(key, dest)]).get(key, "")

    def place_pages(self, pages: list[tuple[str, Path | str]], known: dict[str, str] | None = None,
                    seen: dict[str, tuple[int, int, int] | None] | None = None) -> dict[str, str]:
        """`place_page` for each (key, dest) of `pages`: the digests of the pages placed, by key. `known` names the
        bytes of keys a build placed before (a key names the same bytes whenever it is made), and the cache is asked
        only for the others: looking up 13,000 keys was 0.09 s of a 10,000-document rebuild. (The caller keeps the
        keys it did not look up in use: `keep_using`.) `seen` gives the signatures of files at some of the dests,
        looked at already (`site_swap.Spare.seen`)."""
        known = known or {}
        pointers = self._get_many([key for key, _dest in pages if key not in known])
        placed = {}
        for key, dest in pages:
            digest = known.get(key) or (pointers[key].decode("ascii", "replace") if key in pointers else "")
            if digest and self.place_kept(digest, dest, seen):
                placed[key] = digest
        return placed

    def _linked_already(self, blob: str, dest: Path | str, seen: dict | None = None) -> bool:
        """`dest` is the blob itself (a page unchanged since the site this build took over, `site_swap.Spare`),
        and the blob's size, time and inode are those it had when hashed: one look at `dest` instead of three, or
        none where `seen` has it."""
        known = self._hashed_before().get(os.path.basename(blob))
        if known is None:
            return False
        if seen is not None and dest in seen:
            return seen[dest] == known
        try:
            return _signature(dest) == known
        except OSError:
            return False

    def _intact(self, blob: str, data: bytes | None = None) -> bool:
        """The blob's bytes (`data`, if read already) are the ones its name is the digest of: hashed, unless its size
        and time are still those it had when it was hashed before (ten thousand pages read and hashed were a second
        of every rebuild at 10,000 documents). Not its inode, which `_linked_already` needs of a page but which says
        nothing more of a blob, a file written once under the digest of its bytes: a CI job restores the cache with
        each file's time (`tar --posix` keeps it to the nanosecond) but as new files, and every rebuild read and
        hashed the blobs of the whole site again (0.7 s of the build's thread at 10,000 documents, and the search
        index's 18,000 files in its process)."""
        try:
            known = self._hashed_before().get(os.path.basename(blob))
            if known is not None and known[:2] == _signature(blob)[:2]:
                return True
            if data is None and self.blobs_new and blob not in self._unsettled:  # not written by this build
                return False
            intact = hashlib.sha256(_read(blob) if data is None else data).hexdigest() == os.path.basename(blob)
        except OSError:
            return False
        if intact:
            self._checked(blob)
        return intact

    def blobs_hashed(self) -> None:
        """The record of the blobs hashed before, read now rather than at the first file placed (`search_copy`)."""
        self._hashed_before()

    def _hashed_before(self) -> dict[str, tuple[int, int, int]]:
        if self._hashed is None:
            db = self._entries()
            rows = db.execute("SELECT blob, size, modified, inode FROM hashed").fetchall() if db is not None else []
            self._hashed = {blob: tuple(status) for blob, *status in rows}
        return self._hashed

    def sources_read(self) -> source_signatures.Noted:
        """What earlier builds noted of the sources they read (`source_signatures`), whatever their code."""
        return _sources_read(self._entries())

    def note_sources_read(self, noted: source_signatures.Noted, before: source_signatures.Noted) -> None:
        """`noted` kept in place of `before` (what `sources_read` gave) once the build ends."""
        db = self._entries()
        if db is None:
            return
        db.executemany("DELETE FROM sources WHERE path = ?", [(path,) for path in before.keys() - noted.keys()])
        db.executemany("INSERT OR REPLACE INTO sources VALUES (?, ?, ?, ?, ?, ?)",
                       [(path, *found, digest) for path, (found, digest) in noted.items()
                        if before.get(path) != (found, digest)])

    def _checked(self, blob: str) -> None:
        """Its bytes are right (this build wrote or hashed them): noted with its size, time and inode if it was
        modified long enough ago that an edit would move its time (`SETTLED`), else when the build ends."""
        status = _signature(blob)
        if status[1] < time.time_ns() - SETTLED:
            self._hashed_before()[os.path.basename(blob)] = self._newly_hashed[os.path.basename(blob)] = status
        else:
            self._unsettled[blob] = status

    def _settled(self) -> None:
        """The blobs this build wrote or hashed whose size, time and inode have not moved since, and whose time is
        now far enough back: noted, so that the next build need not hash the pages this one wrote."""
        settled = time.time_ns() - SETTLED
        for blob, status in self._unsettled.items():
            try:
                if status[1] < settled and _signature(blob) == status:
                    self._newly_hashed[os.path.basename(blob)] = status
            except OSError:
                pass

    def place_elsewhere(self) -> None:
        """Files are put in place (`place`, `put_page`, `place_pages`) by a process of their own (`placing`) from now
        until `placed`: the build goes on meanwhile."""
        if self.folder is not None and self._placer is None:
            self._placer = placing.Placer()

    def placed(self) -> None:
        """Every page handed over is in place (a failure to write one stops the build: `placing.PlacingError`)."""
        placer, self._placer = self._placer, None
        if placer is not None:
            placer.finish()
            for blob in placer.written.values():
                self._checked(blob)

    def place_kept(self, digest: str, dest: Path | str, seen: dict | None = None) -> bool:
        """Put at `dest` the bytes a build kept before, named by their digest, without them (a page, a file besides
        the pages): False where the blob is not there, or not intact, or cannot be linked, and nothing was placed.
        `seen`: as `place_pages`'."""
        if self.folder is None:
            return False
        blob = self._blob(digest)
        return self._linked_already(blob, dest, seen) or (self._written(blob) and self._linked(blob, dest))

    def put_page(self, key: str, data: bytes, dest: Path) -> str:
        """Keep a page as written (its bytes, and which bytes the key made) and put it at `dest`; the digest of the
        bytes kept, or "" when nothing is kept."""
        digest = self.place(data, dest)
        if digest:
            self._put(key, digest.encode("ascii"))
        return digest

    def kept(self, digest: str) -> bytes | None:
        """The bytes kept under `digest`, if they still are those."""
        if self.folder is None:
            return None
        blob = self._blob(digest)
        try:
            data = _read(blob)
        except OSError:
            return None
        return data if self._intact(blob, data) else None

    def _blob(self, digest: str) -> str:
        """Its path, a string: made for each of 30,000 files a build writes, which pathlib made three times slower."""
        return f"{self.folder}/blobs/{digest[:2]}/{digest}"

    def place(self, data: bytes | Blob, dest: Path | str) -> str:
        """Write `data` at `dest`, by a link to the same bytes kept from a previous build when there are some: a
        rebuild writes only what changed (writing is most of a rebuild's time on a slow disk). Returns the digest
        of the bytes kept, or "" when nothing is kept. After `place_elsewhere`, handed over (`placing.Placer`)."""
        if self._placer is not None:
            digest = data.digest if isinstance(data, Blob) else hashlib.sha256(data).hexdigest()
            blob = self._blob(digest)
            # The site this build took over has these bytes there already (most of a rebuild's search index): one
            # look at the file, and nothing handed over.
            if not self._linked_already(blob, dest):
                self._placer.put(blob, dest, None if isinstance(data, Blob) or self._written(blob) else data)
            return digest
        if not isinstance(data, Blob) and self.folder is not None:
            data = self._kept_blob(data)
        if isinstance(data, Blob):  # checked when it was kept, or given (`remembered_files`)
            if self._link(self._blob(data.digest), dest):
                return data.digest
            data = _read(self._blob(data.digest))  # another file system: a copy
        self._folder(os.path.dirname(dest))
        placing.write_replacing(dest, data)
        return ""

    def _kept_blob(self, data: bytes) -> Blob:
        """`data` kept as a blob: written unless it is there already, with these bytes."""
        digest = hashlib.sha256(data).hexdigest()
        blob = self._blob(digest)
        if not self._intact(blob):  # absent, or damaged: written (no temporary file: a blob is checked before any reuse)
            self._folder(os.path.dirname(blob))
            with open(blob, "wb") as file:
                file.write(data)
            self._checked(blob)
        return Blob(digest)

    def _folder(self, folder: Path | str) -> None:
        placing.made(folder, self._folders)

    def _link(self, source: str, dest: Path | str) -> bool:
        return placing.link(source, dest, self._folders)

    def _written(self, blob: str) -> bool:
        """The blob holds its bytes, or will once the placing process gets to it (not read and hashed meanwhile)."""
        return (self._placer is not None and os.path.basename(blob) in self._placer.written) or self._intact(blob)

    def _linked(self, blob: str, dest: Path | str) -> bool:
        """`dest` is, or will be (after `place_elsewhere`), a link to `blob` or a copy of it; False if it cannot be."""
        if self._placer is None:
            return self._link(blob, dest)
        self._placer.put(blob, dest)  # by a copy where it cannot be linked
        return True

    def commit_so_far(self) -> None:
        """What this build put so far committed and copied from the write-ahead log into the cache's file, while the
        build's thread waits for its search process with nothing else to do: from scratch at 10,000 documents the log
        is 470 MB, and copying it at the end (`close`) was 2 s after the last process ended. Entries put after it
        are committed by `close`, which alone marks the code finished (`_only_new`): a build that fails after this
        leaves entries that are right (keys name their inputs) and will be removed unused, but finishes nothing."""
        if self._db is None:
            return
        self._db.commit()
        self._db.execute("PRAGMA wal_checkpoint(PASSIVE)")

    def close(self, keep: bool = True) -> None:
        """Commit what this build added and marked in use (or, for a failed build, nothing) and remove what no
        build has used for KEEP_DAYS."""
        if not keep and self._placer is not None:
            self._placer.cancel()
            self._placer = None
        if self._db is None:
            return
        try:
            if keep:
                self.placed()
                self._put(self.key(_FINISHED), b"")
                self._db.executemany("INSERT OR REPLACE INTO used VALUES (?, ?)", self._used)
                self._settled()
                self._db.executemany("INSERT OR REPLACE INTO hashed VALUES (?, ?, ?, ?)",
                                     [(blob, *status) for blob, status in self._newly_hashed.items()])
                self._prune()
                self._db.commit()
        finally:
            self._db.close()
            self._db, self._used, self._hashed, self._newly_hashed, self._unsettled = None, [], None, {}, {}

    def _prune(self) -> None:
        """Entries and blobs unused for KEEP_DAYS removed, looked over once a day: a preview rebuilds on every save,
        the marks of entries are hundreds of thousands after a few weeks of code changes (each look over them was
        0.03-0.09 s of a rebuild) and the blobs tens of thousands. A new cache's blobs are all this build's
        (`blobs_new`): first looked over a day on (the 32,000 blobs of a 10,000-document build from scratch were
        0.2 s at its end, for nothing)."""
        stamp = self.folder / PRUNED
        try:
            if not self.blobs_new and stamp.stat().st_mtime > self.started - 86400:
                return
        except OSError:
            pass
        stamp.touch()
        os.utime(stamp, (self.started, self.started))
        oldest = self.started - KEEP_DAYS * 86400
        self._db.execute("DELETE FROM kept WHERE key IN (SELECT key FROM used WHERE at < ?)", (oldest,))
        self._db.execute("DELETE FROM used WHERE at < ?", (oldest,))
        if self.blobs_new:
            return
        for path in (self.folder / "blobs").glob("*/*"):
            try:
                status = path.stat()
                if max(status.st_mtime, status.st_ctime) < oldest:
                    path.unlink()
                    self._db.execute("DELETE FROM hashed WHERE blob = ?", (path.name,))
            except OSError:
                pass


class Kept:
    """What earlier builds kept, read and never written: a content check (`python -m cchc.check`) before a build, or
    beside one (SQLite in write-ahead mode: a reader never waits for the build's transaction). Nothing where there is
    no cache."""

    def __init__(self, folder: Path | None):
        self._db = None
        if folder is not None and (folder / ENTRIES).is_file():
            try:
                self._db = sqlite3.connect(folder / ENTRIES, timeout=60)
                self._db.execute("SELECT 1 FROM kept LIMIT 1")
            except sqlite3.DatabaseError:  # damaged, or not yet made: checked as with no cache
                self._db = None

    def __enter__(self) -> "Kept":
        return self

    def __exit__(self, *_exc) -> None:
        if self._db is not None:
            self._db.close()

    def entries(self, keys: list[str]) -> dict[str, bytes]:
        try:
            return dict(_rows(self._db, "SELECT key, value FROM kept WHERE key IN ({keys})", keys)) if self._db else {}
        except sqlite3.DatabaseError:
            return {}

    def sources_read(self) -> source_signatures.Noted:
        try:
            return _sources_read(self._db)
        except sqlite3.DatabaseError:
            return {}


def _sources_read(db: sqlite3.Connection | None) -> source_signatures.Noted:
    rows = db.execute("SELECT path, size, modified, changed, inode, digest FROM sources") if db is not None else []
    return {path: ((size, modified, changed, inode), digest) for path, size, modified, changed, inode, digest in rows}


def _rows(db: sqlite3.Connection, query: str, keys: list[str], *before) -> Iterator[tuple]:
    """The rows of `query` for `keys` (its `{keys}`, after the parameters `before`), a few hundred keys a statement:
    SQLite's limit of parameters a statement takes."""
    for start in range(0, len(keys), 500):
        chunk = keys[start:start + 500]
        yield from db.execute(query.format(keys=",".join("?" * len(chunk))), (*before, *chunk))


def _frame(sections: list[bytes]) -> bytes:
    """Sections one after the other, after their count and lengths: each read without decoding the others."""
    return struct.pack(f"<{len(sections) + 1}I", len(sections), *map(len, sections)) + b"".join(sections)


def _sections(data: bytes) -> list[memoryview] | None:
    """The sections of `_frame`, or None where `data` is not one (cut short, or kept by older code)."""
    view = memoryview(data)
    try:
        (count,) = struct.unpack_from("<I", view)
        lengths = struct.unpack_from(f"<{count}I", view, 4)
    except struct.error:
        return None
    start = 4 * (count + 1)
    if start + sum(lengths) != len(view):
        return None
    sections = []
    for length in lengths:
        sections.append(view[start:start + length])
        start += length
    return sections


def _read(path: str) -> bytes:
    with open(path, "rb") as file:
        return file.read()


class _Memory:
    """What one preview process has read from the cache, for its next save."""

    LIMIT = 200_000  # entries: forgotten all at once past it (a preview of 10,000 documents reads about 25,000)

    def __init__(self):
        self.values: dict[str, object] = {}
        self.marked: set[str] = set()  # entries marked in use by this process

    def keep(self, key: str, value: object) -> None:
        if len(self.values) >= self.LIMIT:
            self.values.clear()
            self.marked.clear()
        self.values[key] = value


_MEMORY = _Memory()


def location(project: Path, environ=os.environ) -> Path | None:
    """Where the cache lives: `CCHC_CACHE` names another folder, or `off` for a build that keeps nothing."""
    chosen = environ.get("CCHC_CACHE", "")
    if chosen.lower() in ("off", "0", "no"):
        return None
    return Path(chosen) if chosen else project / FOLDER
