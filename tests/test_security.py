"""A script payload in every text field of every kind, built as editors build and opened in Chromium.

The payload is valid text (an editor may write `<script>` in a title about HTML), so it passes the check; what
must hold is that it reaches every output as text: no dialog in the browser, no live markup in any file.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import pytest

from cchc import frontmatter
from cchc.kinds import DEPARTMENT, NEWS, PAGE, PLAN, PROCEDURE
from cchc.schema import Context
from tests.conftest import REPO, mkdocs_build, serve, write

PAYLOAD = "\"'><img src=x onerror=alert(1)></script><script>alert(2)</script>{{7*7}}"
SOURCES = [  # (kind, a real file of that kind, where it goes in the small site)
    (PLAN, "tests/fixtures/site/plans/489-qd-ubnd.md", "plans/489-qd-ubnd.md"),
    (DEPARTMENT, "tests/fixtures/site/docs/co-quan/snv-kh.md", "docs/co-quan/snv-kh.md"),
    (NEWS, "docs/tin-tuc/2025/stp-st-ngay-phap-luat.md", "docs/tin-tuc/2025/ngay-phap-luat.md"),
    (PROCEDURE, "docs/thu-tuc/1-000404.md", "docs/thu-tuc/1-000404.md"),
]


def _leaves(value, path=()):
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _leaves(child, path + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _leaves(child, path + (index,))
    elif isinstance(value, str):
        yield path


def _set(data, path, value):
    for step in path[:-1]:
        data = data[step]
    data[path[-1]] = value


def poisoned(kind, text: str, fixes: dict) -> tuple[str, list[tuple]]:
    """The file with the payload appended to every free-text value the kind accepts it in."""
    document = frontmatter.parse(text)
    data = document.data | fixes
    poisoned_paths = []
    for path in list(_leaves(data)):
        original = _get(data, path)
        _set(data, path, original + PAYLOAD)
        ctx = Context()
        kind.schema.coerce(data, ctx, ())
        refused = ctx.errors or ctx.warnings or any(ref_path == path for _r, _c, ref_path in ctx.references)
        if refused:  # a code, a date, a shaped value, a department: the check refuses the payload there
            _set(data, path, original)
        else:
            poisoned_paths.append(path)
    return frontmatter.dump(data, document.body), poisoned_paths


def _get(data, path):
    for step in path:
        data = data[step]
    return data


class _LiveMarkup(HTMLParser):
    """Elements and attributes the payload would create if it reached HTML unescaped."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}={value}>")
        self._in_script = tag == "script" and not dict(attrs).get("type", "").endswith("json")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script and "alert(" in data:
            self.found.append(f"<script>{data[:60]}")


@pytest.fixture(scope="module")
def poisoned_site(tmp_path_factory) -> tuple[Path, dict]:
    from tests.conftest import FIXTURE_SITE

    root = tmp_path_factory.mktemp("security") / "portal"
    shutil.copytree(FIXTURE_SITE, root)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("../../../", f"{REPO}/"), encoding="utf-8")
    fields = {}
    fixes = {NEWS: {"department": "SNV-KH"}, PROCEDURE: {"department": "SNV-KH"}}
    for kind, source, target in SOURCES:
        text, paths = poisoned(kind, (REPO / source).read_text(encoding="utf-8"), fixes.get(kind, {}))
        write(root, target, text)
        fields[kind.name] = paths
    page, paths = poisoned(PAGE, "---\ntitle: Giới thiệu\ndescription: Về cổng\n---\n\nNội dung.\n", {})
    write(root, "docs/gioi-thieu.md", page)
    fields[PAGE.name] = paths
    config.write_text(config.read_text(encoding="utf-8").replace("  - index.md\n", "  - index.md\n  - gioi-thieu.md\n"),
                      encoding="utf-8")
    result = mkdocs_build(root, env={"CCHC_NOW": "2026-11-25T12:00"})
    assert result.returncode == 0, result.stderr[-3000:]
    return root / "site", fields


def test_every_kind_has_its_text_fields_poisoned(poisoned_site):
    _site, fields = poisoned_site
    assert {"title", "summary", "tags"} <= {p[0] for p in fields[NEWS.name]}
    assert {"title", "summary", "place", "assignments"} <= {p[0] for p in fields[PLAN.name]}
    assert {"name", "field", "executing_agency"} <= {p[0] for p in fields[PROCEDURE.name]}
    assert {"name"} <= {p[0] for p in fields[DEPARTMENT.name]}
    assert {"title", "description"} <= {p[0] for p in fields[PAGE.name]}


