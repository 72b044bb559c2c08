"""Reading every source of the portal at once, checking it, and indexing it for the pages.

`load_site` never raises for a content mistake: each one becomes a `Problem` in the report, so an
editor sees all of them in one run.
"""

from __future__ import annotations

import hashlib
import pickle
import posixpath
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Callable

from . import frontmatter, links, progress, related, source_files, source_signatures
from .kinds import DEPARTMENT, KINDS, NEWS, PAGE, PLAN, PROCEDURE, REPORT, Kind, kind_of
from .problems import ERROR, WARNING, Problem, Report
from .safety import find_unsafe
from .schema import Context, nearest
from .text import fold, is_slug, nfc, slugify, vietnamese_order

DEPARTMENTS_DIR = DEPARTMENT.folder
NEWS_DIR = NEWS.folder
PROCEDURES_DIR = PROCEDURE.folder
PLANS_URL_DIR = PLAN.folder


@dataclass
class Entry:
    kind: Kind
    source: str  # path from the project root, as editors know it
    src_uri: str  # path inside the site's docs, real or generated
    _values: dict[str, Any]  # `values`, but those of `rest` until asked for
    _body: str | bytes  # `body`, or its UTF-8 bytes as read back (`Checked.__getstate__`) until asked for
    lines: dict[str, int] = field(default_factory=dict)  # line of each top-level field, for problems
    body_line: int = 1  # the line of the file the body starts on
    written: dict[str, Any] | bytes = field(default_factory=dict)  # its settings as written, or pickled (`front_matter`)
    links: tuple[tuple[int, str], ...] = ()  # the body's links to the site, with their lines (`links.relative_links`)
    cited: tuple = ()  # the documents a plan's body cites (`related.cited_in`)
    digest: str = ""  # its source's bytes, named: the entry is the same for the same bytes (`page_inputs`)
    rest: bytes | None = None  # its values of the kind's page-only fields, pickled (`Checked.__getstate__`)
    # Where its body, settings as written and page-only values are read from when first asked for (a check read back
    # from the cache: `read_back`), else None.
    page: Callable[[], tuple[bytes, bytes, bytes | None]] | None = None

    def _read_page(self) -> None:
        if self.page is not None:
            self._body, self.written, self.rest = self.page()
            self.page = None

    @property
    def values(self) -> dict[str, Any]:
        """Its values, every field in the order written."""
        if self.page is not None and self.kind.page_only:
            self._read_page()
        if self.rest is not None:
            self._values, self.rest = _with_rest(self._values, self.rest), None
        return self._values

    @property
    def body(self) -> str:
        """Its Markdown after the front matter."""
        self._read_page()
        if isinstance(self._body, bytes):
            self._body = self._body.decode("utf-8")
        return self._body

    @property
    def front_matter(self) -> dict[str, Any]:
        """Its settings as written, for the theme (MkDocs' `page.meta`), a copy of the caller's own. From a check read
        back (`Checked.__getstate__`), unpickled only for a page the build makes, not for the ten thousand a rebuild
        reads back unchanged."""
        self._read_page()
        written = self.written
        return pickle.loads(written) if isinstance(written, bytes) else dict(written)

    def get(self, name: str, default: Any = None) -> Any:
        if name in self.kind.page_only:
            return self.values.get(name, default)
        return self._values.get(name, default)

    def __getitem__(self, name: str) -> Any:
        if name in self.kind.page_only:
            return self.values[name]
        return self._values[name]


