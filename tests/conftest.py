"""Shared helpers: a small real site to copy and break, `mkdocs build` run as editors run it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURE_SITE = Path(__file__).resolve().parent / "fixtures" / "site"
HOOK = REPO / "hooks" / "portal.py"


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
    config.write_text(config.read_text(encoding="utf-8").replace("../../../hooks/portal.py", str(HOOK)), encoding="utf-8")
    return root


def mkdocs_build(root: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *args],
        cwd=root, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
    )
