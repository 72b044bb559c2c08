"""Benchmark: a synthetic portal of N documents built as editors build it, against the floor.

    .venv/bin/python scripts/bench.py --docs 1000 --docs 10000          # full builds (3 rounds) and search
    .venv/bin/python scripts/bench.py --docs 10000 --search-only        # the search index alone
    .venv/bin/python scripts/bench.py --preview --docs 0                # `mkdocs serve` on the bundled site

The portal is generated in the project's real content formats (departments, plans, news,
procedures), with Vietnamese text drawn from the bundled content, from a fixed seed. The floor is
what no build can avoid: read every file, parse its front matter, convert its body with
Python-Markdown and the project's extensions. Results are printed as a table and written as JSON
(`--json`, default bench-results.json) so runs can be compared. Nothing here is a test.
"""

from __future__ import annotations

import argparse
import base64
import compileall
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cchc import content, frontmatter, search, site_check  # noqa: E402
from cchc.text import fold, slugify  # noqa: E402

NOW = "2026-11-25T12:00"
QUERIES = ["cai cach hanh chinh", "đăng ký hoạt động", "489/QĐ-UBND", "thu tuc hanh chinh truc tuyen"]


# The corpus ------------------------------------------------------------------------------------

def _sentences() -> list[str]:
    """Sentences of the bundled plans, news and procedures: the vocabulary of a real portal."""
    text = []
    for folder in ("plans", "docs/tin-tuc", "docs/thu-tuc"):
        for path in sorted((ROOT / folder).rglob("*.md")):
            document = frontmatter.parse(path.read_text(encoding="utf-8"))
            text.append(document.body)
            text += [str(v) for v in document.data.values() if isinstance(v, str)]
    # Links keep their words only: their targets are the bundled site's, not this portal's.
    prose = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", " ".join(" ".join(text).split()))
    sentences = re.split(r"(?<=[.;:])\s+", prose)
    return [s for s in sentences if 40 <= len(s) <= 400 and not s.startswith(("[", "<", "|", "#"))]


def _prose(rng: random.Random, sentences: list[str], words: int) -> str:
    paragraphs, count = [], 0
    while count < words:
        paragraph = " ".join(rng.choice(sentences) for _ in range(rng.randint(2, 5)))
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    return "\n\n".join(paragraphs)