@dataclass
class Site:
    departments: dict[str, Entry] = field(default_factory=dict)
    plans: list[Entry] = field(default_factory=list)  # newest first
    news: list[Entry] = field(default_factory=list)  # newest first, drafts included
    procedures: list[Entry] = field(default_factory=list)  # by department, field, name
    procedures_by_department: dict[str, list[Entry]] = field(default_factory=dict)
    procedure_by_code: dict[str, Entry] = field(default_factory=dict)  # published procedures
    plan_by_number: dict[str, Entry] = field(default_factory=dict)  # published plans by their symbol, folded
    cited: dict[str, dict[str, Entry]] = field(default_factory=dict)  # plan -> portal plans it cites (see related.py)
    cited_by: dict[str, list[Entry]] = field(default_factory=dict)  # plan -> portal plans citing it
    changes: dict[str, dict] = field(default_factory=dict)  # plan -> field -> [(text, portal plan or None)] it replaces, amends
    changed_by: dict[str, dict] = field(default_factory=dict)  # plan -> field -> portal plans replacing, amending it
    derived: dict[str, Any] = field(default_factory=dict)  # what renderers compute from the indexes once (emptied with them)
    file_sizes: dict[str, int] = field(default_factory=dict)  # docs/ path -> bytes, of the files entries name
    today: date | None = None  # the build clock's day: what is in force is as of it (set by split_published)
    now: datetime | None = None  # the build clock (set by split_published)
    pages: dict[str, Entry] = field(default_factory=dict)  # every page from content, by src_uri
    entries: dict[str, list[Entry]] = field(default_factory=dict)  # kind name -> its items, newest first where dated
    plans_by_issuer: dict[str, list[Entry]] = field(default_factory=dict)
    news_by_department: dict[str, list[Entry]] = field(default_factory=dict)  # newest first
    neighbours: dict[str, tuple] = field(default_factory=dict)  # news item -> (newer, older)
    units: dict[str, list[Entry]] = field(default_factory=dict)  # department -> the departments whose parent it is
    tasks: dict[str, "progress.TaskItem"] = field(default_factory=dict)  # by id (`489-qd-ubnd/3`), with their reports
    tasks_by_department: dict[str, list["progress.TaskItem"]] = field(default_factory=dict)  # those it is in charge of
    tasks_cooperating: dict[str, list["progress.TaskItem"]] = field(default_factory=dict)  # those it works with others on
    tags: set[str] = field(default_factory=set)  # the tags of the news listed: each has a listing page
    report: Report = field(default_factory=Report)

    def department_uri(self, code: str) -> str:
        return self.departments[code].src_uri


@dataclass(frozen=True)
class Layout:
    docs_dir: Path
    plans_dir: Path
    root: Path

    @classmethod
    def at(cls, root: Path, docs_dir: Path | None = None) -> "Layout":
        root = root.resolve()
        return cls(docs_dir=(docs_dir or root / "docs").resolve(), plans_dir=root / "plans", root=root)

    def relative(self, path: Path) -> str:
        inside = source_files.under(path, self.root)
        if inside is not None:
            return inside
        try:  # resolved only when needed: it asks the system per folder
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def in_docs(self, path: Path) -> str:
        """A file of docs/ as MkDocs names it (`tin-tuc/a.md`)."""
        inside = source_files.under(path, self.docs_dir)
        return path.relative_to(self.docs_dir).as_posix() if inside is None else inside


def source_digest(raw: bytes) -> str:
    """What names a source's bytes: its check and its entry are the same for the same bytes. Git's id of a blob of
    those bytes, which Git's index tells of a checkout's files without reading them (`git_index`)."""
    digest = hashlib.sha1(b"blob %d\0" % len(raw), usedforsecurity=False)
    digest.update(raw)
    return digest.hexdigest()


# Sources checked together: each (kind, text, digest of its bytes), its check or None. A text is None where the build
# knows the file's bytes by their digest without reading them (`source_signatures`): its check is then looked up by
# the digest alone, and None means it is not known, and the file is read.
CheckMany = Callable[[list[tuple[Kind, "str | None", str]]], list["Checked | None"]]


def each(check: Callable[[Kind, str], "Checked"]) -> CheckMany:
    """`check` given each text alone; a text not read is not known."""
    return lambda items: [None if text is None else check(kind, text) for kind, text, _named in items]


