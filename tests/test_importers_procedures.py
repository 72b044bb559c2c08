"""The import command: mapping agencies to departments, idempotent writes, the report."""

import shutil
from pathlib import Path

from cchc import frontmatter
from cchc.importers.procedures import main

FIXTURES = Path(__file__).parent / "fixtures"
MAPPING = """
agencies:
  Sở Xây dựng: SXD-KH
publishers:
  BTP: STP-KH
  BXD: SXD-KH
"""


def departments(root: Path) -> Path:
    folder = root / "co-quan"
    folder.mkdir(parents=True)
    for code in ("stp-kh", "sxd-kh"):
        (folder / f"{code}.md").write_text("---\ncode: X\n---\n", encoding="utf-8")
    return folder


def run(tmp_path: Path, capsys, *extra: str, mapping: str = MAPPING) -> tuple[int, str, str]:
    (tmp_path / "map.yml").write_text(mapping, encoding="utf-8")
    folder = tmp_path / "co-quan" if (tmp_path / "co-quan").exists() else departments(tmp_path)
    code = main([str(FIXTURES / "tthc"), "--map", str(tmp_path / "map.yml"), "--out", str(tmp_path / "thu-tuc"),
                 "--departments", str(folder), *extra])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_imports_provincial_records_with_their_owner(tmp_path, capsys):
    code, out, _ = run(tmp_path, capsys, "--level", "cap-tinh")
    written = sorted(p.name for p in (tmp_path / "thu-tuc").glob("*.md"))
    assert "1-000080.md" not in written  # Cấp xã only
    assert "1-000688.md" in written and "6-003638.md" in written
    owner = lambda name: frontmatter.parse((tmp_path / "thu-tuc" / name).read_text(encoding="utf-8")).data["department"]  # noqa: E731
    assert owner("1-004993.md") == "SXD-KH"  # by its executing agency
    assert owner("1-000688.md") == "STP-KH"  # by the ministry that published it (…/QĐ-BTP)
    assert "Đã nhập 6 thủ tục (6 mới, 0 cập nhật, 0 không đổi)" in out
    # What could not be split into columns is named, per record.
    assert "1.013466:\n    - Căn cứ pháp lý: giữ nguyên văn" in out
    # 1.013261 was published by the former Ministry of Transport, absent from this mapping.
    assert "1.013261.json: không xác định được cơ quan chủ trì" in out and code == 1


def test_running_again_changes_nothing_and_keeps_the_departments_notes(tmp_path, capsys):
    run(tmp_path, capsys)
    before = {p.name: p.read_bytes() for p in (tmp_path / "thu-tuc").glob("*.md")}
    _, out, _ = run(tmp_path, capsys)
    assert "(0 mới, 0 cập nhật, 7 không đổi)" in out
    target = tmp_path / "thu-tuc" / "1-000688.md"
    notes = "Sở Tư pháp nhận hồ sơ cả sáng thứ Bảy."
    target.write_text(target.read_text(encoding="utf-8").replace("Luật sư", "Luat su") + f"\n{notes}\n", encoding="utf-8")
    _, out, _ = run(tmp_path, capsys)
    assert "(0 mới, 1 cập nhật, 6 không đổi)" in out
    document = frontmatter.parse(target.read_text(encoding="utf-8"))
    assert document.data["field"] == "Luật sư" and document.body.strip() == notes
    before.pop("1-000688.md")
    assert {p.name: p.read_bytes() for p in (tmp_path / "thu-tuc").glob("*.md") if p.name != "1-000688.md"} == before


def test_progress_is_shown_for_large_batches(tmp_path, capsys):
    many = tmp_path / "many"
    many.mkdir()
    source = (FIXTURES / "tthc" / "1.004993.json").read_text(encoding="utf-8")
    for n in range(60):
        (many / f"{n:03}.json").write_text(source.replace("1.004993", f"9.{n:06}"), encoding="utf-8")
    (tmp_path / "map.yml").write_text(MAPPING, encoding="utf-8")
    assert main([str(many), "--map", str(tmp_path / "map.yml"), "--out", str(tmp_path / "out"),
                 "--departments", str(departments(tmp_path))]) == 0
    assert "… 50/60 bản ghi" in capsys.readouterr().err


def test_a_mapping_to_an_unknown_department_stops_before_writing(tmp_path, capsys):
    code, _, err = run(tmp_path, capsys, mapping="publishers:\n  BTP: STP-XX\n")
    assert code == 2 and "không có cơ quan mã STP-XX" in err
    assert not (tmp_path / "thu-tuc").exists()


def test_a_broken_record_is_reported_and_the_others_imported(tmp_path, capsys):
    source = tmp_path / "records"
    shutil.copytree(FIXTURES / "tthc", source)
    (source / "9.999999.json").write_text("{ not json", encoding="utf-8")
    (tmp_path / "map.yml").write_text(MAPPING + "  BGTVT: SXD-KH\n", encoding="utf-8")
    code = main([str(source), "--map", str(tmp_path / "map.yml"), "--out", str(tmp_path / "out"),
                 "--departments", str(departments(tmp_path))])
    out = capsys.readouterr().out
    assert code == 1 and "9.999999.json: không đọc được JSON" in out
    assert len(list((tmp_path / "out").glob("*.md"))) == 8