def generate(target: Path, docs: int, seed: int = 2026) -> dict[str, int]:
    """A portal of `docs` documents: 2% departments, 10% plans, 58% news, 30% procedures."""
    rng = random.Random(seed)
    sentences = _sentences()
    shutil.copytree(ROOT / "overrides", target / "overrides")
    (target / "docs" / "assets").mkdir(parents=True)
    shutil.copy(ROOT / "docs/assets/cchc.css", target / "docs/assets/cchc.css")
    config = re.sub(r"\nnav:\n(?:  .*\n)+", "\nnav:\n  - Trang chủ: index.md\n  - Tin tức: tin-tuc/index.md\n  - Văn bản: van-ban/index.md\n"
                    "  - Thủ tục hành chính: thu-tuc/index.md\n  - Cơ quan: co-quan/index.md\n", _config())
    counts = {"department": max(5, docs * 2 // 100), "plan": docs * 10 // 100, "procedure": docs * 30 // 100}
    counts["news"] = docs - sum(counts.values())
    codes = [f"SO{n}-BT" for n in range(counts["department"])]
    # The portal's information names the generated departments (the project's names its own).
    config = re.sub(r"(?m)^(    (?:managing_body|operator): ).*$", rf"\g<1>{codes[0]}", config)
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    (target / "docs/index.md").write_text("---\ntitle: Trang chủ\n---\n\n# Cổng thử tải\n", encoding="utf-8")

    for code in codes:
        _write(target / "docs/co-quan" / f"{code.lower()}.md",
               {"code": code, "name": f"Sở thử nghiệm {code} tỉnh Bình Thuận", "short_name": f"Sở {code}",
                "level": "so-nganh", "province": "Bình Thuận"}, _prose(rng, sentences, 80))
    areas = ["the-che", "thu-tuc-hanh-chinh", "to-chuc-bo-may", "che-do-cong-vu", "tai-chinh-cong", "chinh-quyen-so"]
    for n in range(counts["plan"]):
        year = 2015 + n % 11
        _write(target / "plans" / f"{year}-{n}-kh.md",
               {"number": f"{n + 1}/KH-{codes[n % len(codes)].split('-')[0]}", "doc_type": "Kế hoạch",
                "issuer": codes[n % len(codes)], "place": "Bình Thuận", "issued": f"{year}-{1 + n % 12:02d}-{1 + n % 28:02d}",
                "title": rng.choice(sentences)[:120].rstrip(".;: "), "signer": {"name": "Nguyễn Văn A", "position": "Giám đốc"},
                "period": str(year), "areas": rng.sample(areas, 2)}, _prose(rng, sentences, rng.randint(600, 1800)))
    for n in range(counts["news"]):
        year = 2019 + n % 7
        _write(target / "docs/tin-tuc" / str(year) / f"tin-{n}.md",
               {"title": rng.choice(sentences)[:100].rstrip(".;: "), "date": f"{year}-{1 + n % 12:02d}-{1 + n % 28:02d} 08:00",
                "department": codes[n % len(codes)], "categories": [rng.choice(areas)],
                "tags": [f"chủ đề {n % 40}"]}, _prose(rng, sentences, rng.randint(250, 800)))
    procedures = sorted((ROOT / "docs/thu-tuc").glob("*.md"))
    for n in range(counts["procedure"]):
        source = frontmatter.parse(procedures[n % len(procedures)].read_text(encoding="utf-8")).data
        code = f"9.{n:06d}"
        _write(target / "docs/thu-tuc" / f"9-{n:06d}.md", {**source, "code": code, "department": codes[n % len(codes)]}, "")
    return counts


def _write(path: Path, values: dict, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(frontmatter.dump(values, body), encoding="utf-8")


# Measurements ----------------------------------------------------------------------------------

def bundled(target: Path) -> None:
    """A copy of the bundled site, as an editor's checkout holds it, with the project's hooks."""
    for folder in ("docs", "plans", "overrides"):
        shutil.copytree(ROOT / folder, target / folder)
    (target / "mkdocs.yml").write_text(_config(), encoding="utf-8")


def _config() -> str:
    """The project's mkdocs.yml for a portal elsewhere: its hooks from here, and its code not watched (not there)."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("hooks/portal.py", str(ROOT / "hooks/portal.py"))
    return re.sub(r"\nwatch:\n(?:  .*\n?)+", "\nwatch:\n  - plans\n  - overrides\n", config)


def _edits(portal: Path, mark: int = 1) -> list:
    """(name, file, edit, text the edit shows) of the edits timed (`EDITS`): a news item, a plan, a department, and the
    portal's own department, which every page's footer names. Each `mark` gives edits and texts of their own."""
    news = sorted((portal / "docs/tin-tuc").rglob("*.md"), key=lambda p: (p.name == "index.md", str(p)))[0]
    plan = sorted((portal / "plans").glob("*.md"))[0]
    operator = portal / "docs/co-quan" / f"{slugify(_operator(portal))}.md"
    department = sorted(p for p in (portal / "docs/co-quan").glob("*.md") if p != operator)[0]

    def renamed(text: str) -> str:
        return re.sub(r"(?m)^name: ([\"']?)", rf"name: \1Tên mới {mark} – ", text, count=1)

    return [("news", news, lambda text: re.sub(r"\n---\n\n", f"\n---\n\nĐã sửa lần {mark}.\n\n", text, count=1),
             f"Đã sửa lần {mark}."),
            ("plan", plan, lambda text: re.sub(r"(?m)^title: ([\"']?)", rf"title: \1sửa lần {mark} ", text, count=1),
             f"sửa lần {mark} "),
            ("department", department, renamed, f"Tên mới {mark} –"),
            ("operator", operator, renamed, f"Tên mới {mark} –")]


def _operator(portal: Path) -> str:
    """The code of the department that runs the portal (mkdocs.yml, `extra.portal.operator`)."""
    return re.search(r"(?m)^    operator: (\S+)", (portal / "mkdocs.yml").read_text(encoding="utf-8"))[1]


# The edits timed, by name (`_edits`), as the tables name them.
EDITS = {"news": "a news edit", "plan": "a plan edit", "department": "a department edit",
         "operator": "an edit of the portal's own department (named in every footer)"}


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _until(url: str, text: str, seconds: float = 600) -> float:
    """When `text` is first at `url` (polled every 50 ms), as `time.perf_counter()`."""
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        if text in _fetch(url):
            return time.perf_counter()
        time.sleep(0.05)
    raise SystemExit(f"{text!r} never showed at {url}")


ROUNDS = 5


def preview(portal: Path, rounds: int = ROUNDS) -> dict:
    """Seconds from saving each edit to the edited page showing it under `mkdocs serve` (as `make serve` runs: its
    first look at the save), and to the whole site built again from the edited sources (the build that reads the save
    is the next to start); the medians of `rounds` saves."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}/"
    said = tempfile.NamedTemporaryFile(prefix="cchc-preview-", suffix=".log")  # noqa: SIM115 - closed below
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                              cwd=portal, stdout=subprocess.DEVNULL, stderr=said,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "CCHC_NOW": NOW},
                              preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))  # stopped by Ctrl-C below

    def count(line: str) -> int:
        return Path(said.name).read_text(encoding="utf-8", errors="replace").count(line)

    try:
        site = content.load_site(content.Layout.at(portal, portal / "docs"))
        url_of = {portal / e.source: base + content.url_of(e.src_uri) for e in site.pages.values()}
        seconds: dict[str, list[float]] = {}
        for round_ in range(rounds):  # this kind of machine varies by a third from one minute to the next
            for name, path, edit, shows in _edits(portal, round_ + 1):
                _until(url_of[path], "</html>")
                time.sleep(3)  # the previous build done, search index and feeds included: an editor reads, then saves
                # The server logs each build it starts, the first included, and each it ends but the first: the save's
                # build, the next to start, is done once it has ended as many as it has started now.
                started = count("Building documentation")
                saved = time.perf_counter()
                path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
                seconds.setdefault(name, []).append(_until(url_of[path], shows) - saved)
                while count("Reloading browsers") < started:
                    time.sleep(0.05)
                seconds.setdefault(f"{name}_site", []).append(time.perf_counter() - saved)
        time.sleep(3)  # the last save's search index, feeds and data made
        memory = {name: _memory_kb(server.pid, field) / 1024 for name, field in (("rss_mb", "VmRSS"), ("peak_rss_mb", "VmHWM"))}
        return {name: statistics.median(values) for name, values in seconds.items()} | {"all": seconds} | memory
    finally:
        server.send_signal(signal.SIGINT)  # as an editor stops it: MkDocs and the hooks remove what they made
        server.wait(timeout=30)
        said.close()


