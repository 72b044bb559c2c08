"""The import command: owners from the national table and the departments' roles, idempotent writes, the report."""

import json
import shutil
from pathlib import Path

from cchc import frontmatter
from cchc.importers.procedures import main

FIXTURES = Path(__file__).parent / "fixtures"
ROLES = {"stp-kh": "so-tu-phap", "sxd-kh": "so-xay-dung", "ca-kh": "cong-an-tinh", "thads-kh": "thi-hanh-an-dan-su",
         "bchqs-kh": "quan-su-tinh"}


def departments(root: Path) -> Path:
    folder = root / "co-quan"
    folder.mkdir(parents=True)
    for code, role in ROLES.items():
        (folder / f"{code}.md").write_text(f"---\ncode: {code.upper()}\nname: {code}\nroles: [{role}]\n---\n", encoding="utf-8")
    return folder


def run(tmp_path: Path, capsys, *extra: str, mapping: str = "", source: Path = FIXTURES / "tthc") -> tuple[int, str, str]:
    (tmp_path / "map.yml").write_text(mapping, encoding="utf-8")
    folder = tmp_path / "co-quan" if (tmp_path / "co-quan").exists() else departments(tmp_path)
    code = main([str(source), "--map", str(tmp_path / "map.yml"), "--out", str(tmp_path / "thu-tuc"),
                 "--departments", str(folder), "--report", str(tmp_path / "report.txt"), *extra])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def owner(tmp_path: Path, name: str) -> str:
    return frontmatter.parse((tmp_path / "thu-tuc" / name).read_text(encoding="utf-8")).data["department"]


def test_imports_provincial_records_with_no_hand_written_mapping(tmp_path, capsys):
    code, out, _ = run(tmp_path, capsys, "--level", "cap-tinh")
    written = sorted(p.name for p in (tmp_path / "thu-tuc").glob("*.md"))
    assert "1-000080.md" not in written  # Cấp xã only
    assert owner(tmp_path, "1-004993.md") == "SXD-KH"  # executing agency `Sở Xây dựng`
    assert owner(tmp_path, "1-000688.md") == "STP-KH"  # People's Committee decides: the ministry's role (…/QĐ-BTP)
    assert owner(tmp_path, "1-003091.md") == "THADS-KH"  # `Thi hành án dân sự tỉnh` outranks …/QĐ-BTP
    assert "khác bộ công bố BTP (Sở Tư pháp): 1 thủ tục" in out  # the disagreement is a warning
    # Ministries named beside the People's Committee: the publishing ministry's role (…/QĐ-BGTVT).
    assert owner(tmp_path, "1-013261.md") == "SXD-KH"
    report = (tmp_path / "report.txt").read_text(encoding="utf-8")
    assert "1.003091: cơ quan thực hiện “Thi hành án dân sự tỉnh, thành phố”" in report  # every record in the file


def test_what_was_kept_as_written_is_reported_by_class_with_its_records(tmp_path, capsys):
    _, out, _ = run(tmp_path, capsys)
    assert "thời hạn không ghi đơn vị (Cách thức thực hiện): 2 thủ tục, ví dụ 1.000080, 1.002349" in out
    report = (tmp_path / "report.txt").read_text(encoding="utf-8")
    assert "    1.000080: 7\n" in report  # each record and value in the file


def test_a_role_no_department_plays_is_reported_once_with_the_fix(tmp_path, capsys):
    (departments(tmp_path) / "thads-kh.md").unlink()
    code, out, _ = run(tmp_path, capsys, "--level", "cap-tinh")
    assert code == 1 and not (tmp_path / "thu-tuc" / "1-003091.md").exists()
    assert ("thi-hanh-an-dan-su (Thi hành án dân sự tỉnh): 1 bản ghi, ví dụ 1.003091 → thêm `roles: [thi-hanh-an-dan-su]`"
            in out)