class _FileChecker:
    """Reads one source file into an Entry, adding what is wrong with it to the report."""

    def __init__(self, layout: Layout, report: Report, check_many: CheckMany,
                 signatures: source_signatures.Signatures | None = None):
        self.layout = layout
        self.report = report
        self.check_many = check_many
        self.signatures = signatures
        self.references: list[tuple[Entry, str, str, int, str]] = []
        self.sizes: dict[str, int] = {}
        self.departments: dict[str, Entry] = {}  # by folded code: `stp-kh` is `STP-KH`'s twin
        self._ahead: dict[Path, Checked] = {}

    def problem(self, source: str, line: int, field_name: str, message: str, hint: str = "", severity: str = ERROR):
        self.report.add(Problem(source, line, field_name, message, hint, severity))

    def ahead(self, listed: list[tuple[Path, Kind]]) -> None:
        """The texts of `listed` read (unless their bytes are known: `signatures`) and checked together
        (`check_many`: a build looks their checks up in its cache a few hundred a statement), each for `read` to take.
        A file that cannot be read, or whose check is not known without its text, is left to `read`."""
        items = []
        for path, kind in listed:
            named = self.signatures.unchanged(path) if self.signatures is not None else None
            if named is not None:
                items.append((path, kind, None, named))
                continue
            try:
                raw = path.read_bytes()
                text, named = raw.decode("utf-8"), source_digest(raw)
            except (OSError, UnicodeDecodeError):
                continue
            if self.signatures is not None:
                self.signatures.read(path, named)
            items.append((path, kind, text, named))
        checks = self.check_many([(kind, text, named) for _path, kind, text, named in items])
        self._ahead.update((path, (checked, named)) for (path, _kind, _text, named), checked in zip(items, checks)
                           if checked is not None)

    def read(self, path: Path, kind: Kind, src_uri: str) -> Entry | None:
        source = self.layout.relative(path)
        checked, named = self._ahead.pop(path, (None, ""))
        if checked is None:
            raw = path.read_bytes()
            named = source_digest(raw)
            try:
                checked = self.check_many([(kind, raw.decode("utf-8"), named)])[0]
            except UnicodeDecodeError as error:
                line = raw[: error.start].count(b"\n") + 1
                self.problem(source, line, "", "tệp không phải mã UTF-8", "mở tệp và lưu lại với mã hóa UTF-8")
                return None
        for line, field_name, message, hint, severity in checked.problems:
            self.problem(source, line, field_name, message, hint, severity)
        if checked.values is None:
            return None
        for site_path, line, field_name in checked.paths:
            target = (self.layout.docs_dir / site_path).resolve()
            if self.layout.docs_dir not in target.parents:  # `..` or a link out of docs/
                self.problem(source, line, field_name, f"docs/{site_path} nằm ngoài thư mục docs/",
                             "chép tệp vào thư mục docs/ rồi ghi đường dẫn tính từ docs/")
            elif not target.is_file():
                self.problem(source, line, field_name, f"không có tệp docs/{site_path}",
                             "chép tệp vào thư mục docs/ hoặc sửa lại đường dẫn")
            else:
                self.sizes[site_path] = target.stat().st_size
        entry = Entry(kind, source, src_uri, checked.values, checked.body, checked.lines, checked.body_line,
                      checked.written, checked.links, checked.cited, named, checked.rest,
                      checked.page and _page_or_checked_again(checked.page, path, kind, named))
        for registry, code, line, field_name in checked.references:
            self.references.append((entry, registry, code, line, field_name))
        return entry


@dataclass
class Checked:
    """What one source's text says, checked on its own: the same for the same text, whichever file holds it."""

    values: dict[str, Any] | None  # None: no entry (the problems say why)
    body: str | bytes = ""  # bytes as read back (`Entry.body`)
    lines: dict[str, int] = field(default_factory=dict)
    body_line: int = 1
    written: dict[str, Any] | bytes = field(default_factory=dict)  # the settings as written (`Entry.front_matter`)
    problems: list[tuple[int, str, str, str, str]] = field(default_factory=list)  # line, field, message, hint, severity
    paths: list[tuple[str, int, str]] = field(default_factory=list)  # files of docs/ it names: path, line, field
    references: list[tuple[str, str, int, str]] = field(default_factory=list)  # registry, code, line, field
    # What the body says to the rest of the site, found with the check, so that a rebuild reads it back with it
    # (finding it again in ten thousand bodies was half a second of every build).
    links: tuple[tuple[int, str], ...] = ()
    cited: tuple = ()
    page_only: frozenset[str] = frozenset()  # its kind's (`Kind.page_only`): the fields `rest` holds once kept
    rest: bytes | None = None  # as read back: the values of `page_only` fields, pickled (`Entry.values`)
    page: Callable[[], bytes | None] | None = None  # read back (`read_back`): reads body, written and rest, or None

    def __getstate__(self) -> dict:
        """Kept with its settings as written, and its values of the fields only its own page shows (a procedure's
        steps, documents, channels…), each pickled apart: a rebuild reads back every source's check and makes a few
        pages, and unpickling them all was 0.14 s and 0.06 s at 10,000 documents. (A check just made keeps them as
        they are, their strings shared with `values`: held twice, they were 28 MB more at a build's peak.)"""
        state = dict(vars(self))
        # The body as UTF-8, decoded only for a page made from it: Vietnamese held as a string takes half as much again,
        # and the bodies of 5,800 news items took 0.03 s to decode.
        if isinstance(self.body, str):
            state["body"] = self.body.encode("utf-8")
        if isinstance(self.written, dict):
            state["written"] = pickle.dumps(self.written, protocol=pickle.HIGHEST_PROTOCOL)
        state.pop("page_only", None)  # `rest` says what it holds
        state.pop("page", None)
        if self.values and self.rest is None and not self.page_only.isdisjoint(self.values):
            state["values"] = {name: value for name, value in self.values.items() if name not in self.page_only}
            state["rest"] = pickle.dumps((list(self.values), {name: value for name, value in self.values.items()
                                                              if name in self.page_only}),
                                         protocol=pickle.HIGHEST_PROTOCOL)
        return state


_PAGE_PART = ("body", "written", "rest")


