"""The search index, made by a process of its own while the build writes its pages: on the machine's second core, it
takes the index (3 s of a 10,000-document rebuild) off the build's path.

The build hands over the search documents once every page is converted (MkDocs' `on_env`), in a temporary file, and
asks for the result once its pages are written (`Running.written`). The process places the index's files in the site
being built and reads the build cache by a connection of its own; the cache entries it makes are handed back to the
build's cache (`Cache.handing_back`). A fresh process, not a copy of the build (`fork`), where a copy of the build
dirtied 600 MB of the build's pages as it went; it reads the documents one by one, and holds the texts of one run of
them at a time (all of them were 140 MB at 10,000 documents). A page the build did not convert again is handed over
without its texts, named by its parts in the cache (`SearchDoc.source`): the process reads them from there only if
its run is indexed again.
"""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import fields
from operator import attrgetter
from pathlib import Path
from typing import IO, Iterator

from . import build_cache, page_sides, process_end, search


# A document as the row of its fields, in their order: `dataclasses.astuple` copied each value, deeply (0.15 s for
# the 10,000 documents of a rebuild, on its path: the process starts after).
_ROW = attrgetter(*(field.name for field in fields(search.SearchDoc)))
HANDED = 64  # documents pickled together (`Running.hand_over`)
TAKING = 0.1  # seconds between two looks at the entries the process handed back, while the build waits for it
COMMITTING = 1.0  # seconds between two commits of what the build put, while it waits (`Cache.commit_so_far`)


class SearchCopyError(Exception):
    """The process failed: what it said, its traceback included."""


class Running:
    """The search process, started as the build starts: its start and imports (a quarter of a second) are behind it
    when the build hands the documents over (`hand_over`), which it waits for. Given the build's cache, it reads
    meanwhile what the last index read (`_ReadAhead`)."""

    def __init__(self, cache: build_cache.Cache | None = None):
        self._entries = tempfile.TemporaryFile()
        self._given = tempfile.TemporaryFile()  # the process reads it by a descriptor of its own
        told, self._tell = os.pipe()  # what the process is to make, once the documents are in `_given`
        fds = (self._given.fileno(), self._entries.fileno(), told)
        ahead = [str(cache.folder or ""), cache.code] if cache is not None else ["", ""]
        try:
            self._process = subprocess.Popen(
                [sys.executable, "-m", __name__, *map(str, fds), *ahead], pass_fds=fds, stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env={**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(__file__).parent.parent), *_paths()])})
        finally:
            os.close(told)

    def hand_over(self, docs: list[search.SearchDoc], departments: dict[str, str], cache: build_cache.Cache,
                  site_dir: Path) -> "Running":
        """The documents to index, the cache to read and hand entries back to, the site to place the files in."""
        with self._given as given:
            pickle.dump(departments, given, protocol=pickle.HIGHEST_PROTOCOL)
            ordered = sorted(docs, key=lambda doc: doc.url)
            # A few at a time: the process holds a few documents' texts, not all (140 MB at 10,000 documents); one by
            # one, the 20,000 calls to pickle were 0.04 s of a rebuild's path.
            for start in range(0, len(ordered), HANDED):
                pickle.dump(list(map(_ROW, ordered[start:start + HANDED])), given, protocol=pickle.HIGHEST_PROTOCOL)
            given.flush()
            given.seek(0)
        tell, self._tell = self._tell, None
        try:
            os.write(tell, pickle.dumps((str(cache.folder or ""), cache.code, str(site_dir), cache.started, cache.blobs_new)))
        except BrokenPipeError:  # it ended already: `written` says what it said
            pass
        finally:
            os.close(tell)
        return self

    def written(self, cache: build_cache.Cache) -> set[str]:
        """The paths of the index's files, placed in the site; the cache entries made, now in `cache`. While the
        build waits for the process, it takes the entries handed back so far, and commits what it put (the end of a
        build from scratch at 10,000 documents committed 470 MB after the process ended, on one core)."""
        said: list[bytes] = []
        ending = threading.Thread(target=lambda: said.extend(self._process.communicate()), daemon=True)
        ending.start()
        taken, committed = 0, 0.0
        try:
            while ending.is_alive():
                if time.monotonic() - committed > COMMITTING:
                    cache.commit_so_far()
                    committed = time.monotonic()
                taken = cache.take_some(self._entries, taken)
                ending.join(timeout=TAKING)
            out, err = said
            if self._process.returncode:
                raise SearchCopyError(err.decode("utf-8", "replace").strip()
                                      or f"tiến trình dừng với mã {self._process.returncode}")
            paths, notes = pickle.loads(out)
            cache.take(self._entries, notes, taken)
        except BaseException:
            self._process.kill()
            ending.join()
            raise
        finally:
            self._entries.close()
        return paths

    def cancel(self) -> None:
        """The build failed (perhaps because the process did): the process is stopped, if it is still running."""
        if self._process.returncode is None:  # not waited for yet
            self._process.kill()
            self._process.communicate()
        if self._tell is not None:
            os.close(self._tell)
            self._tell = None
        self._given.close()
        self._entries.close()