def test_no_output_carries_live_markup(poisoned_site):
    site, _fields = poisoned_site
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    seen_payload = 0
    for path in pages:
        text = path.read_text(encoding="utf-8")
        seen_payload += "onerror=alert(1)" in text
        parser = _LiveMarkup()
        parser.feed(text)
        assert parser.found == [], f"{path.relative_to(site)}: {parser.found}"
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.S):
            assert "onerror=alert(1)" in json.dumps(json.loads(block), ensure_ascii=False)
    assert seen_payload > 10  # the payload reached the pages, as text
    for feed in site.glob("feeds/**/*.xml"):
        parsed = feedparser.parse(feed.read_bytes())
        assert not parsed.bozo, feed
        for entry in parsed.entries:
            for part in [entry.get("summary_detail"), *entry.get("content", [])]:
                if part and part.type == "text/html":  # plain text may say <script>; HTML must not carry one
                    assert "<script>alert(2)" not in part.value, feed
    catalogue = (site / "thu-tuc" / "procedures.csv").read_text(encoding="utf-8-sig")
    assert any(PAYLOAD in cell for row in csv.reader(io.StringIO(catalogue)) for cell in row)


@pytest.mark.parametrize("size", [(390, 844), (1366, 900)], ids=["phone", "desktop"])
def test_no_dialog_in_chromium(browser, poisoned_site, size):
    site, _fields = poisoned_site
    dialogs, refused = [], []
    context = browser.new_context(locale="vi-VN", viewport={"width": size[0], "height": size[1]})
    tab = context.new_page()
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    tab.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None)
    with serve(site) as base:
        for path in sorted(site.rglob("index.html")):
            tab.goto(base + path.relative_to(site).parent.as_posix() + "/")
            tab.wait_for_load_state("load")
        # Search results are written by script from the index: the payload's words find the poisoned pages.
        tab.goto(base + "tim-kiem/")
        tab.locator("main input[name=q]").press_sequentially("alert onerror", delay=20)
        tab.keyboard.press("Enter")
        tab.locator(".cchc-hit").first.wait_for()
        hits = tab.locator(".cchc-hit a").all_inner_texts()
        assert any("<img src=x onerror=alert(1)>" in hit for hit in hits), hits
    context.close()
    assert dialogs == []
    assert refused == []  # nothing needed the policy to stop it, and the theme runs under it


BODY_CONSTRUCTS = {  # each refused by the check; the sanitizer must make it inert even if the check missed it
    "raw script": "<script>alert(1)</script>",
    "event attribute": '<img src="x" onerror="alert(1)">',
    "attr_list event": "![a](x.png){: onerror=alert(1) }",
    "attr_list href": '[x](a.md){: href="javascript:alert(1)" }',
    "heading attr_list": "## Tiêu đề {: onmouseover=alert(1) }",
    "reference in a blockquote": "> [r1]\n>\n> [r1]: javascript:alert(1)",
    "reference in a list": "- [r2]\n- [r2]: javascript:alert(1)",
    "svg animate": '<svg><animate attributeName="href" values="javascript:alert(1)"/><a><text>x</text></a></svg>',
    "style": "<style>body{display:none}</style>",
    "stylesheet": '<link rel="stylesheet" href="https://x.vn/a.css">',
    "iframe": '<iframe src="javascript:alert(1)"></iframe>',
    "form action": '<form action="javascript:alert(1)"><button>Gửi</button></form>',
    "autolink": "<javascript:alert(1)>",
}


def _render(markdown_text: str) -> str:
    """As MkDocs renders a page with the portal's extensions (mkdocs.yml), then the portal's sanitizer."""
    import markdown
    import yaml

    from cchc import safety

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("tag:yaml.org,2002:python/name:", lambda loader, suffix, node: None)
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    extensions = [next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]]
    return safety.sanitize(markdown.markdown(markdown_text, extensions=[e for e in extensions if e != "toc"]))


@pytest.mark.parametrize("construct", BODY_CONSTRUCTS)
def test_each_body_construct_is_refused_by_the_check_and_inert_after_the_sanitizer(browser, construct):
    from cchc.safety import find_unsafe

    text = BODY_CONSTRUCTS[construct]
    assert find_unsafe(f"Đoạn đầu.\n\n{text}\n"), construct
    rendered = _render(text)
    assert "javascript:" not in rendered.lower() and "onerror" not in rendered and "<style" not in rendered
    tab = browser.new_page()
    dialogs = []
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    tab.set_content(f"<!doctype html><html><body>{rendered}</body></html>")  # no CSP here: the sanitizer alone
    for link in tab.locator("a, img, h2, svg *").all():
        link.dispatch_event("mouseover")
        link.dispatch_event("click")
    tab.close()
    assert dialogs == []
