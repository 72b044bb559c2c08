"""What each page was made from, kept between builds so that an edit re-renders only what it touches.

Two stores, both addressed by a digest of everything that went into them (the build's code and settings, the
page's address, its Markdown or its final context), so an entry is either exactly right or never looked up:

- `parts/`: a page's Markdown converted and sanitized (HTML, table of contents, title, anchors);
- `pages/`: the page as written, theme included.

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

    def page(self, key: str) -> str | None:
        data = self._read("pages", key, ".html")
        return data.decode("utf-8") if data is not None else None

    def keep_page(self, key: str, html: str) -> None:
        self._write("pages", key, ".html", html.encode("utf-8"))

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
