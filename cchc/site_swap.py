"""Building into a fresh folder beside `site/` and putting it in place only when the whole build succeeded.

A build that fails, is stopped by a strict-mode warning or is killed leaves the previous `site/` as it was;
what it had written is removed (at once, or by the next build if the process was killed).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

_BUILDING = ".dang-dung-"  # site/ is built in site.dang-dung-<pid>
_OLD = ".cu-"


def _leftovers(site_dir: Path) -> list[Path]:
    prefix = (site_dir.name + _BUILDING, site_dir.name + _OLD)
    return [p for p in site_dir.parent.glob(site_dir.name + ".*") if p.name.startswith(prefix)]


def fresh(site_dir: Path, keep_previous: bool) -> Path:
    """A new empty folder to build into (a copy of the previous site for a `--dirty` build)."""
    for leftover in _leftovers(site_dir):  # from a build that was killed
        shutil.rmtree(leftover, ignore_errors=True)
    building = site_dir.with_name(f"{site_dir.name}{_BUILDING}{os.getpid()}")
    if keep_previous and site_dir.is_dir():
        shutil.copytree(site_dir, building, symlinks=True)
    else:
        building.mkdir(parents=True)
    return building


def put_in_place(building: Path, site_dir: Path) -> None:
    """`building` becomes `site_dir`; the previous site is removed."""
    old = site_dir.with_name(f"{site_dir.name}{_OLD}{os.getpid()}")
    if site_dir.exists():
        os.replace(site_dir, old)
    os.replace(building, site_dir)
    shutil.rmtree(old, ignore_errors=True)


def discard(building: Path) -> None:
    shutil.rmtree(building, ignore_errors=True)
