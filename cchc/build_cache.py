"""What each page was made from, kept between builds so that an edit re-renders only what it touches.

Stores addressed by a digest of everything that went into them (the build's code and settings, the page's
address, its Markdown or its final context), or of their bytes, so an entry is either exactly right or never
looked up:

- `parts/`: a page's Markdown converted and sanitized (HTML, table of contents, title, anchors);
- `pages/`: which bytes a page was written as, theme included;
- `blobs/`: the bytes of every file a build writes (pages, search index, feeds, open data), by their digest.

The site's files are hard links to `blobs/` where the file system allows: a rebuild writes only what changed,
which on a slow disk is most of its time. A blob is checked against its digest before it is used again, so a file
edited in place in an old site is never published again.

Nothing lives in process memory: `mkdocs build`, `mkdocs build --dirty`, `mkdocs serve` and a CI job that
restores the folder all read the same entries, and a build with an empty folder writes the same bytes. An entry
is written to a temporary name and renamed, so a killed build leaves no half entry; one that cannot be read is a
miss. Entries unused for `KEEP_DAYS` are removed at the end of a build.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from importlib import metadata
from pathlib import Path

FOLDER = ".cache/cchc"
KEEP_DAYS = 14
# The packages whose code shapes a page: a new version of any of them must not reuse old pages.
PACKAGES = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2", "nh3", "pyyaml")


def digest(*parts: str) -> str:
    hashing = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass")
        hashing.update(len(data).to_bytes(8, "little"))
        hashing.update(data)
    return hashing.hexdigest()


def code_digest(folders: list[Path], settings: str) -> str:
    """The build's code (every file under `folders`: the package, the hooks, the templates), the versions of the
    packages it runs on, and its settings (mkdocs.yml as resolved for this run)."""
    parts = [settings] + [f"{name}=={_version(name)}" for name in PACKAGES]
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            parts += [path.relative_to(folder).as_posix(), hashlib.sha256(path.read_bytes()).hexdigest()]
    return digest(*parts)


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return ""


class Cache:
    """A content-addressed store under `folder`; `Cache(None)` keeps nothing (every lookup misses)."""

    def __init__(self, folder: Path | None, code: str):
        self.folder = folder
        self.code = code
        self.started = time.time()

    def key(self, *parts: str) -> str:
        return digest(self.code, *parts)

    def _path(self, store: str, key: str, suffix: str) -> Path:
        return self.folder / store / key[:2] / f"{key}{suffix}"

    def _read(self, store: str, key: str, suffix: str) -> bytes | None:
        if self.folder is None:
            return None
        path = self._path(store, key, suffix)
        try:
            data = path.read_bytes()
            os.utime(path)  # in use: kept by `prune`
            return data
        except OSError:
            return None

    def _write(self, store: str, key: str, suffix: str, data: bytes) -> None:
        if self.folder is None:
            return
        path = self._path(store, key, suffix)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.{os.getpid()}")
        partial.write_bytes(data)
        os.replace(partial, path)

    def parts(self, key: str) -> dict | None:
        data = self._read("parts", key, ".json")
        try:
            return json.loads(data) if data is not None else None
        except ValueError:
            return None

    def keep_parts(self, key: str, parts: dict) -> None:
        self._write("parts", key, ".json", json.dumps(parts, ensure_ascii=False).encode("utf-8"))

    def place_page(self, key: str, dest: Path) -> bool:
        """Put the page made before at `dest`; False if there is none, or its bytes are not the ones kept."""
        pointer = self._read("pages", key, "")
        if pointer is None:
            return False
        blob = self._path("blobs", pointer.decode("ascii", "replace"), "")
        try:
            intact = hashlib.sha256(blob.read_bytes()).hexdigest() == blob.name
        except OSError:
            intact = False
        return intact and self._link(blob, dest)

    def put_page(self, key: str, data: bytes, dest: Path) -> None:
        """Keep a page as written (its bytes, and which bytes the key made) and put it at `dest`."""
        digest = self.place(data, dest)
        if digest:
            self._write("pages", key, "", digest.encode("ascii"))

    def place(self, data: bytes, dest: Path) -> str:
        """Write `data` at `dest`, by a link to the same bytes kept from a previous build when there are some: a
        rebuild writes only what changed (writing is most of a rebuild's time on a slow disk). Returns the digest
        of the bytes kept, or "" when nothing is kept."""
        if self.folder is not None:
            digest = hashlib.sha256(data).hexdigest()
            blob = self._path("blobs", digest, "")
            try:
                same = blob.stat().st_size == len(data) and blob.read_bytes() == data
            except OSError:
                same = False
            if not same:  # absent, or damaged: written again (a new file; the damaged one is left to its links)
                self._write("blobs", digest, "", data)
            if self._link(blob, dest):
                return digest
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(data)
        return ""

    def _link(self, source: Path, dest: Path) -> bool:
        """A hard link: the site and the cache share the file (the site is replaced whole, never edited in place)."""
        try:
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.link(source, dest)
            os.utime(source)  # in use: kept by `prune`
            return True
        except OSError:  # gone, or another file system: the caller writes a copy
            return False

    def prune(self) -> None:
        """Remove entries no build has used for KEEP_DAYS, and temporary files of builds that were killed."""
        if self.folder is None or not self.folder.is_dir():
            return
        oldest = self.started - KEEP_DAYS * 86400
        for path in self.folder.glob("*/*/*"):
            try:
                stale = path.name.startswith(".") and path.stat().st_mtime < self.started - 3600
                if stale or path.stat().st_mtime < oldest:
                    path.unlink()
            except OSError:
                pass


def location(project: Path, environ=os.environ) -> Path | None:
    """Where the cache lives: `CCHC_CACHE` names another folder, or `off` for a build that keeps nothing."""
    chosen = environ.get("CCHC_CACHE", "")
    if chosen.lower() in ("off", "0", "no"):
        return None
    return Path(chosen) if chosen else project / FOLDER