def kept_apart(checked: Checked) -> tuple[bytes, bytes]:
    """A check as the cache keeps it, in two: what every build reads back (values but the page-only ones, lines,
    problems, links…) and what only a page made from it reads (`Entry.page`): its body, settings as written and
    page-only values. They were nine tenths of the 76 MB of checks a rebuild read back at 10,000 documents."""
    state = checked.__getstate__()
    page = _page_part_of(state)  # before the rest is pickled: it leaves the state without them
    return pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL), pickle.dumps(page, protocol=pickle.HIGHEST_PROTOCOL)


def _page_part_of(state: dict) -> tuple[bytes, bytes, bytes | None]:
    """The page part of a check's state (`Checked.__getstate__`), taken out of it."""
    return tuple(state.pop(name, None) for name in _PAGE_PART)


def read_back(kept: bytes, page: Callable[[], bytes | None]) -> Checked:
    """A check kept apart (`kept_apart`), its page part read by `page` when a page made from it asks."""
    checked = object.__new__(Checked)
    vars(checked).update(pickle.loads(kept), body=b"", written=b"", rest=None, page=page)
    return checked


def whole(checked: Checked) -> Checked | None:
    """`checked` with its page part read (a check read back), or None if the part is not kept."""
    if checked.page is not None:
        part = checked.page()
        if part is None:
            return None
        checked.body, checked.written, checked.rest = pickle.loads(part)
        checked.page = None
    return checked


class SourceChanged(Exception):
    """A source whose check was read back changed before its page part was read: its page would mix two texts."""


def _page_or_checked_again(read: Callable[[], bytes | None], path: Path, kind: Kind,
                           named: str) -> Callable[[], tuple[bytes, bytes, bytes | None]]:
    """The page part of an entry whose check was read back: read by `read`, else (a copy of the build, which reads
    no cache, or a part removed) from its file checked again, if its bytes are still those read."""
    def page() -> tuple[bytes, bytes, bytes | None]:
        part = read()
        if part is not None:
            return pickle.loads(part)
        raw = path.read_bytes()
        if source_digest(raw) != named:
            raise SourceChanged(f"{path}: tệp đã đổi trong lúc dựng trang; dựng lại")
        return _page_part_of(check_text(kind, raw.decode("utf-8")).__getstate__())
    return page


def _with_rest(values: dict[str, Any], rest: bytes) -> dict[str, Any]:
    """`values` and the values pickled in `rest` (`Checked.__getstate__`), in the order they were written."""
    order, kept = pickle.loads(rest)
    return {name: values[name] if name in values else kept[name] for name in order}


def check_text(kind: Kind, raw: str) -> Checked:
    """One source's text read and checked on its own (what the rest of the site has to say is checked after)."""
    text = nfc(raw)
    problems = []
    if text != raw:
        line = next(i for i, (a, b) in enumerate(zip(raw.split("\n"), text.split("\n")), 1) if a != b)
        problems.append((line, "", "chữ chưa ở dạng Unicode dựng sẵn (NFC); đã tự chuẩn hóa khi dựng trang",
                         "đặt bộ gõ ở bảng mã Unicode dựng sẵn để tìm kiếm và sắp xếp đúng", WARNING))
    try:
        document = frontmatter.parse(text)
    except frontmatter.FrontMatterError as error:
        return Checked(None, problems=[*problems, (error.line, "", str(error), error.hint, ERROR)])
    if kind is not PAGE and not document.has_front_matter:
        return Checked(None, problems=[*problems, (1, "", f"thiếu phần đầu YAML của {kind.label.lower()}",
                                                   f"mở tệp bằng dòng `---`, các trường, rồi dòng `---`; xem mẫu trong {kind.where}",
                                                   ERROR)])
    ctx = Context()
    values = kind.schema.coerce(document.data, ctx, ())
    for invalid, severity in [(e, ERROR) for e in ctx.errors] + [(w, WARNING) for w in ctx.warnings]:
        problems.append((document.line_of(invalid.path), _dotted(invalid.path), invalid.message, invalid.hint, severity))
    for unsafe in find_unsafe(document.body):
        problems.append((document.body_line + unsafe.line - 1, "", unsafe.message, unsafe.hint, ERROR))
    return Checked(values, document.body, {path[0]: line for path, line in document.lines.items() if len(path) == 1},
                   document.body_line, document.data, problems,
                   [(site_path, document.line_of(path), _dotted(path)) for site_path, path in ctx.paths],
                   [(registry, code, document.line_of(path), _dotted(path)) for registry, code, path in ctx.references],
                   links.relative_links(document.body), related.cited_in(document.body) if kind is PLAN else (),
                   kind.page_only)


REMEMBERED = 1 << 16  # checks a preview remembers: forgotten all at once past it


