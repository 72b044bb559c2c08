"""Importing national-portal procedure records into procedure files (`docs/thu-tuc/<mã>.md`).

Run as `python scripts/import_procedures.py`. Re-running on the same records rewrites nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .. import frontmatter, vocab
from ..text import fold, slugify
from .national_portal import Imported, lost_words, record_values, split_list


class MappingError(ValueError):
    pass


@dataclass
class Owners:
    """Which department of the portal owns a procedure: by executing agency, else by publishing ministry."""

    agencies: dict[str, str]
    publishers: dict[str, str]

    @classmethod
    def load(cls, path: Path, departments_dir: Path) -> "Owners":
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as error:
            raise MappingError(f"{path}: không đọc được tệp ánh xạ: {error}") from None
        agencies = {fold(k): str(v) for k, v in (data.get("agencies") or {}).items()}
        publishers = {str(k).upper(): str(v) for k, v in (data.get("publishers") or {}).items()}
        unknown = sorted({c for c in [*agencies.values(), *publishers.values()]
                          if not (departments_dir / f"{slugify(c)}.md").is_file()})
        if unknown:
            raise MappingError(f"{path}: không có cơ quan mã {', '.join(unknown)} trong {departments_dir}: "
                               "thêm tệp cơ quan hoặc sửa mã trong tệp ánh xạ")
        return cls(agencies, publishers)

    def owner(self, record: dict) -> str | None:
        for agency in split_list(record.get("co_quan_thuc_hien") or ""):
            if fold(agency) in self.agencies:
                return self.agencies[fold(agency)]
        publisher = (record.get("so_quyet_dinh") or "").strip().rsplit("-", 1)[-1].upper()
        return self.publishers.get(publisher)


@dataclass
class Outcome:
    written: dict[str, list[str]] = field(default_factory=lambda: {"mới": [], "cập nhật": [], "không đổi": []})
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (source, why)
    notes: dict[str, list[str]] = field(default_factory=dict)  # code -> what could not be structured


def records(sources: list[Path]) -> list[Path]:
    files: list[Path] = []
    for source in sources:
        files += sorted(source.rglob("*.json")) if source.is_dir() else [source]
    return files


def import_records(files: list[Path], owners: Owners, out_dir: Path, level: str | None = None,
                   progress=None) -> Outcome:
    outcome = Outcome()
    out_dir.mkdir(parents=True, exist_ok=True)
    for index, path in enumerate(files, start=1):
        if progress:
            progress(index, len(files))
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            outcome.skipped.append((str(path), f"không đọc được JSON: {error}"))
            continue
        if not isinstance(record, dict) or not str(record.get("ma_thu_tuc") or "").strip():
            outcome.skipped.append((str(path), "không có mã thủ tục (ma_thu_tuc)"))
            continue
        if level and level not in [fold(x) for x in split_list(record.get("cap_thuc_hien") or "")]:
            continue
        owner = owners.owner(record)
        if owner is None:
            outcome.skipped.append((str(path), f"không xác định được cơ quan chủ trì cho “{record.get('co_quan_thuc_hien')}” "
                                               f"(quyết định {record.get('so_quyet_dinh')}): thêm vào tệp ánh xạ"))
            continue
        imported = record_values(record, owner)
        lost = lost_words(record, imported.values)
        notes = imported.unstructured + [f"CHƯA GIỮ ĐƯỢC: {word}" for word in lost]
        if notes:
            outcome.notes[imported.code] = notes
        status = _write(out_dir / f"{slugify(imported.code)}.md", imported)
        outcome.written[status].append(imported.code)
    return outcome


def _write(target: Path, imported: Imported) -> str:
    """Write the record's fields; an existing file keeps its body (the department's own notes)."""
    if not target.is_file():
        target.write_text(frontmatter.dump(imported.values), encoding="utf-8")
        return "mới"
    before = target.read_text(encoding="utf-8")
    try:
        body = frontmatter.split(before)[2]
    except frontmatter.FrontMatterError:
        body = ""
    text = frontmatter.dump(imported.values, body)
    if text == before:
        return "không đổi"
    target.write_text(text, encoding="utf-8")
    return "cập nhật"


def report(outcome: Outcome) -> str:
    lines = []
    if outcome.notes:
        lines.append("Phần chưa tách được thành bảng (đã giữ nguyên văn trong tệp):")
        for code, notes in sorted(outcome.notes.items()):
            lines += [f"  {code}:"] + [f"    - {note}" for note in notes]
    if outcome.skipped:
        lines.append("Bản ghi không nhập:")
        lines += [f"  {source}: {why}" for source, why in outcome.skipped]
    counts = ", ".join(f"{len(codes)} {status}" for status, codes in outcome.written.items())
    total = sum(len(codes) for codes in outcome.written.values())
    lines.append(f"Đã nhập {total} thủ tục ({counts}); {len(outcome.notes)} thủ tục có phần giữ nguyên văn; "
                 f"{len(outcome.skipped)} bản ghi không nhập.")
    return "\n".join(lines)


def _progress(index: int, total: int) -> None:
    if total >= 50 and (index % 50 == 0 or index == total):
        print(f"  … {index}/{total} bản ghi", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Nhập thủ tục hành chính từ bản ghi JSON của Cổng Dịch vụ công quốc gia thành tệp docs/thu-tuc/<mã>.md")
    parser.add_argument("sources", nargs="+", type=Path, help="tệp .json hoặc thư mục chứa chúng")
    parser.add_argument("--map", type=Path, default=Path("scripts/thu-tuc-co-quan.yml"),
                        help="tệp ánh xạ cơ quan -> mã cơ quan (mặc định: %(default)s)")
    parser.add_argument("--level", help=f"chỉ nhập thủ tục có cấp này: {', '.join(vocab.PROCEDURE_LEVELS.values())}")
    parser.add_argument("--out", type=Path, default=Path("docs/thu-tuc"), help="thư mục ghi tệp (mặc định: %(default)s)")
    parser.add_argument("--departments", type=Path, default=Path("docs/co-quan"), help="thư mục cơ quan (mặc định: %(default)s)")
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
    outcome = import_records(records(args.sources), owners, args.out, level, _progress)
    print(report(outcome))
    return 1 if outcome.skipped else 0
