"""The markup the project writes is valid HTML, by the Nu HTML checker (vnu, from the npm registry, on Java)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from conftest import REPO, ensure_debian_package

VNU = REPO / ".venv" / "vnu"  # installed once beside the project's other tools
JAR = VNU / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
VNU_VERSION = "26.9.27"
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*)</article>', re.S)


@pytest.fixture(scope="module")
def vnu() -> list[str]:
    ensure_debian_package(Path("/usr/bin/java"), "default-jre-headless")
    if not JAR.is_file():
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail("the HTML check needs npm (from Node.js) to install vnu-jar from the npm registry")
        result = subprocess.run([npm, "install", "--no-audit", "--no-fund", "--ignore-scripts", "--prefix", str(VNU),
                                 f"vnu-jar@{VNU_VERSION}"], capture_output=True, text=True)
        assert result.returncode == 0 and JAR.is_file(), result.stderr[-2000:]
    return ["java", "-jar", str(JAR), "--errors-only", "--format", "json"]


def check(vnu: list[str], files: list[Path]) -> list[dict]:
    result = subprocess.run([*vnu, *map(str, files)], capture_output=True, text=True)
    return json.loads(result.stderr)["messages"]


def test_the_markup_the_project_writes_has_no_errors(vnu, bundled_build, tmp_path):
    """Every page's article (content, generated pages, our templates' output in it) as a document of its own."""
    pages = []
    for page in sorted(bundled_build.rglob("*.html")):
        article = ARTICLE.search(page.read_text(encoding="utf-8"))
        if article:
            alone = tmp_path / (page.relative_to(bundled_build).as_posix().replace("/", "__"))
            alone.write_text('<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Kiểm tra</title></head>'
                             f"<body><main>{article.group(1)}</main></body></html>", encoding="utf-8")
            pages.append(alone)
    assert len(pages) > 400
    errors = check(vnu, pages)
    assert errors == [], Counter(e["message"] for e in errors).most_common(10)


# What the Nu checker still finds in Material's own markup around the article (listed in the README).
THEME_ERRORS = {
    "Attribute “autocomplete” is only allowed when the input type is",  # the drawer and search toggles
    "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.",
}


def test_whole_pages_have_only_the_themes_known_errors(vnu, bundled_build):
    pages = [bundled_build / p for p in ("index.html", "thu-tuc/index.html", "thu-tuc/1-000404/index.html",
                                         "van-ban/2020-489-qd-ubnd-khanh-hoa/index.html", "tim-kiem/index.html", "404.html")]
    unknown = {e["message"] for e in check(vnu, pages) if not any(e["message"].startswith(k) for k in THEME_ERRORS)}
    assert unknown == set()