def remembering(check_many: CheckMany) -> CheckMany:
    """`check_many`, remembered for each source's bytes (by kind and digest) for the life of the process: `mkdocs
    serve` reads every file again on each save, and most are unchanged. (A build reads each file once: remembering
    would only cost it memory.) Each caller gets its own copy of what was checked, as a build from scratch would."""
    remembered: dict[tuple[str, str], tuple[str, bytes]] = {}

    def many(items: list[tuple[Kind, str | None, str]]) -> list[Checked | None]:
        keys = [(kind.name, named) for kind, _text, named in items]
        missing = [index for index, key in enumerate(keys) if key not in remembered]
        if len(remembered) + len(missing) > REMEMBERED:
            remembered.clear()
        unkept = {}  # read back with no page part: its entry checks its file again for it (`_page_or_checked_again`)
        for index, checked in zip(missing, check_many([items[index] for index in missing]) if missing else ()):
            if checked is not None and whole(checked) is None:
                unkept[index] = checked
            elif checked is not None:
                remembered[keys[index]] = _kept(checked)
        return [_copy(*remembered[key]) if key in remembered else unkept.get(index) for index, key in enumerate(keys)]
    return many


def _kept(checked: Checked) -> tuple[str | bytes, bytes]:
    """The body as it is (a string or its bytes: nothing can change it), the rest as bytes each caller makes its own
    copy of."""
    body, checked.body = checked.body, ""
    return body, pickle.dumps(checked)


def _copy(body: str, rest: bytes) -> Checked:
    checked = pickle.loads(rest)
    checked.body = body
    return checked


def _dotted(path: tuple) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else p) for i, p in enumerate(path))


def _check_file_name(checker: _FileChecker, path: Path, stem: str) -> None:
    if stem not in ("index", "README") and not is_slug(stem):
        checker.problem(checker.layout.relative(path), 0, "",
                        f"tên tệp {path.name!r} sẽ thành địa chỉ trang khó đọc",
                        f"đổi tên thành {slugify(stem) or 'trang'}{path.suffix}: chữ thường không dấu, nối bằng gạch ngang")


def _listing(layout: Layout, found: list[source_files.Sources] | None = None
             ) -> tuple[list[tuple[Path, Kind]], list[Problem]]:
    """Each source with the kind it is checked as, pages then plans; and what is wrong with the folders' files. `found`:
    the folders' sources (`source_files.find` of `folders`), if listed already."""
    docs, plans = found or [source_files.find(folder, layout.root) for folder in folders(layout)]
    listed = [(path, kind_of(layout.in_docs(path))) for path in docs.markdown]
    return listed + [(path, PLAN) for path in plans.markdown], docs.problems + plans.problems


def folders(layout: Layout) -> list[Path]:
    """The folders sources are found in, in the order they are read."""
    return [layout.docs_dir, layout.plans_dir]


def sources(layout: Layout) -> list[tuple[Path, Kind]]:
    """Each source `load_site` reads, with the kind it checks it as, in the order it reads them."""
    return _listing(layout)[0]


AHEAD = 500  # sources read and checked together (`_FileChecker.ahead`)


def load_site(layout: Layout, check_many: CheckMany | None = None,
              signatures: source_signatures.Signatures | None = None,
              found: list[source_files.Sources] | None = None) -> Site:
    """Every source read (or known by `signatures`), checked (a few hundred texts at a time by `check_many`; each by
    `check_text` if not given) and indexed. `found`: the sources of `folders`, if listed already."""
    site = Site()
    checker = _FileChecker(layout, site.report, check_many or each(check_text), signatures)
    urls: dict[str, str] = {}

    listed, problems = _listing(layout, found)
    for problem in problems:
        site.report.add(problem)
    for index, (path, kind) in enumerate(listed):  # every page before the plans: a plan's address may be a page's
        if index % AHEAD == 0:
            checker.ahead(listed[index:index + AHEAD])
        if kind is PLAN:
            _add_plan(checker, site, urls, path)
            continue
        src_uri = layout.in_docs(path)
        _check_file_name(checker, path, path.stem)
        entry = checker.read(path, kind, src_uri)
        urls[src_uri] = entry.source if entry else layout.relative(path)
        if entry is None:
            continue
        site.pages[src_uri] = entry
        if kind is not PAGE:
            site.entries.setdefault(kind.name, []).append(entry)
        if kind is DEPARTMENT:
            _add_department(checker, site, entry, path)
        elif kind is NEWS:
            site.news.append(entry)
        elif kind is PROCEDURE:
            _add_procedure(checker, site, entry, path)

    site.file_sizes = checker.sizes
    _check_references(checker, site)
    for report, field_name, message, hint in progress.problems(site, site.entries.get(REPORT.name, [])):
        checker.problem(report.source, report.lines.get(field_name, 1), field_name, message, hint)
    _check_parents(checker, site)
    _check_roles(checker, site)
    _check_duplicate_numbers(checker, site.plans)
    _index(site)
    related.index(site)
    return site


