"""Publishing a built site to a folder served by nginx or Apache, atomically, with one-command rollback.

    python -m cchc.deploy site /var/www/cchc          # the web server's root is /var/www/cchc/current
    python -m cchc.deploy --rollback /var/www/cchc

Each deploy copies the site into `releases/<number>-<time>.partial`, checks the copy (links, feeds, titles),
renames it to `releases/<id>`, then points `current` at it by renaming a new symlink over the old
one: one rename, so a reader gets either the old site or the new one, never a half-copied one.
The last releases are kept for rollback. Deploys to one ROOT take turns (a lock); a copy that failed
(a full disk) is removed at once, one left by a killed deploy by the next.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import fcntl
import os
import shutil
import sys
from pathlib import Path

from . import clock
from .site_check import RECORD, check

KEEP = 5


class DeployError(RuntimeError):
    pass


def releases(root: Path) -> list[Path]:
    folder = root / "releases"
    return sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.endswith(".partial")) if folder.is_dir() else []


def current(root: Path) -> Path | None:
    link = root / "current"
    return (root / os.readlink(link)).resolve() if link.is_symlink() else None


def _point(root: Path, release: Path) -> None:
    fresh = root / "current.new"
    if fresh.is_symlink() or fresh.exists():
        fresh.unlink()
    fresh.symlink_to(release.relative_to(root))
    os.replace(fresh, root / "current")  # rename(2): atomic on one filesystem


@contextlib.contextmanager
def _locked(root: Path):
    """One deploy or rollback at a time per ROOT; the others wait their turn."""
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".khoa-trien-khai", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"Đang có lần triển khai khác vào {root}: chờ nó xong…", file=sys.stderr)
            fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _copy(site: Path, partial: Path) -> None:
    try:
        shutil.copytree(site, partial, symlinks=False)
    except (OSError, shutil.Error) as error:
        shutil.rmtree(partial, ignore_errors=True)  # what was copied would fill the disk for nothing
        errors = error.args[0] if isinstance(error, shutil.Error) else [(site, partial, str(error))]
        full = isinstance(error, OSError) and error.errno == errno.ENOSPC or any("No space left" in str(e) for e in errors)
        if full:
            free = shutil.disk_usage(partial.parent).free // 2**20
            raise DeployError(f"đĩa đầy: không chép được trang vào {partial.parent} (còn trống {free} MB); "
                              "giải phóng chỗ trống rồi chạy lại, bản đang chạy vẫn giữ nguyên") from None
        first = errors[0]
        raise DeployError(f"không chép được trang: {first[-1] if isinstance(first, tuple) else first} "
                          f"({len(errors)} lỗi); bản đang chạy vẫn giữ nguyên") from None


def deploy(site: Path, root: Path, keep: int = KEEP) -> Path:
    if not (site / "index.html").is_file():
        raise DeployError(f"{site} không phải trang đã dựng (không có index.html): chạy make build trước")
    if site.resolve() == root.resolve() or site.resolve() in root.resolve().parents:
        raise DeployError(f"thư mục máy chủ {root} nằm trong thư mục trang {site}: mỗi lần triển khai sẽ chép cả chính nó; "
                          "chọn ROOT ở ngoài, ví dụ /var/www/cchc")
    with _locked(root):
        return _deploy(site, root, keep)


def _deploy(site: Path, root: Path, keep: int) -> Path:
    (root / "releases").mkdir(parents=True, exist_ok=True)
    for stale in (root / "releases").glob("*.partial"):  # from a deploy that was killed or failed
        shutil.rmtree(stale, ignore_errors=True)
    # A sequence number first, so releases sort in the order they were made, then the time for people.
    numbers = [int(p.name.split("-")[0]) for p in releases(root) if p.name.split("-")[0].isdigit()]
    name = f"{max(numbers, default=0) + 1:05d}-{clock.now().strftime('%Y%m%d-%H%M%S')}"
    partial = root / "releases" / f"{name}.partial"
    _copy(site, partial)
    report = check(partial)
    (partial / RECORD).unlink(missing_ok=True)  # the build's record is for checks, not for readers
    if report.problems:
        shutil.rmtree(partial)
        raise DeployError("trang chưa đạt kiểm tra, không triển khai:\n" + "\n".join(report.problems[:50]))
    release = partial.with_name(name)
    partial.rename(release)
    _point(root, release)
    for old in releases(root)[:-keep]:
        if old != release:
            shutil.rmtree(old)
    return release


def rollback(root: Path) -> Path:
    with _locked(root):
        return _rollback(root)


def _rollback(root: Path) -> Path:
    active, known = current(root), releases(root)
    earlier = [r for r in known if active and r.name < active.name]
    if not earlier:
        raise DeployError("không có bản trước để quay lại")
    _point(root, earlier[-1])
    return earlier[-1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Triển khai trang đã dựng vào thư mục máy chủ web, hoặc quay lại bản trước")
    parser.add_argument("paths", nargs="+", type=Path, help="SITE ROOT để triển khai; ROOT với --rollback")
    parser.add_argument("--rollback", action="store_true", help="trỏ current về bản triển khai trước")
    parser.add_argument("--keep", type=int, default=KEEP, help="số bản giữ lại (mặc định: %(default)s)")
    args = parser.parse_args(argv)
    try:
        if args.rollback:
            release = rollback(args.paths[-1])
            print(f"Đã quay lại bản {release.name}")
        else:
            if len(args.paths) != 2:
                parser.error("cần hai đường dẫn: thư mục trang đã dựng và thư mục gốc của máy chủ web")
            release = deploy(args.paths[0], args.paths[1], args.keep)
            print(f"Đã triển khai bản {release.name}: {args.paths[1] / 'current'} → {release}")
    except (DeployError, clock.ClockError, OSError) as error:
        print(f"lỗi: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
