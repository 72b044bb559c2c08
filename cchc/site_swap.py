"""Building into a fresh folder beside `site/` and putting it in place only when the whole build succeeded.

A build that fails, is stopped by a strict-mode warning or is killed leaves the previous `site/` as it was;
what it had written is removed (at once, or by the next build if the process was killed).

The site a build replaces is kept as the spare (`.site.de-dung-lai`), which the next build takes over once it knows
its pages: every file it will not make again is removed, and its folders and unchanged pages stay. Making ten
thousand page folders and removing as many is most of what a rebuild writes on a slow disk.
"""

from __future__ import annotations

import inspect
import itertools
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from . import process_end

_BUILDING = ".dang-dung-"  # site/ is built in site.dang-dung-<pid>
_OLD = ".cu-"
_SPARE = ".de-dung-lai"
_replaced = itertools.count()


def _leftovers(site_dir: Path) -> list[Path]:
    """What builds of other processes left (this process's old sites are being removed by threads of its own)."""
    prefix = (site_dir.name + _BUILDING, site_dir.name + _OLD)
    mine = f"{site_dir.name}{_OLD}{os.getpid()}-"
    return [p for p in site_dir.parent.glob(site_dir.name + ".*") if p.name.startswith(prefix) and not p.name.startswith(mine)]


def fresh(site_dir: Path) -> Path:
    """A new empty folder to build into.

    Empty for a `--dirty` build too: MkDocs then finds every page "modified" and renders it, so an incremental
    build writes what a full one does (MkDocs' own dirty build skips pages whose listings, feeds and search
    entries other pages need, and leaves deleted pages behind)."""
    for leftover in _leftovers(site_dir):  # from a build that was killed
        shutil.rmtree(leftover, ignore_errors=True)
    building = site_dir.with_name(f"{site_dir.name}{_BUILDING}{os.getpid()}")
    building.mkdir(parents=True)
    return building


def spare(site_dir: Path) -> Path:
    return site_dir.with_name(f".{site_dir.name}{_SPARE}")


def put_in_place(building: Path, site_dir: Path, keep_spare: bool = False, remove_later: bool = False) -> None:
    """`building` becomes `site_dir`. The previous site becomes the spare with `keep_spare` (replacing one no build
    took: the last stopped at a content error); what is no longer needed is removed, by a thread of its own with
    `remove_later` (the preview: a reader waits for the new pages, not for the old ones to go; a process that ends
    first leaves it to the next build)."""
    def aside() -> Path:
        return site_dir.with_name(f"{site_dir.name}{_OLD}{os.getpid()}-{next(_replaced)}")

    previous, unneeded = aside(), aside()
    if site_dir.exists():
        os.replace(site_dir, previous)
    os.replace(building, site_dir)
    if keep_spare and previous.exists():
        if spare(site_dir).exists():
            os.replace(spare(site_dir), unneeded)
        os.replace(previous, spare(site_dir))
    else:
        unneeded = previous
    if remove_later:
        threading.Thread(target=shutil.rmtree, args=(unneeded,), kwargs={"ignore_errors": True}, daemon=True).start()
    else:
        shutil.rmtree(unneeded, ignore_errors=True)


