"""Importing national-portal procedure records into procedure files (`docs/thu-tuc/<mã>.md`).

Run as `python scripts/import_procedures.py`. Re-running on the same records rewrites nothing, and never
loses an editor's work: a field the editor changed since the last import (known from a fingerprint of what
that import wrote, kept in `IMPORTED` beside the files) stays as the editor left it unless `--force`; the
body and the editor's own fields always stay; a file that cannot be read is never overwritten.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .. import frontmatter, national_agencies, vocab
from ..registry import Registry
from ..text import fold, slugify
from ..vocab import AGENCY_ROLES
from .national_portal import (Imported, clean, crawl_error, given, lost_words, page_sections, record_values,
                              split_list)


class MappingError(ValueError):
    pass


@dataclass
class Assignment:
    """The department a record goes to, or why it goes nowhere."""

    code: str | None
    warning: str = ""
    missing_role: str = ""  # a role no department of the portal plays
    unknown: str = ""  # the agencies nobody knows, for the mapping file


@dataclass
class Owners:
    """Which department of the portal owns a procedure.

    In order: the portal's own mapping file (an agency name, or a ministry symbol -> a department
    code), the role of a provincial executing agency (`national_agencies`), the role of the publishing
    ministry where the People's Committee decides, a ministry named as executing agency, the publishing
    ministry, then the People's Committee itself. Where the agency and the ministry disagree, the agency
    wins and the report says so.
    """

    agencies: dict[str, str]
    publishers: dict[str, str]
    roles: dict[str, str]

    @classmethod
    def load(cls, path: Path, departments_dir: Path) -> "Owners":
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as error:
            raise MappingError(f"{path}: không đọc được tệp ánh xạ: {error}") from None
        agencies = {fold(k): str(v) for k, v in (data.get("agencies") or {}).items()}
        publishers = {national_agencies.symbol(str(k)) or str(k).upper(): str(v)
                      for k, v in (data.get("publishers") or {}).items()}
        registry = Registry.load(departments_dir)
        unknown = sorted({c for c in [*agencies.values(), *publishers.values()] if registry.find(c) is None})
        if unknown:
            raise MappingError(f"{path}: không có cơ quan mã {', '.join(unknown)} trong {departments_dir}: "
                               "thêm tệp cơ quan hoặc sửa mã trong tệp ánh xạ")
        return cls(agencies, publishers, registry.by_role())

    def owner(self, record: dict) -> Assignment:
        names = split_list(clean(record.get("co_quan_thuc_hien") or ""))
        for name in names:
            if fold(name) in self.agencies:
                return Assignment(self.agencies[fold(name)])
        agencies = [national_agencies.agency(name) for name in names if given(name)]
        symbol = national_agencies.ministry(record.get("so_quyet_dinh") or "")
        ministry_role = national_agencies.MINISTRIES[symbol][1] if symbol else None
        provincial = [a for a in agencies if a.role and not (a.generic or a.central)]
        central = [a for a in agencies if a.central]
        generic = any(a.generic for a in agencies)
        if symbol in self.publishers and not provincial:
            return Assignment(self.publishers[symbol])
        warning = ""
        # A provincial agency first; beside the People's Committee, the ministry names the advising
        # department; a ministry named alone says what its provincial side is.
        named = provincial or ([] if generic and ministry_role else central)
        if named:
            chosen = next((a for a in named if a.role == ministry_role), named[0])
            role = chosen.role
            if ministry_role and role != ministry_role:
                warning = (f"cơ quan thực hiện “{chosen.name}” ({AGENCY_ROLES[role]}) khác bộ công bố {symbol} "
                           f"({AGENCY_ROLES[ministry_role]}): giao theo cơ quan thực hiện")
        elif ministry_role:
            role = ministry_role
        elif generic:
            role = national_agencies.GENERIC_ROLE
        else:
            unknown = ", ".join(a.name for a in agencies if not a.role) or "(không ghi cơ quan thực hiện)"
            return Assignment(None, unknown=unknown)
        if role not in self.roles:
            return Assignment(None, missing_role=role)
        return Assignment(self.roles[role], warning)


IMPORTED = ".nhap-tu-cong-quoc-gia.json"  # code -> field -> fingerprint of the value the last import wrote


def _fingerprint(value) -> str:
    return hashlib.sha256(json.dumps(value, ensure_ascii=False, sort_keys=True, default=str).encode()).hexdigest()[:12]


def record_shape(record) -> str:
    """Why a record cannot be read as the national portal writes them (every field a text), or ""."""
    if not isinstance(record, dict):
        return f"bản ghi phải là một đối tượng JSON, nhận được {type(record).__name__}"
    wrong = [f"{key} ({type(value).__name__})" for key, value in record.items()
             if value is not None and not isinstance(value, str)]
    return f"trường không phải chữ: {', '.join(wrong)}; bản ghi của Cổng quốc gia ghi mọi trường dạng chữ" if wrong else ""


@dataclass
class Outcome:
    written: dict[str, list[str]] = field(default_factory=lambda: {"mới": [], "cập nhật": [], "không đổi": []})
    kept: dict[str, list[str]] = field(default_factory=dict)  # code -> fields the editor changed, left as they are
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (source, why)
    unknown: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # agencies -> codes
    missing_roles: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # role -> codes
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (code, what)
    notes: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # code -> (class, detail)
    lost: dict[str, list[str]] = field(default_factory=dict)  # code -> words not kept

    @property
    def refused(self) -> int:
        return len(self.skipped) + sum(map(len, self.unknown.values())) + sum(map(len, self.missing_roles.values()))


def records(sources: list[Path]) -> list[Path]:
    files: list[Path] = []
    for source in sources:
        files += sorted(source.rglob("*.json")) if source.is_dir() else [source]
    return files


def import_records(files: list[Path], owners: Owners, out_dir: Path, level: str | None = None,
                   progress=None, force: bool = False) -> Outcome:
    outcome = Outcome()
    out_dir.mkdir(parents=True, exist_ok=True)
    imported_file = out_dir / IMPORTED
    try:
        fingerprints = json.loads(imported_file.read_text(encoding="utf-8")) if imported_file.is_file() else {}
    except (OSError, ValueError):
        fingerprints = {}  # without them every difference counts as the editor's: nothing is lost
    contents: dict[tuple, list[str]] = defaultdict(list)
    for index, path in enumerate(files, start=1):
        if progress:
            progress(index, len(files))
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            outcome.skipped.append((str(path), f"không đọc được JSON: {error}"))
            continue
        shape = record_shape(record)
        if shape:
            outcome.skipped.append((str(path), shape))
            continue
        record = {key: value or "" for key, value in record.items()}  # null is an empty field
        if not record.get("ma_thu_tuc", "").strip():
            outcome.skipped.append((str(path), "không có mã thủ tục (ma_thu_tuc)"))
            continue
        if level and level not in [fold(x) for x in split_list(record.get("cap_thuc_hien") or "")]:
            continue
        code = clean(record["ma_thu_tuc"])
        sections = page_sections(record)
        crawl = crawl_error(record, sections)
        if crawl:
            outcome.skipped.append((str(path), f"nghi lỗi thu thập: {crawl}; không nhập"))
            continue
        assignment = owners.owner(record)
        if assignment.unknown:
            outcome.unknown[assignment.unknown].append(code)
            continue
        if assignment.missing_role:
            outcome.missing_roles[assignment.missing_role].append(code)
            continue
        if assignment.warning:
            outcome.warnings.append((code, assignment.warning))
        imported = record_values(record, assignment.code, sections)
        lost = lost_words(imported.source, imported.values)
        if lost:
            outcome.lost[imported.code] = lost
        if imported.notes:
            outcome.notes[imported.code] = imported.notes
        values = imported.values
        contents[("tên", fold(values["name"]))].append(imported.code)
        if values.get("steps") or values.get("documents"):
            contents[("nội dung", fold(values.get("steps", "")), fold(str(values.get("documents", ""))))].append(imported.code)
        try:
            status, kept = _write(out_dir / f"{slugify(imported.code)}.md", imported, fingerprints.get(imported.code), force)
        except Unreadable as error:
            outcome.skipped.append((str(path), str(error)))
            continue
        outcome.written[status].append(imported.code)
        if kept:
            outcome.kept[imported.code] = kept
        fingerprints[imported.code] = {key: _fingerprint(value) for key, value in imported.values.items()}
    # A crawl that saved one procedure's page under another's code: the same name, or the same steps and
    # documents, under two codes.
    for (what, *_), codes in contents.items():
        if len(codes) > 1:
            outcome.warnings += [(code, f"nghi lỗi thu thập: cùng {what} với {', '.join(c for c in codes if c != code)}")
                                 for code in codes]
    imported_file.write_text(json.dumps(fingerprints, ensure_ascii=False, sort_keys=True, indent=0) + "\n", encoding="utf-8")
    return outcome


class Unreadable(ValueError):
    pass


def merge(imported: dict, existing: dict, base: dict | None, force: bool) -> tuple[dict, list[str]]:
    """The fields to write, and those kept as the editor changed them.

    `base` fingerprints what the last import wrote: a field whose value still matches it was not edited
    and takes the new value. Without a base, a field that differs from the import counts as edited."""
    merged, kept = {}, []
    for key in dict.fromkeys([*existing, *imported]):  # the file's order: a re-import moves nothing
        if key not in imported:  # the editor's own field, or one the national portal no longer gives
            if key in existing and (base is None or key not in base):
                merged[key] = existing[key]
            continue
        if base is not None and key in base:
            edited = key not in existing or _fingerprint(existing[key]) != base[key]
        else:
            edited = key in existing and existing[key] != imported[key]
        if edited and not force:
            if key in existing:
                merged[key] = existing[key]
            if existing.get(key) != imported[key]:
                kept.append(key)
        else:
            merged[key] = imported[key]
    return merged, kept


def _write(target: Path, imported: Imported, base: dict | None, force: bool) -> tuple[str, list[str]]:
    """Write the record's fields into `target`, keeping the editor's work (see `merge`) and the body."""
    if not target.is_file():
        target.write_text(frontmatter.dump(imported.values), encoding="utf-8")
        return "mới", []
    try:
        before = target.read_bytes().decode("utf-8")
        document = frontmatter.parse(before)
    except (UnicodeDecodeError, frontmatter.FrontMatterError) as error:
        raise Unreadable(f"tệp có sẵn {target} không đọc được ({error}); không ghi đè: sửa tệp, "
                         "hoặc xóa đi rồi nhập lại") from None
    values, kept = merge(imported.values, document.data, base, force)
    text = frontmatter.dump(values, document.body)
    if text == before:
        return "không đổi", kept
    target.write_text(text, encoding="utf-8")
    return "cập nhật", kept


def _examples(codes: list[str], n: int = 3) -> str:
    return ", ".join(codes[:n]) + (", …" if len(codes) > n else "")


def report(outcome: Outcome, mapping: Path, departments: Path, detailed: bool = False) -> str:
    """The import's report: refused records grouped by cause, warnings, what was kept verbatim by class.

    `detailed` (the file written beside the output) lists every record; the terminal gets the groups."""
    total = sum(len(codes) for codes in outcome.written.values())
    counts = ", ".join(f"{len(codes)} {status}" for status, codes in outcome.written.items())
    lines = [f"Đã nhập {total} thủ tục ({counts}); {outcome.refused} bản ghi không nhập; "
             f"{len(outcome.notes)} thủ tục có phần giữ nguyên văn hoặc cần xem lại; {len(outcome.warnings)} cảnh báo."]
    if outcome.unknown:
        lines += ["", f"Không nhập, chưa biết cơ quan chủ trì ({sum(map(len, outcome.unknown.values()))} bản ghi):"]
        groups = sorted(outcome.unknown.items(), key=lambda item: (-len(item[1]), item[0]))
        lines += [f"  “{agency}”: {len(codes)} bản ghi, ví dụ {_examples(codes)}" for agency, codes in groups]
        lines += [f"  Dán vào {mapping} (thay MÃ-CƠ-QUAN bằng mã cơ quan trên cổng) rồi chạy lại:", "  agencies:"]
        lines += [f"    {json.dumps(agency, ensure_ascii=False)}: MÃ-CƠ-QUAN  # {len(codes)} bản ghi" for agency, codes in groups]
    if outcome.missing_roles:
        lines += ["", "Không nhập, chưa có cơ quan nào trên cổng nhận vai trò:"]
        lines += [f"  {role} ({AGENCY_ROLES[role]}): {len(codes)} bản ghi, ví dụ {_examples(codes)} "
                  f"→ thêm `roles: [{role}]` vào tệp cơ quan đó trong {departments}/"
                  for role, codes in sorted(outcome.missing_roles.items())]
    if outcome.skipped:
        lines += ["", "Không nhập, bản ghi lỗi:"] + [f"  {source}: {why}" for source, why in outcome.skipped]
    if outcome.kept:
        lines += ["", f"Giữ phần biên tập viên đã sửa ({len(outcome.kept)} thủ tục; --force để lấy bản của Cổng quốc gia):"]
        lines += [f"  {code}: {', '.join(fields)}" for code, fields in sorted(outcome.kept.items())]
    if outcome.lost:
        lines += ["", "CHỮ CHƯA GIỮ ĐƯỢC (báo lỗi cho người phát triển):"]
        lines += [f"  {code}: {', '.join(words[:10])}" for code, words in sorted(outcome.lost.items())]
    if outcome.warnings:
        lines += ["", "Cảnh báo:"]
        kinds = Counter(what.split(":")[0] for _code, what in outcome.warnings)
        if detailed:
            lines += [f"  {code}: {what}" for code, what in sorted(outcome.warnings)]
        else:
            lines += [f"  {kind}: {n} thủ tục" for kind, n in kinds.most_common()]
    by_class: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for code, notes in sorted(outcome.notes.items()):
        for kind, detail in notes:
            by_class[kind].append((code, detail))
    if by_class:
        lines += ["", "Giữ nguyên văn hoặc chưa đủ dạng (đã ghi vào tệp, không hiện như giá trị đúng), theo loại:"]
        for kind, items in sorted(by_class.items(), key=lambda item: -len(item[1])):
            items = list(dict.fromkeys(items))  # a value repeated in a record's rows is listed once
            codes = list(dict.fromkeys(code for code, _ in items))
            lines.append(f"  {kind}: {len(codes)} thủ tục, ví dụ {_examples(codes, 5)}")
            lines += [f"    {code}: {detail}" for code, detail in (items if detailed else items[:2])]
    return "\n".join(lines)


def _progress(index: int, total: int) -> None:
    if total >= 50 and (index % 50 == 0 or index == total):
        print(f"  … {index}/{total} bản ghi", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Nhập thủ tục hành chính từ bản ghi JSON của Cổng Dịch vụ công quốc gia thành tệp docs/thu-tuc/<mã>.md")
    parser.add_argument("sources", nargs="+", type=Path, help="tệp .json hoặc thư mục chứa chúng")
    parser.add_argument("--map", type=Path, default=Path("scripts/thu-tuc-co-quan.yml"),
                        help="tệp ánh xạ riêng của cổng, cơ quan -> mã cơ quan, khi bảng quốc gia chưa đủ (mặc định: %(default)s)")
    parser.add_argument("--report", type=Path, default=Path("bao-cao-nhap-thu-tuc.txt"),
                        help="tệp ghi báo cáo đầy đủ, từng bản ghi (mặc định: %(default)s)")
    parser.add_argument("--level", help=f"chỉ nhập thủ tục có cấp này: {', '.join(vocab.PROCEDURE_LEVELS.values())}")
    parser.add_argument("--out", type=Path, default=Path("docs/thu-tuc"), help="thư mục ghi tệp (mặc định: %(default)s)")
    parser.add_argument("--departments", type=Path, default=Path("docs/co-quan"), help="thư mục cơ quan (mặc định: %(default)s)")
    parser.add_argument("--force", action="store_true",
                        help="lấy bản của Cổng quốc gia cả ở trường biên tập viên đã sửa (phần thân và trường riêng vẫn giữ)")
    args = parser.parse_args(argv)
    level = None
    if args.level:
        level = fold(vocab.PROCEDURE_LEVELS.get(args.level, args.level))
        if level not in map(fold, vocab.PROCEDURE_LEVELS.values()):
            parser.error(f"cấp {args.level!r} không có; chọn một trong: {', '.join(vocab.PROCEDURE_LEVELS)}")
    try:
        owners = Owners.load(args.map, args.departments)
    except MappingError as error:
        print(f"lỗi: {error}", file=sys.stderr)
        return 2
    missing = [str(s) for s in args.sources if not s.exists()]
    if missing:
        print(f"lỗi: không có {', '.join(missing)}", file=sys.stderr)
        return 2
    outcome = import_records(records(args.sources), owners, args.out, level, _progress, args.force)
    print(report(outcome, args.map, args.departments))
    args.report.write_text(report(outcome, args.map, args.departments, detailed=True) + "\n", encoding="utf-8")
    print(f"Báo cáo đầy đủ: {args.report}")
    return 1 if outcome.refused or outcome.lost else 0
