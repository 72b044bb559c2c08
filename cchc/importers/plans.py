"""The command that imports official documents (.txt, .docx, .pdf) into plan files: `scripts/import_plans.py`."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from .. import frontmatter
from ..kinds import PLAN
from ..schema import Context
from .official_documents import Imported, Registry, file_name, import_document, read

# Fields an editor adds that no document carries: a re-import keeps them.
EDITORIAL = ("summary", "areas", "slug", "attachments", "effective", "expires", "replaces", "amends")


def sources(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.suffix.lower() in (".txt", ".docx", ".pdf"))
        else:
            files.append(path)
    return files


def _keep_editorial(imported: Imported, target: Path) -> list[str]:
    try:
        old = frontmatter.parse(target.read_text(encoding="utf-8")).data
    except (OSError, UnicodeDecodeError, frontmatter.FrontMatterError):
        return []
    kept = [key for key in EDITORIAL if old.get(key)]
    for key in kept:
        imported.values[key] = old[key]
    if "areas" in kept:
        imported.warnings = [w for w in imported.warnings if not w.startswith("lĩnh vực CCHC")]
    return kept


def report(path: Path, imported: Imported, target: Path, status: str) -> str:
    lines = [f"{path} → {target} ({status})"]
    lines += [f"  + {line}" for line in imported.found]
    lines += [f"  ! {line}" for line in imported.warnings]
    coverage = f"  độ phủ: {imported.coverage:.1%} ({imported.total_words - len(imported.missing)}/{imported.total_words} từ)"
    if imported.missing:
        coverage += f"; thiếu: {' '.join(imported.missing[:30])}"
    return "\n".join(lines + [coverage])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Nhập văn bản (.txt, .docx, .pdf) thành tệp văn bản trong plans/")
    parser.add_argument("sources", nargs="+", type=Path, help="tệp .txt, .docx, .pdf hoặc thư mục chứa chúng")
    parser.add_argument("--plans", type=Path, default=Path("plans"), help="thư mục ghi (mặc định: %(default)s)")
    parser.add_argument("--out", type=Path, help="tên tệp ghi ra, khi nhập một văn bản")
    parser.add_argument("--force", action="store_true",
                        help="ghi đè tệp đã có (giữ các trường biên tập: " + ", ".join(EDITORIAL) + ")")
    parser.add_argument("--departments", type=Path, default=Path("docs/co-quan"),
                        help="thư mục cơ quan (mặc định: %(default)s)")
    args = parser.parse_args(argv)
    files = sources(args.sources)
    if args.out and len(files) != 1:
        parser.error("--out chỉ dùng khi nhập một văn bản")
    if args.out and (args.out.is_dir() or args.out.suffix != ".md"):
        parser.error(f"--out {args.out}: cần tên tệp .md, ví dụ plans/489-qd-ubnd.md; để ghi vào một thư mục, dùng --plans")
    if args.plans.exists() and not args.plans.is_dir():
        parser.error(f"--plans {args.plans}: là một tệp, cần thư mục (mặc định: plans)")
    missing = [str(p) for p in files if not p.is_file()]
    if missing or not files:
        print(f"lỗi: không có tệp {', '.join(missing) or '.txt, .docx, .pdf nào'}", file=sys.stderr)
        return 2
    registry = Registry.load(args.departments)
    summary = Summary()
    for index, path in enumerate(files, start=1):
        if len(files) > 1:
            print(f"[{index}/{len(files)}] {path.name}", file=sys.stderr, flush=True)
        try:
            imported = import_document(read(path), registry)
        except (ValueError, OSError) as error:
            print(f"{path}: lỗi: {error}")
            summary.refused.append((path, str(error)))
            continue
        target = args.out or args.plans / file_name(imported.values, path.stem)
        if target.exists() and not args.force:
            print(report(path, imported, target, "đã có tệp, không ghi; thêm --force để ghi đè"))
            summary.kept.append(target)
            continue
        status = "mới"
        if target.exists():
            kept = _keep_editorial(imported, target)
            status = "ghi đè" + (f", giữ {', '.join(kept)}" if kept else "")
        ctx = Context()
        PLAN.schema.coerce(frontmatter.parse(imported.text()).data, ctx, ())
        # The schema's example code is another body's: for a missing issuer, the proposal above says what to write.
        errors = [e for e in ctx.errors if not (imported.issuer_proposal and "`issuer`" in e.message)]
        imported.warnings += [f"{'trường ' + '.'.join(map(str, e.path)) + ': ' if e.path else ''}{e.message} ({e.hint})"
                              for e in errors]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(imported.text(), encoding="utf-8")
        print(report(path, imported, target, status))
        summary.written.append((target, imported.coverage, _fields(ctx.errors)))
    if len(files) > 1:
        print(summary.text())
    return 1 if summary.refused or summary.kept or any(c < 1 or fill for _t, c, fill in summary.written) else 0


def _fields(errors) -> list[str]:
    """The fields the check will still refuse: named by their path, or in the message of a missing one."""
    named = [str(e.path[0]) if e.path else (re.findall(r"`(\w+)`", e.message) or ["?"])[0] for e in errors]
    return list(dict.fromkeys(named))


class Summary:
    """What a run did with each file, told at its end: a folder of documents gives pages of reports."""

    def __init__(self):
        self.written: list[tuple[Path, float, list[str]]] = []  # file, coverage, fields still to fill
        self.kept: list[Path] = []  # there already, not overwritten
        self.refused: list[tuple[Path, str]] = []  # not read: a scan, a damaged file

    def text(self) -> str:
        total = len(self.written) + len(self.kept) + len(self.refused)
        lines = [f"Tổng kết: {total} tệp; đã ghi {len(self.written)}, không ghi {len(self.kept) + len(self.refused)}"]
        lines += [f"  không đọc được: {path.name}: {why.split(':')[0]}" for path, why in self.refused]
        lines += [f"  đã có tệp, không ghi: {target}" for target in self.kept]
        lines += [f"  còn phải điền: {target} ({', '.join(fields)})" for target, _c, fields in self.written if fields]
        if self.written:
            whole = sum(coverage == 1 for _t, coverage, _f in self.written)
            lowest = min(self.written, key=lambda w: w[1])
            lines.append(f"  độ phủ: đủ 100% ở {whole}/{len(self.written)} văn bản đã ghi"
                         + (f"; thấp nhất {lowest[1]:.1%} ({lowest[0]})" if whole < len(self.written) else ""))
        return "\n".join(lines)