def _run(command: list[str], cwd: Path, cache: bool = True) -> dict:
    """Wall and CPU seconds and peak RSS of one child process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "CCHC_NOW": NOW,
                                    **({} if cache else {"CCHC_CACHE": "off"})})
    together = _MemoryTogether(process.pid)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    together.stop()
    error = process.stderr.read().decode() if process.stderr else ""
    if status:
        raise SystemExit(f"{' '.join(command)} failed:\n{error[-3000:]}")
    return {"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime, "peak_rss_mb": usage.ru_maxrss / 1024,
            "peak_together_mb": together.peak_kb / 1024}


class _MemoryTogether:
    """The peak of a process's memory and its children's together (the build and its search process), sampled once a
    second: proportional set sizes, so pages they share count once. (`ru_maxrss` is one process's peak.) Reading them
    walks every page of every process in the kernel, on this process's time: 46 ms for a 10,000-document build's
    four processes, so five times a second took a quarter of a core from the build it timed, on a machine of two."""

    def __init__(self, pid: int):
        self.pid, self.peak_kb = pid, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        interval = 0.2  # the first soon: a small build ends within a second or two
        while not self._stop.wait(interval):
            interval = 1.0
            together = [self.pid, *_children(self.pid)]
            self.peak_kb = max(self.peak_kb, sum(_memory_kb(pid, "Pss", "smaps_rollup") for pid in together))


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            found += [int(child) for child in task.read_text().split()]
        except OSError:
            pass
    return found + [grandchild for child in found for grandchild in _children(child)]


def _memory_kb(pid: int, field: str, file: str = "status") -> int:
    """A memory figure of a running process, in KB: from `status`, `VmRSS` (now) or `VmHWM` (its peak); from
    `smaps_rollup`, `Pss` (its pages, each shared one counted once); 0 if it ended meanwhile."""
    try:
        text = Path(f"/proc/{pid}/{file}").read_text()
    except OSError:
        return 0
    found = re.search(rf"^{field}:\s+(\d+) kB", text, re.M)
    return int(found.group(1)) if found else 0


def floor(portal: Path) -> None:
    """Read, parse front matter and convert every source with the project's Markdown extensions."""
    import markdown  # noqa: PLC0415
    import yaml  # noqa: PLC0415

    config = yaml.load((portal / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.FullLoader)
    extensions, settings = [], {}
    for item in config["markdown_extensions"]:
        name, options = (next(iter(item.items())) if isinstance(item, dict) else (item, {}))
        extensions.append(name)
        settings[name] = {k: v for k, v in (options or {}).items() if k != "slugify"}
    converter = markdown.Markdown(extensions=extensions, extension_configs=settings)
    for path in sorted(list((portal / "docs").rglob("*.md")) + list((portal / "plans").rglob("*.md"))):
        document = frontmatter.parse(path.read_text(encoding="utf-8"))
        converter.reset().convert(document.body)


def _megabytes(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20


def _sizes(site: Path) -> dict:
    pages = list(site.rglob("*.html"))
    largest = max(pages, key=lambda p: p.stat().st_size)
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    feeds = sum(p.stat().st_size for p in (site / "feeds").rglob("*") if p.is_file())
    index = sum(p.stat().st_size for p in (site / search.DIR).rglob("*") if p.is_file())
    return {"output_mb": total / 2**20, "pages": len(pages), "largest_html_kb": largest.stat().st_size / 1024,
            "largest_html": str(largest.relative_to(site)), "feeds_mb": feeds / 2**20, "search_index_mb": index / 2**20}


def first_query(files: dict[str, bytes], query: str) -> int:
    """Bytes a browser downloads for its first query, fetching what search.js fetches."""
    manifest = json.loads(files[f"{search.DIR}/manifest.json"])
    fetched = {f"{search.DIR}/manifest.json"}
    terms = [fold(w) for w in search.words(query)]
    keys = terms + [f"{a} {b}" for a, b in zip(terms, terms[1:])]
    postings = {}
    for key in keys:
        path = f"{search.DIR}/b/{search.bucket_of(key, manifest['buckets'])}.json"
        fetched.add(path)
        postings[key] = json.loads(files[path]).get(key) if path in files else None
    lists = [postings[t] for t in terms]
    if all(lists):
        docs = [set(_ids(entry)) for entry in lists]
        matched = sorted(set.intersection(*docs))
        positions = [{d: i for i, d in enumerate(_ids(entry))} for entry in lists]
        weight = {d: sum(int(entry[2][p[d]], 36) for entry, p in zip(lists, positions)) for d in matched}
        top = sorted(weight, key=lambda d: -weight[d])[:20]
        fetched |= {f"{search.DIR}/d/{d}.json" for d in top}
    return sum(len(files[p]) for p in fetched if p in files)


def _ids(entry: list) -> list[int]:
    if isinstance(entry[1], str):
        bits = base64.b64decode(entry[1])
        return [n for n in range(len(bits) * 8) if bits[n >> 3] & (1 << (n & 7))]
    total, out = 0, []
    for delta in entry[1]:
        total += delta
        out.append(total)
    return out


def search_figures(portal: Path) -> dict:
    """Index build time, size and first-query transfer for the portal's documents, and what
    Material's own search would make every reader download first."""
    docs = []
    for path in sorted(list((portal / "docs").rglob("*.md")) + list((portal / "plans").rglob("*.md"))):
        document = frontmatter.parse(path.read_text(encoding="utf-8"))
        text = " ".join(str(v) for v in document.data.values() if isinstance(v, str)) + " " + document.body
        docs.append(search.SearchDoc(path.stem + "/", str(document.data.get("title") or document.data.get("name") or path.stem),
                                     "page", "", "", " ".join(text.split())))
    start = time.perf_counter()
    files = search.build(docs, {})
    seconds = time.perf_counter() - start
    material = len(json.dumps({"docs": [{"location": d.url, "title": d.title, "text": d.text} for d in docs]},
                              ensure_ascii=False).encode())
    return {"index_build_s": seconds, "index_files": len(files), "index_mb": sum(map(len, files.values())) / 2**20,
            "first_query_kb": {q: first_query(files, q) / 1024 for q in QUERIES},
            "material_first_query_kb": material / 1024}


BUILD_ROUNDS = 3  # floor-and-build pairs timed side by side for a ratio
# A hook in place of the portal's for `rebuild_floor`: every page out of the nav left as the portal's hooks leave a
# page unchanged since the last build (known to MkDocs, neither read, rendered nor written).
_REBUILD_FLOOR_HOOK = '''from mkdocs.structure.files import InclusionLevel


def _named(items):
    for item in items or []:
        for value in item.values() if isinstance(item, dict) else [item]:
            yield from [value] if isinstance(value, str) else _named(value)


def on_files(files, config):
    in_nav = set(_named(config.nav))
    for file in files.documentation_pages():
        if file.src_uri not in in_nav:
            file.inclusion = InclusionLevel.EXCLUDED
    return files
'''


def bench(docs: int, search_only: bool, preview_only: bool, rounds: int = BUILD_ROUNDS) -> dict:
    # The builds timed import the portal's code compiled, as `make build` and `make serve` compile it first (Makefile,
    # COMPILED): where PYTHONDONTWRITEBYTECODE is set, as on this machine, they would each compile it again.
    for folder in ("cchc", "hooks"):
        compileall.compile_dir(ROOT / folder, quiet=1)
    work = Path(tempfile.mkdtemp(prefix=f"cchc-bench-{docs}-"))
    try:
        portal = work / "portal"
        if docs:
            counts = generate(portal, docs)
        else:
            bundled(portal)
            counts = {}
        if preview_only:
            return {"docs": docs, "counts": counts, "preview": preview(portal)}
        result: dict = {"docs": docs, "counts": counts, "search": search_figures(portal)}
        if search_only:
            return result
        result |= _full_builds(portal, rounds)
        result["sizes"] = _sizes(portal / "site") | {"cache_mb": _megabytes(portal / ".cache")}
        # Each edit as an editor makes it, then the rebuild `make build` runs (the cache and the previous site there:
        # from the second rebuild on, the site it replaced is its spare), checked against a clean build of the same
        # sources with no cache. The news edit, the most common, `rounds` times beside the rebuild floor.
        for name, path, edit, _shows in _edits(portal):
            if name == "news":
                result["rebuild_news"], result["rebuild_floor"] = _news_rebuilds(portal, work, rounds)
                continue
            path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
            result[f"rebuild_{name}"] = _rebuilt(portal, work)
        result["check"] = _run([sys.executable, "-m", "cchc.check", "."], portal, cache=False)  # `make check`, no cache
        result["rebuild_ci"] = _ci_rebuild(portal, work)
        return result
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _rebuilt(portal: Path, work: Path) -> dict:
    """The rebuild `make build` runs, timed, and whether it wrote what a clean build of the same sources writes."""
    figures = _run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"], portal)
    _set_aside(work / "full", work)
    _run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(work / "full")], portal, cache=False)
    return figures | {"equals_full": not site_check.differences(portal / "site", work / "full")}


def _ci_rebuild(portal: Path, work: Path) -> dict:
    """A rebuild as a CI job runs it after a news edit: the portal committed to Git, the edit committed after it, and
    the job's sources a fresh clone (every file new, modified now, in a folder of its own), the build cache restored as
    new files with their times (as `tar --posix` restores it: `actions/cache`), no site and no spare; checked against
    a clean build of the same sources."""
    shutil.copyfile(ROOT / ".gitignore", portal / ".gitignore")
    _git(portal, "init", "-q")
    _git(portal, "add", "-A")
    _git(portal, "commit", "-q", "-m", "Nội dung")
    _name, path, edit, _shows = next(edit for edit in _edits(portal, mark=2) if edit[0] == "news")
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    _git(portal, "commit", "-q", "-a", "-m", "Sửa tin")
    job = work / "ci" / "portal"
    _git(portal, "clone", "-q", str(portal), str(job))
    shutil.copytree(portal / ".cache", job / ".cache", copy_function=shutil.copy2)  # the web editor's files too
    os.sync()  # the copies written out before the build is timed, not while it runs
    checked = _run([sys.executable, "-m", "cchc.check", "."], job)  # as GitHub's job runs it: after the cache's restore
    return _rebuilt(job, work) | {"check_wall_s": checked["wall_s"]}


def _news_rebuilds(portal: Path, work: Path, rounds: int) -> tuple[dict, dict]:
    """The rebuild after a news edit (`_rebuilt`), `rounds` times with an edit of the same item each time, each right
    after a run of the rebuild floor (`rebuild_floor`), which the hour slows alike: the median pair's figures, its
    ratio and the spread of the ratios, and whether every rebuild wrote what a clean build writes; and the median
    pair's floor, with the number of pages it wrote."""
    pairs = []
    with rebuild_floor(portal, work) as floor_run:
        for mark in range(11, 11 + rounds):  # the CI job's rebuild edits with its own mark
            _name, path, edit, _shows = next(edit for edit in _edits(portal, mark) if edit[0] == "news")
            path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
            pairs.append((floor_run(), _rebuilt(portal, work)))
    floor, rebuilt, ratios = _median_pair(pairs)
    return rebuilt | ratios | {"equals_full": all(built["equals_full"] for _floor, built in pairs)}, floor


@contextmanager
def rebuild_floor(portal: Path, work: Path) -> Iterator[Callable[[], dict]]:
    """What no rebuild driven by MkDocs goes below: MkDocs and Material alone (none of the portal's hooks or templates)
    building the portal's files and nav, every page out of the nav unchanged, so neither read, rendered nor written
    (`_REBUILD_FLOOR_HOOK`): Python's start, MkDocs' settings, its list of the files, the nav's pages and the theme's
    assets. Gives a function that runs it once: its figures, with the number of pages it wrote (the nav's)."""
    folder = work / "rebuild-floor"
    folder.mkdir()
    (folder / "hook.py").write_text(_REBUILD_FLOOR_HOOK, encoding="utf-8")
    config = (portal / "mkdocs.yml").read_text(encoding="utf-8")
    for pattern, replacement in ((r"\nhooks:\n  - .*", f"\nhooks:\n  - {folder / 'hook.py'}"), (r"\n  custom_dir: .*", ""),
                                 (r"\n  language: .*", "\n  language: vi"), (r"\nstrict: true", "\nstrict: false")):
        config, found = re.subn(pattern, replacement, config)
        if found != 1:
            raise SystemExit(f"mkdocs.yml: {pattern!r} found {found} times, not once: the rebuild floor's settings")
    settings = portal / "mkdocs-rebuild-floor.yml"  # beside the portal's: its folders are named from there

    def run() -> dict:
        figures = _run([sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", settings.name, "-d",
                        str(folder / "site")], portal, cache=False)
        return figures | {"pages": sum(1 for _page in (folder / "site").rglob("*.html"))}

    settings.write_text(config, encoding="utf-8")
    try:
        yield run
    finally:
        settings.unlink()  # not among the sources the CI job's rebuild commits


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Ban biên tập", "-c", "user.email=bbt@example.vn", *args], cwd=cwd,
                   check=True, stdout=subprocess.DEVNULL)