def _paths() -> list[str]:
    """The paths Python is told to look in: after this package's own folder, so the process runs this very code."""
    return [path for path in os.environ.get("PYTHONPATH", "").split(os.pathsep) if path]


def _documents(handed: IO[bytes]) -> Iterator[search.SearchDoc]:
    while True:
        try:
            rows = pickle.load(handed)
        except EOFError:
            return
        for row in rows:
            yield search.SearchDoc(*row)


# The cache's entry naming what the last index read of the cache (`_ReadAhead`).
READ = "search index's reads"


class _ReadAhead:
    """What the last index read of the cache (each run's head, each merged part's size, each group of buckets' files:
    `search._Run`, `search._Merged`, `search._Group`), read and unpickled while the build reads its content and the
    process would wait: a rebuild's index reads most of them again, and looking them up once the documents came was a
    tenth of a second of a 10,000-document rebuild's path, the build waiting for the index. The cache's record of its
    blobs too, which placing the files reads."""

    def __init__(self, cache: build_cache.Cache):
        self.cache, self.read = cache, []
        self._values: dict[str, object] = {}
        listed = cache.entry(cache.key(READ))
        for key, data in cache.entries(json.loads(listed) if listed else []).items():
            try:
                self._values[key] = pickle.loads(data)
            except Exception:  # noqa: BLE001 - damaged: looked up again, and made again, when asked for
                pass
        cache.blobs_hashed()

    def remember(self, parts: tuple[str, ...], make):
        """`Cache.remember`, from what was read ahead where it holds the key."""
        key = self.cache.key(*parts)
        if parts[0] in (search.RUN_HEAD, search.MERGED_SIZE, search.GROUP_FILES):
            self.read.append(key)
        if key in self._values:
            return self._values.pop(key)
        return self.cache.remembered(key, make)

    def keep(self) -> None:
        """What this index read, for the next to read ahead."""
        self.cache.keep_entry(self.cache.key(READ), json.dumps(self.read).encode("ascii"))


def _main(given: str, entries: str, told: str, ahead_folder: str = "", ahead_code: str = "") -> None:
    ahead = _ReadAhead(build_cache.Cache(Path(ahead_folder), ahead_code)) if ahead_folder else None
    try:
        with os.fdopen(int(told), "rb") as telling:
            folder, code, site_dir, started, blobs_new = pickle.load(telling)
    except EOFError:  # the build ended before its pages were converted: nothing to make
        return
    if ahead is not None and (folder, code) != (ahead_folder, ahead_code):  # not the cache the build hands over
        ahead = None
    with os.fdopen(int(given), "rb") as handed, os.fdopen(int(entries), "wb") as handing_back:
        departments = pickle.load(handed)
        cache = (ahead.cache if ahead is not None else build_cache.Cache(Path(folder) if folder else None, code)
                 ).handing_back(handing_back, started, blobs_new)
        cache.place_elsewhere()  # each run's files are written while the next is indexed
        placed = set()

        def place(path: str, data: bytes) -> None:
            cache.place(data, f"{site_dir}/{path}")  # 18,000 files: no pathlib
            placed.add(path)

        def place_kept(path: str, named: str) -> bool:
            kept = cache.place_kept(named, f"{site_dir}/{path}")
            if kept:
                placed.add(path)
            return kept

        search.build_in_order(_documents(handed), departments, place, place_kept,
                              ahead.remember if ahead else cache.remember, read=page_sides.kept_texts(cache))
        if ahead is not None:
            ahead.keep()
        cache.placed()
        notes = cache.notes()
    sys.stdout.buffer.write(pickle.dumps((placed, notes), protocol=pickle.HIGHEST_PROTOCOL))


if __name__ == "__main__":
    _main(*sys.argv[1:])
    process_end.end(0)  # the index's millions of postings are not freed one by one while the build waits for the end