def _add_plan(checker: _FileChecker, site: Site, urls: dict[str, str], path: Path) -> None:
    entry = checker.read(path, PLAN, "")
    if entry is None:
        return
    if not entry.get("slug"):
        _check_file_name(checker, path, path.stem)
    entry.src_uri = _plan_uri(entry, path)
    if entry.src_uri in urls:
        checker.problem(entry.source, 0, "slug", f"địa chỉ /{entry.src_uri[:-3]}/ trùng với {urls[entry.src_uri]}",
                        "đổi tên tệp hoặc đặt trường slug khác")
        return
    urls[entry.src_uri] = entry.source
    site.pages[entry.src_uri] = entry
    site.plans.append(entry)
    site.entries.setdefault(PLAN.name, []).append(entry)


def _plan_uri(plan: Entry, path: Path) -> str:
    slug = plan.get("slug") or slugify(path.stem) or "van-ban"
    return f"{PLANS_URL_DIR}/{slug}.md"


# What ties an entry to others besides its references, checked across the site (a department's place among the
# others: a loop of parents, a role played twice), and that `read_again` therefore leaves to the build.
_TIES = ("code", "parent", "roles")


def read_again(layout: Layout, path: Path, site: Site, check_many: CheckMany | None = None) -> Entry | None:
    """A source of `site`, or one added since, read and checked again on its own, as `load_site` reads it, its
    references looked up in `site`: for the preview's first look at a save, before the build that reads everything
    again. None where that build may find it otherwise: a problem of its own, a reference `site` does not know,
    another address, code, parent or roles, another publication (a draft published), a plan's number already used,
    an added source that is not published or takes a page's address or a department's code."""
    source = layout.relative(path)
    before = next((e for e in site.pages.values() if e.source == source), None)
    if site.now is None or not path.is_file() or not (before or path.suffix == ".md"):
        return None
    checker = _FileChecker(layout, Report(), check_many or each(check_text))
    if before is not None:
        kind, src_uri = before.kind, before.src_uri
    elif layout.plans_dir in path.parents:
        kind, src_uri = PLAN, ""
    elif layout.docs_dir in path.parents:
        src_uri = path.relative_to(layout.docs_dir).as_posix()
        kind = kind_of(src_uri)
        _check_file_name(checker, path, path.stem)
    else:
        return None
    entry = checker.read(path, kind, src_uri)
    if entry is None:
        return None
    if kind is PLAN:
        entry.src_uri = _plan_uri(entry, path)
        if before is None and not entry.get("slug"):
            _check_file_name(checker, path, path.stem)
    if before is None and (kind in (DEPARTMENT, PROCEDURE)) and entry.get("code"):
        _named_by_code(checker, entry, path)
    if checker.report.errors:
        return None
    if before is not None:
        if any(entry.get(f) != before.get(f) for f in _TIES) or entry.src_uri != before.src_uri \
                or unpublished(entry, site.now) != unpublished(before, site.now):
            return None
    elif entry.src_uri in site.pages or unpublished(entry, site.now) or any(
            fold(entry.get("code") or "") == fold(code) for code in site.departments if kind is DEPARTMENT):
        return None
    number = _number_key(entry) if kind is PLAN else None
    if number is not None and any(_number_key(plan) == number for plan in site.pages.values()
                                  if plan.kind is PLAN and plan is not before):
        return None
    known = _known_codes(site)
    if any(registry == "task" or not _is_known(site, known, registry, code)
           for _entry, registry, code, _line, _field in checker.references):
        return None
    return entry


def _named_by_code(checker: _FileChecker, entry: Entry, path: Path) -> bool:
    """Departments and procedures live at the address of their code: `STP-KH` -> co-quan/stp-kh/."""
    expected = f"{slugify(entry['code'])}.md"
    if path.name == expected:
        return True
    what = entry.kind.editing.singular if entry.kind.editing else entry.kind.label.lower()
    checker.problem(entry.source, entry.lines.get("code", 1), "code", f"tệp của {what} mã {entry['code']} phải tên là {expected}",
                    f"đổi tên tệp thành docs/{entry.kind.folder}/{expected} để địa chỉ trang theo mã {what}")
    return False