def _set_aside(folder: Path, work: Path) -> None:
    """`folder` moved out of the way into `work`, deleted with the rest of the benchmark's files at its end. Deleted
    now, its files would tax the next build timed: ext4 without a journal (this kind of machine's disk) passes over
    each inode freed in the last one to six minutes when it makes a file, and a build makes 45,000 at 10,000
    documents; deleting the previous round's site and cache just before made a build from scratch 15 to 30 s slower,
    all of it system time."""
    if folder.exists():
        aside = Path(tempfile.mkdtemp(prefix="set-aside-", dir=work))
        folder.rename(aside / folder.name)


def _full_builds(portal: Path, rounds: int) -> dict:
    """The floor and a build from scratch, one right after the other, `rounds` times: this kind of machine runs the
    same build 1.5× slower from one quarter of an hour to the next, and a floor and a build timed side by side share
    the hour. The ratio is the median of each pair's; the figures shown are those of the median pair. The last build's
    site and cache stay for the rebuilds."""
    python, pairs = sys.executable, []
    for _round in range(rounds):
        _set_aside(portal / ".cache", portal.parent)
        _set_aside(portal / "site", portal.parent)
        floor_run = _run([python, __file__, "--floor", str(portal)], ROOT)
        pairs.append((floor_run, _run([python, "-m", "mkdocs", "build", "--strict", "--quiet"], portal)))
    floor_run, build_run, ratios = _median_pair(pairs)
    return {"floor": floor_run, "build": build_run} | ratios


