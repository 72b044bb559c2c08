"""Which source files are unchanged since a build read them, told by their size, times and inode instead of their
bytes: a rebuild at 10,000 documents read and hashed every source only to find the digest it already knew.

A build notes, for each source it read, its signature taken before reading and the digest of the bytes read; the next
build takes a file whose signature is the same as read before, and looks its check up by that digest. An edit moves
the modification time, or the change time, which nothing but the system sets (a copy that keeps the modification time
still moves it), or the inode (a file saved by replacing it). A file modified too recently for its times to have
moved since (`SETTLED`: the system's clock for files is coarse) is not noted, as Git does not trust a "racily clean"
file: the next build reads it again.

A fresh checkout (a CI job's) has no file an earlier build saw: there Git's index says which files are the blobs
they were committed as (`git_index`), and a file whose blob is the digest noted for its path is known that way.
Paths are noted relative to the project, which a CI job may check out in a different folder each time.
"""

from __future__ import annotations

import os
import time
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Iterator, Protocol

from . import git_index, source_files

SETTLED = 2 * 10**9  # nanoseconds between a file's last change and the moment its signature can be trusted

Signature = tuple[int, int, int, int]  # size, modification and change times (ns), inode
Noted = dict[str, tuple[Signature, str]]  # path (relative to the project) -> its signature and the digest of its bytes
# A file's path -> the clock (ns), then its signature, as taken before the build read it (`sources_ahead`).
Looked = dict[str, tuple[int, Signature]]


class Vouching(Protocol):
    def blob(self, path: str) -> str | None: ...  # `git_index.Committed`


@contextmanager
def knowing(before: Noted, root: Path, looked: Looked | None = None) -> Iterator["Signatures"]:
    """`Signatures` for one reading of the project's sources (the build's, the content check's), with Git asked on
    the side where an earlier build noted any: the only use of its answer. `looked`: as `Signatures`'."""
    with git_index.Committed(root) if before else nullcontext() as committed:
        yield Signatures(before, root, committed, looked)


def signature(path: Path) -> Signature:
    status = os.stat(path)
    return status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino


class Signatures:
    """What one build knows of its sources' bytes without reading them (`before`: noted by earlier builds), and what
    it notes for the next (`noted`)."""

    def __init__(self, before: Noted, root: Path, committed: Vouching | None = None, looked: Looked | None = None):
        self.before = before
        self.noted: Noted = {}
        self._root = root
        self._committed = committed
        self._taken: dict[str, tuple[Signature, int]] = {}  # read next: the signature and the clock, before reading
        # Files looked at already (`sources_ahead`), by path: the clock just before, and the signature then.
        self._looked = looked or {}

    def unchanged(self, path: Path) -> str | None:
        """The digest of `path`'s bytes if they are those an earlier build read; else None, and the file is to be
        read (`read`)."""
        name = self._name(path)
        looked = self._looked.pop(str(path), None)
        try:
            now, found = looked if looked is not None else (time.time_ns(), signature(path))
        except OSError:
            return None
        kept = self.before.get(name)
        if kept is not None and (kept[0] == found or self._vouched(name, found, kept)):
            self.noted[name] = kept
            return kept[1]
        self._taken[name] = found, now
        return None

    def read(self, path: Path, digest: str) -> None:
        """`path` was read after `unchanged` said it was not known: its bytes' digest."""
        name = self._name(path)
        taken = self._taken.pop(name, None)
        if taken is not None:
            found, now = taken
            if max(found[1], found[2]) < now - SETTLED:
                self.noted[name] = found, digest

    def _vouched(self, name: str, found: Signature, kept: tuple[Signature, str]) -> bool:
        """Git says the file is the blob whose id is the digest noted for it, and its size is that of the bytes read
        then (a checkout that converts line ends makes files of other sizes than their blobs'). Noted as it was, not
        with this signature: the file may have changed since Git looked, and the next build asks Git again."""
        return self._committed is not None and found[0] == kept[0][0] and self._committed.blob(name) == kept[1]

    def _name(self, path: Path) -> str:
        return source_files.under(path, self._root) or str(path)
