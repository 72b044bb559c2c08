"""Shared helpers: a small real site to copy and break, `mkdocs build` run as editors run it."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURE_SITE = Path(__file__).resolve().parent / "fixtures" / "site"
# The web editor's packages are fetched once for the checkout, not once per test site (cchc/vendor.py).
os.environ.setdefault("CCHC_VENDOR", str(REPO / ".cache" / "vendor"))


def git(root: Path, *args: str) -> str:
    """Git as an editor runs it, who needs no name of their own set on this machine."""
    return subprocess.run(["git", "-c", "user.name=Ban biên tập", "-c", "user.email=bbt@example.vn", *args], cwd=root,
                          check=True, capture_output=True, text=True).stdout


def procedure_in_full(code: str) -> str:
    """A procedure whose fields only its own page shows (`Field.page_only`) sit among the others."""
    return f"""---
code: '{code}'
name: Thủ tục thử
department: SNV-KH
steps: |
  - Bước 1: nộp hồ sơ.
field: Công chức
channels:
  - method: truc-tiep
    time: "5 ngày làm việc"
levels: [cap-tinh]
documents:
  - name: Tờ khai
online: mot-phan
---
"""


def write(root: Path, relative: str, text: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def small_site(tmp_path: Path) -> Path:
    """A copy of tests/fixtures/site whose hook points at this checkout."""
    root = tmp_path / "portal"
    shutil.copytree(FIXTURE_SITE, root)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("../../../", f"{REPO}/"), encoding="utf-8")
    return root


def assert_same_site(first: Path, second: Path) -> None:
    """Every file of two built sites, both ways, byte for byte: the one comparison of determinism tests."""
    from cchc.site_check import differences

    found = differences(first, second)
    assert found == [], f"{len(found)} differences, first: {found[:5]}"


def edited_in_place(path: Path, old: str, new: str) -> None:
    """`old` replaced by `new` of the same length in the same file, its modification time kept, as `cp -p` or a
    restored backup leaves a file: only its change time tells (once the system's coarse clock for files moved)."""
    status = path.stat()
    time.sleep(0.05)
    text = path.read_text(encoding="utf-8")
    assert len(old.encode()) == len(new.encode()) and old in text
    with open(path, "r+b") as file:
        file.write(text.replace(old, new).encode("utf-8"))
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns, path.stat().st_ino) == \
        (status.st_size, status.st_mtime_ns, status.st_ino)


def mkdocs_build(root: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *args],
        cwd=root, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
    )


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def ensure_debian_package(program: Path, package: str) -> None:
    """CI machines start bare: install a Debian package (Chromium, nginx) the first time a test needs it."""
    if program.exists():
        return
    for command in (["apt-get", "update"], ["apt-get", "install", "-y", package]):
        result = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
        if result.returncode != 0:
            pytest.fail(f"{' '.join(command)} failed; the tests need Debian's {package}:\n{result.stderr[-2000:]}")


def ensure_chromium() -> None:
    ensure_debian_package(CHROMIUM, "chromium")


@contextlib.contextmanager
def serve(directory: Path):
    """A built site on localhost; yields its base URL."""
    import functools
    import http.server
    import threading

    class QuietHandler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def bundled_build(tmp_path_factory) -> Path:
    """The bundled sample site, built once; its folder."""
    built = tmp_path_factory.mktemp("bundled") / "site"
    result = mkdocs_build(REPO, "--site-dir", str(built), env={"CCHC_NOW": "2026-11-25T12:00"})
    assert result.returncode == 0, result.stderr
    return built


@pytest.fixture(scope="session")
def bundled_site(bundled_build) -> str:
    """The bundled sample site served on localhost; yields its base URL."""
    with serve(bundled_build) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    ensure_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}


@pytest.fixture(params=list(SIZES))
def sized(request, browser):
    """A tab at a phone's size, then at a desktop's: a test using it runs at both."""
    context = browser.new_context(locale="vi-VN", viewport=SIZES[request.param])
    yield context.new_page()
    context.close()


def finder_items(page):
    """The items a finder (finder.js) shows."""
    return page.locator(".cchc-catalogue li[data-id]:visible")


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="vi-VN")
    tab = context.new_page()
    yield tab
    context.close()
