"""Pages put in place by a process of their own: the build hands each page over and goes on making the next.

Making a file or a folder is the system's work, yet the build waited for each: at 10,000 documents, a build from
scratch spent 12 s of its 62 s making 13,700 files and as many folders on a disk that had just freed blocks (each new
file then waits on the disk's journal), 1.5 s when the same build wrote into memory. Here a process that has nothing
else to do waits instead; the build only writes each page into a pipe.

The process runs this file as a script, in isolated mode: it imports nothing of the project, and starts in 20 ms.
"""

from __future__ import annotations

import fcntl
import os
import struct
import subprocess
import sys
from pathlib import Path

_HEADER = struct.Struct("<?III")  # the blob is to be written (its bytes follow), its path's size, the page's, the bytes'
_PIPE_SIZE = 1 << 20  # about thirty pages: the build goes on while the disk is slow for a moment


class PlacingError(Exception):
    """The process putting pages in place failed (a full disk, a folder that cannot be written): its own words."""


class Placer:
    """The process that writes blobs of the build cache and links each page of the site to its blob."""

    def __init__(self):
        self._process = subprocess.Popen([sys.executable, "-I", "-S", __file__], stdin=subprocess.PIPE,
                                         stderr=subprocess.PIPE)
        try:
            fcntl.fcntl(self._process.stdin.fileno(), fcntl.F_SETPIPE_SZ, _PIPE_SIZE)
        except (OSError, AttributeError):  # a system that keeps pipes small: the build waits more often
            pass
        self.written: dict[str, str] = {}  # the blobs it writes, by name

    def put(self, blob: str, dest: Path | str, data: bytes | None = None) -> None:
        """`dest` becomes a link to `blob`, which is written first with `data` when given (once per blob: a blob
        handed over already is only linked)."""
        name = os.path.basename(blob)
        if data is not None and name in self.written:
            data = None
        if data is not None:
            self.written[name] = blob
        source, target = os.fsencode(blob), os.fsencode(dest)
        try:
            self._process.stdin.write(_HEADER.pack(data is not None, len(source), len(target), len(data or b"")))
            self._process.stdin.write(source + target)
            if data:
                self._process.stdin.write(data)
        except BrokenPipeError:  # it stopped: `finish` says why
            pass

    def finish(self) -> None:
        """Wait until every page handed over is in place."""
        _out, said = self._process.communicate()
        if self._process.returncode:
            lines = said.decode("utf-8", "replace").strip().splitlines()
            raise PlacingError(lines[-1] if lines else f"tiến trình dừng với mã {self._process.returncode}")

    def cancel(self) -> None:
        self._process.kill()
        self._process.communicate()


def link(source: Path | str, dest: Path | str, folders: set) -> bool:
    """`dest` made a hard link to `source`, its folder made if missing (`folders`: those made already): the site and
    the cache share the file, which is therefore replaced, never edited in place (the preview replaces its search
    index and feeds in the site it serves). False where the system cannot link them (another file system): the
    caller writes a copy."""
    try:
        try:
            os.link(source, dest)  # which also marks it in use for `prune` (its inode's change time)
        except FileNotFoundError:  # its folder is new (asking first costs a rebuild of the spare's pages 0.7 s)
            made(os.path.dirname(dest), folders)
            os.link(source, dest)
        except FileExistsError:
            if os.path.samefile(source, dest):  # unchanged (a rename onto the same file would do nothing)
                return True
            linked = _beside(dest)
            os.link(source, linked)
            os.replace(linked, dest)
        return True
    except OSError:
        return False


def made(folder: Path | str, folders: set) -> None:
    folder = os.fspath(folder)
    if folder not in folders:
        os.makedirs(folder, exist_ok=True)
        folders.add(folder)


def write_replacing(dest: Path | str, data: bytes) -> None:
    """`data` at `dest` by a new file put in its place, never written through the file there: a site's file may be a
    link to a blob of the cache."""
    written = _beside(dest)
    with open(written, "wb") as file:
        file.write(data)
    os.replace(written, dest)


def _beside(dest: Path | str) -> str:
    """A free name beside `dest` to make its replacement under (one left by a killed build may be a link to a blob:
    it is removed, never written through)."""
    path = os.path.join(os.path.dirname(dest), f".{os.path.basename(dest)}.{os.getpid()}")
    if os.path.lexists(path):
        os.unlink(path)
    return path


def _main() -> None:
    folders: set = set()
    read = sys.stdin.buffer.read
    while header := read(_HEADER.size):
        write, source_size, dest_size, size = _HEADER.unpack(header)
        source, dest = os.fsdecode(read(source_size)), os.fsdecode(read(dest_size))
        if write:
            data = read(size)
            made(os.path.dirname(source), folders)
            with open(source, "wb") as file:  # no temporary file: a blob is checked before any reuse
                file.write(data)
        if not link(source, dest, folders):
            with open(source, "rb") as file:
                data = file.read()
            made(os.path.dirname(dest), folders)
            write_replacing(dest, data)


if __name__ == "__main__":
    _main()
