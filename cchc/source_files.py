"""Which files under docs/ and plans/ the portal may publish, found without leaving the repository.

MkDocs builds every Markdown file it recognises and copies every other file as it is, following symbolic
links (into /etc, or round a loop). So each file is either one the project reads and checks (`*.md`), an
asset that cannot run script, or refused here with what to do instead.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .problems import ERROR, Problem

# Markdown MkDocs would build with no check of ours: only `.md` is read as content.
OTHER_MARKDOWN = (".markdown", ".mdown", ".mkdn", ".mkd")
# Files a browser runs script in when opened from the site.
ACTIVE = {
    ".html": "trang HTML", ".htm": "trang HTML", ".xhtml": "trang HTML", ".shtml": "trang HTML",
    ".svg": "hình SVG (có thể chứa mã)", ".xml": "tệp XML (có thể chứa mã)", ".xsl": "tệp XSL",
    ".js": "mã JavaScript", ".mjs": "mã JavaScript", ".swf": "tệp Flash",
}


@dataclass
class Sources:
    markdown: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _problem(root: Path, path: Path, message: str, hint: str) -> Problem:
    try:
        shown = path.relative_to(root).as_posix()
    except ValueError:
        shown = path.as_posix()
    return Problem(shown, 0, "", message, hint, ERROR)


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def under(path: Path, folder: Path) -> str | None:
    """`path` from `folder`, with `/` between its parts, if it is inside; None if it is not, or not as written. By the
    paths' text: pathlib's `relative_to` took 6 µs a path, and a build names each source three times (0.1 s at
    10,000)."""
    text, start = str(path), str(folder)
    start += "" if start.endswith(os.sep) else os.sep
    return text[len(start):].replace(os.sep, "/") if text.startswith(start) and len(text) > len(start) else None


def find(folder: Path, root: Path) -> Sources:
    """Every `.md` under `folder` (hidden folders skipped), and a problem for each file that may not be published.
    Each folder is listed once with its entries' types (`os.scandir`): no file is looked at again on its own (a
    look per file was half of listing 10,000 sources)."""
    found = Sources()
    if folder.is_dir():
        _find_in(str(folder), root, found)
    found.markdown.sort()
    return found


def _find_in(current: str, root: Path, found: Sources) -> None:
    try:
        with os.scandir(current) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError:
        return  # as `os.walk` does: a folder that cannot be listed holds nothing to publish
    folders = []
    for entry in entries:
        if entry.name.startswith(".") or not _is_folder(entry):
            continue
        if entry.is_symlink():  # MkDocs would follow it, round a loop if it is one
            found.problems.append(_problem(root, Path(entry.path), "thư mục là liên kết tượng trưng (symlink)",
                                           "chép thư mục thật vào đây thay cho liên kết"))
        else:
            folders.append(entry.path)
    for entry in entries:
        name = entry.name
        if name.startswith(".") or _is_folder(entry):
            continue
        path = Path(entry.path)
        if entry.is_symlink():
            try:
                target = path.resolve(strict=True)
            except (OSError, RuntimeError):
                found.problems.append(_problem(root, path, "liên kết tượng trưng (symlink) trỏ tới tệp không có",
                                               "xóa liên kết, chép tệp thật vào đây"))
                continue
            if not _inside(target, root):
                found.problems.append(_problem(root, path, f"liên kết tượng trưng trỏ ra ngoài kho nội dung ({target})",
                                               "chỉ xuất bản tệp nằm trong kho: chép tệp cần đăng vào đây"))
                continue
        suffix = path.suffix
        lowered = suffix.lower()
        if lowered == ".md" and suffix != ".md":
            found.problems.append(_problem(root, path, f"phần mở rộng {suffix} viết hoa: MkDocs chép nguyên tệp, kể cả phần đầu YAML",
                                           f"đổi tên thành {path.stem}.md"))
        elif lowered in OTHER_MARKDOWN:
            found.problems.append(_problem(root, path, f"tệp {suffix} không được kiểm tra như bài viết",
                                           f"đổi tên thành {path.stem}.md"))
        elif lowered in ACTIVE:
            found.problems.append(_problem(root, path, f"{ACTIVE[lowered]} không được đăng lên cổng: trình duyệt có thể chạy mã trong đó",
                                           "viết nội dung bằng Markdown (.md); hình ảnh dùng .png, .jpg hoặc .webp; tài liệu dùng .pdf"))
        elif lowered == ".md":
            found.markdown.append(path)
    for path in folders:
        _find_in(path, root, found)


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()  # a link to a folder too, as `os.walk` lists it
    except OSError:
        return False