class Spare:
    """The spare, taken by a build as it starts (renamed beside the folder it builds in) and listed by a process of its
    own while the build reads its content: walking ten thousand page folders was 0.7 s of a rebuild's own time. That
    process looks at each file too: the build knows which files it kept are the pages it would put there (`seen`)
    without looking at 13,000 files itself (0.07 s of a rebuild at 10,000 documents). Handed the paths the build
    writes again (`hand`), it removes the others while the build goes on (another 0.06 s)."""

    def __init__(self, site_dir: Path, building: Path, later: str | None = None):
        """`later`: the folder the build writes again but knows only once its files are made (`reuse`)."""
        self.taken: Path | None = building.with_name(building.name + _SPARE)
        self._building, self._later = building, later
        self._keep: set[str] | None = None
        self.seen: dict[str, tuple[int, int, int] | None] = {}  # each file kept by `reuse`: its signature, by its path
        try:
            os.replace(spare(site_dir), self.taken)  # a spare another build takes at the same moment is that build's
        except OSError:  # none (a first build, or the last one kept no spare)
            self.taken, self._listing = None, None
            return
        # The paths kept are written to a file, and the process told by a pipe: written to the pipe itself, more than
        # it holds (64 KB) would wait for the process to read them, or take a thread, and a build with a thread of
        # its own makes no copy of itself (`forked`).
        self._given = tempfile.TemporaryFile()
        told, self._tell = os.pipe()
        try:  # if it fails, the build walks the spare itself
            self._listing = subprocess.Popen(
                [sys.executable, "-c", _WALK, str(self.taken), later or "", str(self._given.fileno()), str(told)],
                pass_fds=(self._given.fileno(), told), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        finally:
            os.close(told)

    def hand(self, keep: set[str]) -> None:
        """The paths of the files this build writes again (a page the same as before is then left as it is): the
        listing process removes the spare's others while the build goes on, until `reuse`."""
        self._keep = keep
        if self.taken is not None and self._tell is not None:
            pickle.dump(keep, self._given, protocol=pickle.HIGHEST_PROTOCOL)
            self._given.flush()
            self._told(b"k")

    def reuse(self, keep: set[str] | None = None) -> set[str]:
        """Move into the building folder (empty) the spare's files at the paths of `keep` (or of `hand`), which this
        build writes again, and those under the folder `later`, which it writes again but knows only once they are
        made (the search index: 18,000 files at 10,000 documents, removed and linked again by every rebuild before).
        The paths kept under `later` are returned: the build removes those it did not write. The spare's other files
        are removed."""
        if keep is not None:
            self.hand(keep)
        if self.taken is None:
            return set()
        taken, self.taken = self.taken, None
        kept = self._ended()
        if kept is None:  # the process failed, maybe half-way: what is left of the spare is walked here
            kept = _removed(str(taken), _walked(str(taken), self._later or ""), self._keep, self._later or "")
        self.seen, kept_later = kept
        if taken.exists():
            for entry in os.scandir(taken):
                os.replace(entry.path, self._building / entry.name)
            taken.rmdir()
        return kept_later

    def _told(self, word: bytes) -> None:
        tell, self._tell = self._tell, None
        try:
            os.write(tell, word)
        except BrokenPipeError:  # it ended already (it failed: `reuse` walks the spare itself)
            pass
        finally:
            os.close(tell)

    def _ended(self) -> tuple[dict, set[str]] | None:
        """What the listing process kept, once it ended; None if it failed."""
        if self._tell is not None:
            self._told(b"")  # nothing handed: it stops
        listed = process_end.answer(self._listing)
        self._given.close()
        return listed

    def discard(self) -> None:
        """The build failed before it took over the spare's pages: the spare goes with it."""
        if self.taken is not None:
            self._ended()
            shutil.rmtree(self.taken, ignore_errors=True)
            self.taken = None


def signature(path: str) -> tuple[int, int, int]:
    """A file's size, time and inode: what `build_cache` notes of a blob, and compares a page in place with."""
    status = os.stat(path)
    return status.st_size, status.st_mtime_ns, status.st_ino


def _walked(root: str, later: str = "") -> list[tuple[str, list[str], list[tuple[int, int, int] | None]]]:
    """Each folder under `root`, deepest first, by its path from `root`, with the names of its files and their
    signatures (`signature`), or None for a file that could not be looked at. The files under the folder `later` are
    not looked at (`Spare.reuse` keeps them all: the search index's 18,000 files were three in five looks of a
    10,000-document rebuild's spare)."""
    walked = []
    for folder, _dirs, names in os.walk(root, topdown=False):
        relative = folder[len(root) + 1:]
        if later and (relative == later or relative.startswith(later + "/")):
            walked.append((relative, names, [None] * len(names)))
            continue
        signatures = []
        for name in names:
            try:
                signatures.append(signature(os.path.join(folder, name)))
            except OSError:
                signatures.append(None)
        walked.append((relative, names, signatures))
    return walked


def _removed(root: str, walked: list, keep: set[str], later: str) -> tuple[dict, set[str]]:
    """The files of the spare `root` (`walked`) but those at the paths of `keep` and under the folder `later` removed,
    and its emptied folders: the signatures of the files kept at `keep`'s paths, and the paths kept under `later`."""
    seen, kept_later = {}, set()
    for relative, names, signatures in walked:  # deepest folders first
        folder = os.path.join(root, relative)
        prefix = relative + "/" if relative else ""
        kept = False
        if later and (relative == later or relative.startswith(later + "/")):
            kept_later.update(prefix + name for name in names)
            names, kept = [], True
        for name, signature in zip(names, signatures):
            if prefix + name in keep:
                kept = True
                seen[prefix + name] = signature
            else:
                os.unlink(os.path.join(folder, name))
        if not kept:
            try:
                os.rmdir(folder)  # emptied: a fresh build has no empty folder
            except OSError:  # it keeps a folder
                pass
    return seen, kept_later


# The listing process: the spare listed, then (once the build hands them) the paths kept, and the others removed.
_WALK = f"""import os, pickle, sys
os.nice(10)  # needed last of the processes a build starts with: the others go first on the second core
{inspect.getsource(signature)}
{inspect.getsource(_walked)}
{inspect.getsource(_removed)}
walked = _walked(sys.argv[1], sys.argv[2])
if os.read(int(sys.argv[4]), 1) != b"k":  # the build failed, or keeps nothing
    sys.exit(1)
with os.fdopen(int(sys.argv[3]), "rb") as given:
    given.seek(0)
    keep = pickle.load(given)
pickle.dump(_removed(sys.argv[1], walked, keep, sys.argv[2]), sys.stdout.buffer)"""


def discard(building: Path) -> None:
    shutil.rmtree(building, ignore_errors=True)


def carry(site_dir: Path, building: Path, paths: list[str]) -> None:
    """Move the files at `paths` from the site about to be replaced into the one replacing it: a folder that only
    they fill (`search/`) in one step."""
    moved: set[str] = set()
    for path in paths:
        parts = path.split("/")
        for depth in range(1, len(parts) + 1):
            prefix = "/".join(parts[:depth])
            if prefix in moved:
                break
            if not (building / prefix).exists():
                try:
                    (building / prefix).parent.mkdir(parents=True, exist_ok=True)
                    os.replace(site_dir / prefix, building / prefix)
                    moved.add(prefix)
                except FileNotFoundError:  # not there (a preview that showed content errors instead)
                    pass
                break