def _add_department(checker: _FileChecker, site: Site, entry: Entry, path: Path) -> None:
    code = entry.get("code")
    if not code:
        return
    _named_by_code(checker, entry, path)
    twin = checker.departments.get(fold(code))
    if twin is not None:
        checker.problem(entry.source, entry.lines.get("code", 1), "code", f"mã cơ quan {code} đã dùng ở {twin.source}", "mỗi cơ quan một mã riêng")
        return
    site.departments[code] = checker.departments[fold(code)] = entry


def _check_parents(checker: _FileChecker, site: Site) -> None:
    """A department is never its own superior, directly or through others."""
    for code, entry in site.departments.items():
        chain, parent = [code], entry.get("parent")
        while parent in site.departments and parent not in chain:
            chain.append(parent)
            parent = site.departments[parent].get("parent")
        if parent == code:
            loop = " → ".join([*chain, code])
            checker.problem(entry.source, entry.lines.get("parent", 1), "parent", f"cơ quan cấp trên thành vòng lặp: {loop}",
                            "parent là mã của cơ quan cấp trên trực tiếp; bỏ trống với cơ quan cao nhất")


def _check_roles(checker: _FileChecker, site: Site) -> None:
    """Each role (`vocab.AGENCY_ROLES`) is played by one department: the procedure importer must know which."""
    players: dict[str, Entry] = {}
    for entry in site.departments.values():
        for role in entry.get("roles", []):
            if role in players:
                checker.problem(entry.source, entry.lines.get("roles", 1), "roles",
                                f"vai trò {role} đã do {players[role]['code']} ({players[role].source}) nhận",
                                "mỗi vai trò chỉ một cơ quan nhận; bỏ vai trò ở một trong hai tệp")
            else:
                players[role] = entry


def _add_procedure(checker: _FileChecker, site: Site, entry: Entry, path: Path) -> None:
    if not entry.get("department"):
        return  # reported as a missing field; the catalogue groups by department
    if entry.get("code") and _named_by_code(checker, entry, path):
        site.procedures.append(entry)


def _known_codes(site: Site) -> dict[str, set[str]]:
    """The codes a reference to a procedure or a document may name (departments are looked up in the site)."""
    return {"procedure": {p["code"] for p in site.procedures},
            "document": {fold(p["number"]) for p in site.plans if p.get("number", "")[:1].isdigit()}}


def _is_known(site: Site, known: dict[str, set[str]], registry: str, code: str) -> bool:
    if registry in known:
        return (fold(code) if registry == "document" else code) in known[registry]
    return code in site.departments


def _check_references(checker: _FileChecker, site: Site) -> None:
    codes = list(site.departments)
    by_name = {slugify(d.get("name", "")): c for c, d in site.departments.items()}
    by_name |= {slugify(d.get("short_name", "")): c for c, d in site.departments.items() if d.get("short_name")}
    known = _known_codes(site)
    for entry, registry, code, line, field_name in checker.references:
        if registry == "task" or _is_known(site, known, registry, code):
            continue  # a task is checked with the reports' dates and order (progress.problems)
        if registry in known:
            what = {"procedure": "thủ tục mã", "document": "văn bản số"}[registry]
            checker.problem(entry.source, line, field_name, f"trên cổng không có {what} {code!r}",
                            "viết như trên trang của nó, ví dụ 1.000688 hoặc 489/QĐ-UBND; bỏ đi nếu chưa đăng trên cổng")
            continue
        same = [c for c in codes if fold(c) == fold(code)]
        close = same or ([by_name[slugify(code)]] if slugify(code) in by_name else nearest(code, codes))
        hint = f"có phải: {', '.join(close)}?" if close else f"thêm tệp docs/{DEPARTMENTS_DIR}/{slugify(code)}.md cho cơ quan này"
        checker.problem(entry.source, line, field_name, f"không có cơ quan mã {code!r}", hint)


def _number_key(plan: Entry) -> tuple | None:
    """What two plans may not share: their number, issuer and year (a draft without a number cannot clash)."""
    number = plan.get("number", "")
    if not number or not number[:1].isdigit() or "issued" not in plan.values:
        return None
    return fold(number), plan.get("issuer"), plan["issued"].year


def _check_duplicate_numbers(checker: _FileChecker, plans: list[Entry]) -> None:
    seen: dict[tuple, Entry] = {}
    for plan in plans:
        key = _number_key(plan)
        if key is None:
            continue
        number = plan["number"]
        if key in seen:
            checker.problem(plan.source, 0, "number",
                            f"số {number} năm {plan['issued'].year} đã dùng cho {seen[key].source}",
                            "kiểm tra số ký hiệu trên văn bản gốc; mỗi văn bản một tệp")
        else:
            seen[key] = plan