def _median_pair(pairs: list[tuple[dict, dict]]) -> tuple[dict, dict, dict]:
    """Of (floor, build) pairs timed side by side: the pair whose ratio of wall times is the median, and that ratio
    with every pair's (`ratio`, `ratios`)."""
    ratios = [build["wall_s"] / floor["wall_s"] for floor, build in pairs]
    middle = sorted(range(len(pairs)), key=ratios.__getitem__)[(len(pairs) - 1) // 2]
    return (*pairs[middle], {"ratio": ratios[middle], "ratios": ratios})


def _ratio(result: dict) -> str:
    ratios = result.get("ratios", [result["ratio"]])
    spread = f" ({min(ratios):.2f}–{max(ratios):.2f}, {len(ratios)} pairs)" if len(ratios) > 1 else ""
    return f"{result['ratio']:.2f}×{spread}"


def table(results: list[dict]) -> str:
    rows = [("documents", lambda r: f"{r['docs']:,}" if r["docs"] else "the bundled site")]
    if "preview" in results[0]:
        rows += [(f"preview after {label}: page, whole site, s",
                  (lambda name: lambda r: f"{r['preview'][name]:.2f}, {r['preview'][name + '_site']:.1f}")(name))
                 for name, label in EDITS.items()]
        rows += [("preview process after the saves, MB", lambda r: f"{r['preview']['rss_mb']:,.0f}"),
                 ("preview process at its peak, MB", lambda r: f"{r['preview']['peak_rss_mb']:,.0f}")]
        return _markdown_table(rows, results)
    if "build" in results[0]:
        rows += [("full build, wall s", lambda r: f"{r['build']['wall_s']:.1f}"),
                 ("full build, CPU s", lambda r: f"{r['build']['cpu_s']:.1f}"),
                 ("floor, wall s", lambda r: f"{r['floor']['wall_s']:.1f}"),
                 ("build ÷ floor", _ratio),
                 ("per document, ms", lambda r: f"{1000 * r['build']['wall_s'] / r['docs']:.1f}"),
                 ("peak RSS, MB", lambda r: f"{r['build']['peak_rss_mb']:.0f}"),
                 ("peak memory with the search process (PSS), MB", lambda r: f"{r['build']['peak_together_mb']:.0f}"),
                 *[(f"rebuild after {label}, s (= full?)", (lambda name: lambda r: _rebuild(r[f"rebuild_{name}"]))(name))
                   for name, label in EDITS.items()],
                 ("rebuild as a CI job runs it (checkout, cache restored, no site), after a news edit, s (= full?)",
                  lambda r: _rebuild(r["rebuild_ci"])),
                 ("rebuild floor: MkDocs and Material alone, every page out of the nav unchanged, s",
                  lambda r: f"{r['rebuild_floor']['wall_s']:.1f}"),
                 ("rebuild after a news edit ÷ rebuild floor", lambda r: _ratio(r["rebuild_news"])),
                 ("content check (`make check`): no cache / in that CI job, before its build, s",
                  lambda r: f"{r['check']['wall_s']:.1f} / {r['rebuild_ci']['check_wall_s']:.1f}"),
                 ("output, MB", lambda r: f"{r['sizes']['output_mb']:.0f}"),
                 ("largest HTML page, KB", lambda r: f"{r['sizes']['largest_html_kb']:.0f} ({r['sizes']['largest_html']})"),
                 ("feeds, MB", lambda r: f"{r['sizes']['feeds_mb']:.1f}"),
                 ("build cache, MB", lambda r: f"{r['sizes']['cache_mb']:.0f}"),
                 ("search index in site, MB", lambda r: f"{r['sizes']['search_index_mb']:.1f}")]
    rows += [("search index build, s", lambda r: f"{r['search']['index_build_s']:.1f}"),
             ("search index, MB / files", lambda r: f"{r['search']['index_mb']:.1f} / {r['search']['index_files']:,}")]
    rows += [(f"first query “{q}”, KB", (lambda q: lambda r: f"{r['search']['first_query_kb'][q]:.0f}")(q)) for q in QUERIES]
    rows += [("Material search first query, KB", lambda r: f"{r['search']['material_first_query_kb']:,.0f}")]
    return _markdown_table(rows, results)


def _markdown_table(rows: list, results: list[dict]) -> str:
    width = max(len(name) for name, _ in rows)
    lines = [f"| {'':{width}} | " + " | ".join(f"N = {r['docs']:,}" if r["docs"] else "sample" for r in results) + " |",
             f"|{'-' * (width + 2)}|" + "|".join("-" * 14 for _ in results) + "|"]
    lines += [f"| {name:{width}} | " + " | ".join(value(r) for r in results) + " |" for name, value in rows]
    return "\n".join(lines)


def _rebuild(figures: dict) -> str:
    return f"{figures['wall_s']:.1f} ({'yes' if figures['equals_full'] else 'NO'})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, action="append", help="portal size (repeatable); default 1000")
    parser.add_argument("--search-only", action="store_true", help="measure the search index only, no full build")
    parser.add_argument("--preview", action="store_true",
                        help="measure only the preview: save to page shown under `mkdocs serve` (--docs 0: the bundled site)")
    parser.add_argument("--rounds", type=int, default=BUILD_ROUNDS,
                        help="floor and full build timed side by side this many times; the median pair is shown")
    parser.add_argument("--json", type=Path, default=ROOT / "bench-results.json", help="where to write results")
    parser.add_argument("--floor", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.floor:
        floor(args.floor)
        return 0
    results = []
    for docs in args.docs or [1000]:
        print(f"… {docs:,} documents" if docs else "… the bundled site", file=sys.stderr, flush=True)
        results.append(bench(docs, args.search_only, args.preview, args.rounds))
    print(table(results))
    args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"\n{args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