def test_the_agency_outranks_the_decision_number(tmp_path, capsys):
    source = tmp_path / "records"
    source.mkdir()
    record = json.loads((FIXTURES / "tthc" / "1.004993.json").read_text(encoding="utf-8"))
    record["co_quan_thuc_hien"] = "Phòng Cảnh sát giao thông Công an tỉnh"  # a construction decision number stays
    (source / "1.004993.json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    code, out, _ = run(tmp_path, capsys, source=source)
    assert code == 0 and owner(tmp_path, "1-004993.md") == "CA-KH"
    assert "khác bộ công bố BXD (Sở Xây dựng)" in out


def test_unknown_agencies_are_grouped_with_a_snippet_for_the_mapping_file(tmp_path, capsys):
    source = tmp_path / "records"
    source.mkdir()
    record = json.loads((FIXTURES / "tthc" / "1.004993.json").read_text(encoding="utf-8"))
    for n in range(3):
        record.update(ma_thu_tuc=f"9.00000{n}", so_quyet_dinh="12/QĐ", co_quan_thuc_hien="Cảng vụ hàng hải")
        record["raw_text"] = record["raw_text"].replace(f"Mã thủ tục{'1.004993' if n == 0 else f'9.00000{n - 1}'}",
                                                        f"Mã thủ tục9.00000{n}")
        (source / f"{n}.json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    code, out, _ = run(tmp_path, capsys, source=source)
    assert code == 1 and "“Cảng vụ hàng hải”: 3 bản ghi, ví dụ 9.000000, 9.000001, 9.000002" in out
    assert '    "Cảng vụ hàng hải": MÃ-CƠ-QUAN  # 3 bản ghi' in out
    # Pasting the snippet with a code imports them.
    code, out, _ = run(tmp_path, capsys, source=source, mapping='agencies:\n  "Cảng vụ hàng hải": SXD-KH\n')
    assert code == 0 and "Đã nhập 3 thủ tục" in out


def test_a_record_carrying_another_procedures_page_is_not_imported(tmp_path, capsys):
    code, out, _ = run(tmp_path, capsys)
    assert "1.002544.json: nghi lỗi thu thập: trang gốc là của thủ tục 1.014023" in out
    assert not (tmp_path / "thu-tuc" / "1-002544.md").exists()


def test_running_again_changes_nothing_and_keeps_the_editors_work(tmp_path, capsys):
    run(tmp_path, capsys)
    before = {p.name: p.read_bytes() for p in (tmp_path / "thu-tuc").glob("*.md")}
    total = len(before)
    _, out, _ = run(tmp_path, capsys)
    assert f"(0 mới, 0 cập nhật, {total} không đổi)" in out
    target = tmp_path / "thu-tuc" / "1-000688.md"
    notes = "Sở Tư pháp nhận hồ sơ cả sáng thứ Bảy."
    edited = target.read_text(encoding="utf-8").replace("field: Luật sư", "field: Luật sư (đã sửa)")
    edited = edited.replace("---\n", "---\nkeywords: lý lịch\n", 1) + f"\n{notes}\n"
    target.write_text(edited, encoding="utf-8")
    code, out, _ = run(tmp_path, capsys)
    assert f"(0 mới, 0 cập nhật, {total} không đổi)" in out and code in (0, 1)
    assert "Giữ phần biên tập viên đã sửa (1 thủ tục; --force để lấy bản của Cổng quốc gia):\n  1.000688: field" in out
    assert target.read_text(encoding="utf-8") == edited
    run(tmp_path, capsys, "--force")
    document = frontmatter.parse(target.read_text(encoding="utf-8"))
    assert document.data["field"] == "Luật sư" and document.data["keywords"] == "lý lịch" and document.body.strip() == notes
    before.pop("1-000688.md")
    assert {p.name: p.read_bytes() for p in (tmp_path / "thu-tuc").glob("*.md") if p.name != "1-000688.md"} == before


def test_a_field_the_national_portal_changed_is_updated_where_the_editor_did_not_touch_it(tmp_path, capsys):
    run(tmp_path, capsys)
    source = tmp_path / "nguon"
    shutil.copytree(FIXTURES / "tthc", source)
    record = json.loads((source / "1.000688.json").read_text(encoding="utf-8"))
    record["linh_vuc"] = "Luật sư và tư vấn"
    (source / "1.000688.json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    _, out, _ = run(tmp_path, capsys, source=source)
    assert "1 cập nhật" in out and "Giữ phần biên tập" not in out
    assert frontmatter.parse((tmp_path / "thu-tuc" / "1-000688.md").read_text(encoding="utf-8")).data["field"] == "Luật sư và tư vấn"


def test_without_the_fingerprints_every_difference_is_kept_as_the_editors(tmp_path, capsys):
    run(tmp_path, capsys)
    (tmp_path / "thu-tuc" / ".nhap-tu-cong-quoc-gia.json").unlink()
    target = tmp_path / "thu-tuc" / "1-000688.md"
    target.write_text(target.read_text(encoding="utf-8").replace("field: Luật sư", "field: Luật sư (đã sửa)"), encoding="utf-8")
    _, out, _ = run(tmp_path, capsys)
    assert "1.000688: field" in out and "field: Luật sư (đã sửa)" in target.read_text(encoding="utf-8")


def test_an_unreadable_file_is_never_overwritten(tmp_path, capsys):
    run(tmp_path, capsys)
    target = tmp_path / "thu-tuc" / "1-000688.md"
    broken = "---\ncode: '1.000688'\nname: [chưa đóng\n\nGhi chú quan trọng của Sở.\n"
    target.write_text(broken, encoding="utf-8")
    code, out, _ = run(tmp_path, capsys)
    assert code == 1 and "không đọc được" in out and "không ghi đè: sửa tệp, hoặc xóa đi rồi nhập lại" in out
    assert target.read_text(encoding="utf-8") == broken


def test_records_of_the_wrong_shape_are_reported_and_the_batch_goes_on(tmp_path, capsys):
    source = tmp_path / "nguon"
    shutil.copytree(FIXTURES / "tthc", source)
    good = json.loads((source / "1.000688.json").read_text(encoding="utf-8"))
    bad = [("null-ten.json", {**good, "ma_thu_tuc": "9.000001", "ten_thu_tuc": None, "linh_vuc": None}),
           ("so.json", {**good, "ma_thu_tuc": 1.0007}),
           ("danh-sach.json", {**good, "ma_thu_tuc": "9.000002", "thanh_phan_ho_so": ["a"], "cap_thuc_hien": {"x": 1}}),
           ("mang.json", [good])]
    for name, record in bad:
        (source / name).write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    code, out, _ = run(tmp_path, capsys, source=source)
    assert code == 1 and "Traceback" not in out
    assert "so.json: trường không phải chữ: ma_thu_tuc (float)" in out
    assert "danh-sach.json: trường không phải chữ: cap_thuc_hien (dict), thanh_phan_ho_so (list)" in out
    assert "mang.json: bản ghi phải là một đối tượng JSON, nhận được list" in out
    assert (tmp_path / "thu-tuc" / "1-000688.md").exists() and len(list((tmp_path / "thu-tuc").glob("*.md"))) >= 20


def test_progress_is_shown_for_large_batches(tmp_path, capsys):
    many = tmp_path / "many"
    many.mkdir()
    source = (FIXTURES / "tthc" / "1.004993.json").read_text(encoding="utf-8")
    for n in range(60):
        (many / f"{n:03}.json").write_text(source.replace("1.004993", f"9.{n:06}"), encoding="utf-8")
    code, _, err = run(tmp_path, capsys, source=many)
    assert code == 0 and "… 50/60 bản ghi" in err


def test_a_mapping_to_an_unknown_department_stops_before_writing(tmp_path, capsys):
    code, _, err = run(tmp_path, capsys, mapping="publishers:\n  BTP: STP-XX\n")
    assert code == 2 and "không có cơ quan mã STP-XX" in err
    assert not (tmp_path / "thu-tuc").exists()


def test_a_broken_record_is_reported_and_the_others_imported(tmp_path, capsys):
    source = tmp_path / "records"
    shutil.copytree(FIXTURES / "tthc", source)
    (source / "9.999999.json").write_text("{ not json", encoding="utf-8")
    code, out, _ = run(tmp_path, capsys, source=source)
    assert code == 1 and "9.999999.json: không đọc được JSON" in out
    # every fixture record but the one carrying another procedure's page
    assert len(list((tmp_path / "thu-tuc").glob("*.md"))) == len(list((FIXTURES / "tthc").glob("*.json"))) - 1


def test_the_same_procedure_under_two_codes_is_warned_as_a_crawl_error(tmp_path, capsys):
    source = tmp_path / "records"
    source.mkdir()
    text = (FIXTURES / "tthc" / "1.004993.json").read_text(encoding="utf-8")
    for code in ("9.000001", "9.000002"):
        (source / f"{code}.json").write_text(text.replace("1.004993", code), encoding="utf-8")
    code, out, _ = run(tmp_path, capsys, source=source)
    report = (tmp_path / "report.txt").read_text(encoding="utf-8")
    assert code == 0 and "9.000001: nghi lỗi thu thập: cùng tên với 9.000002" in report
    assert "9.000002: nghi lỗi thu thập: cùng nội dung với 9.000001" in report