def _index(site: Site) -> None:
    site.derived = {}
    complete = [p for p in site.plans if "issued" in p.values]
    site.plans = sorted(complete, key=lambda p: (p["issued"].sort_key, p.src_uri), reverse=True)
    site.news.sort(key=lambda n: (n["date"].timestamp() if "date" in n.values else 0, n.src_uri), reverse=True)
    by_issuer: dict[str, list[Entry]] = defaultdict(list)
    for plan in site.plans:
        by_issuer[plan.get("issuer")].append(plan)
    site.plans_by_issuer = dict(by_issuer)
    progress.index(site, site.entries.get(REPORT.name, []))
    tasks: dict[str, list[progress.TaskItem]] = defaultdict(list)
    cooperating: dict[str, list[progress.TaskItem]] = defaultdict(list)
    for task in site.tasks.values():  # plans newest first, each plan's tasks in order
        for code in task.departments:
            tasks[code].append(task)
        for code in dict.fromkeys(task.values.get("cooperate", [])):
            cooperating[code].append(task)
    site.tasks_cooperating = dict(cooperating)
    site.procedures.sort(key=lambda p: (p.get("department", ""), vietnamese_order(p.get("field", "")),
                                         vietnamese_order(p.get("name", "")), p.src_uri))
    by_department: dict[str, list[Entry]] = defaultdict(list)
    for procedure in site.procedures:
        by_department[procedure["department"]].append(procedure)
    site.procedures_by_department = dict(by_department)
    site.procedure_by_code = {p["code"]: p for p in site.procedures}
    site.plan_by_number = {fold(p["number"]): p for p in site.plans if p.get("number", "")[:1].isdigit()}
    site.tasks_by_department = dict(tasks)
    site.tags = {tag for n in site.news for tag in n.get("tags", [])}
    for kind_name, items in site.entries.items():  # newest first, by the date readers see
        date_field = next((k.date_field for k in KINDS if k.name == kind_name), "")
        if date_field:
            items.sort(key=lambda e: (_sort_date(e.get(date_field)), e.src_uri), reverse=True)
    news_of: dict[str, list[Entry]] = defaultdict(list)
    for item in site.news:
        news_of[item.get("department")].append(item)
    site.news_by_department = dict(news_of)
    units: dict[str, list[Entry]] = defaultdict(list)
    for department in sorted(site.departments.values(), key=lambda d: vietnamese_order(d.get("name", ""))):
        if department.get("parent") in site.departments:
            units[department["parent"]].append(department)
    site.units = dict(units)
    # Computed once: a list scan per news page would make the build quadratic.
    padded = [None, *site.news, None]
    site.neighbours = {n.src_uri: (padded[i], padded[i + 2]) for i, n in enumerate(site.news)}


def _sort_date(value) -> tuple:
    if value is None:
        return (0,)
    return value.sort_key if hasattr(value, "sort_key") else (value.year, value.month, value.day, value.hour, value.minute)


def relative_path(target: str, start: str) -> str:
    """`posixpath.relpath` for two paths inside the site, without asking the system for the current folder: a build
    makes hundreds of thousands of links (its generated listings alone link every item from several pages)."""
    to, here = target.split("/"), start.split("/")
    if ".." in to or ".." in here:
        return posixpath.relpath("/" + target, "/" + start)
    to = [part for part in to if part and part != "."]
    here = [part for part in here if part and part != "."]
    common = 0
    for a, b in zip(to, here):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(here) - common) + to[common:]) or "."


def url_of(src_uri: str) -> str:
    """The site-relative URL MkDocs gives a page (directory URLs)."""
    stem = src_uri[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def split_published(site: Site, now) -> list[Entry]:
    """Keep in the site only what readers may see at `now`; return the drafts (of any kind) and the news
    scheduled later, and index the rest again (lists, departments' plans, tasks and procedures, citations)."""
    site.today, site.now = now.date(), now
    hidden = [e for items in site.entries.values() for e in items if unpublished(e, now)]
    if hidden:
        site.news = [n for n in site.news if not unpublished(n, now)]
        site.plans = [p for p in site.plans if not unpublished(p, now)]
        site.procedures = [p for p in site.procedures if not unpublished(p, now)]
        site.entries = {name: [e for e in items if not unpublished(e, now)] for name, items in site.entries.items()}
        _index(site)
        related.index(site)
    return hidden


def unpublished(entry: Entry, now) -> bool:
    """A draft, or news scheduled after `now`: shown only by the preview."""
    return bool(entry.get("draft")) or (entry.kind is NEWS and entry["date"] > now)


def content_date(entry: Entry) -> str:
    """The ISO date a page's content carries (a plan's issue date, a news item's date), or ""."""
    value = entry.get(entry.kind.date_field) if entry.kind.date_field else None
    if value is None:
        return ""
    return value.first_day().isoformat() if hasattr(value, "first_day") else value.date().isoformat()
