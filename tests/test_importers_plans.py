"""The import command for official documents: what it writes, what it refuses to overwrite, its report."""

import shutil
from pathlib import Path

from cchc import frontmatter
from cchc.importers.plans import main
from conftest import REPO

SEEDS = Path(__file__).parent / "fixtures" / "seeds"


def run(*args: str) -> int:
    return main([*args, "--departments", str(REPO / "docs" / "co-quan")])


def test_a_folder_is_imported_with_progress_and_a_report_per_document(tmp_path, capsys):
    folder = tmp_path / "den"
    folder.mkdir()
    for name in ("2020-489-qd-ubnd-khanh-hoa", "2020-ke-hoach-tuyen-truyen-cchc-so-tu-phap-soc-trang"):
        shutil.copy(SEEDS / f"{name}.txt", folder / f"{name}.txt")
    assert run(str(folder), "--plans", str(tmp_path / "plans")) == 0
    out, err = capsys.readouterr()
    assert "[1/2] 2020-489-qd-ubnd-khanh-hoa.txt" in err and "[2/2]" in err
    written = sorted(p.name for p in (tmp_path / "plans").glob("*.md"))
    assert written == ["2020-489-qd-ubnd-khanh-hoa.md", "2020-ke-hoach-tuyen-truyen-cai-cach-hanh-chinh-nam-2020-stp-st.md"]
    assert "  + cơ quan ban hành: Ủy ban nhân dân tỉnh Khánh Hòa (UBND-KH), theo phần đầu văn bản" in out
    assert "  ! văn bản không ghi ngày ban hành; lấy năm 2020 từ trích yếu" in out
    assert "độ phủ: 100.0% (4295/4295 từ)" in out


def test_an_existing_file_is_never_overwritten_unless_asked_and_then_keeps_editorial_fields(tmp_path, capsys):
    seed = SEEDS / "2020-489-qd-ubnd-khanh-hoa.txt"
    target = tmp_path / "plan.md"
    assert run(str(seed), "--out", str(target)) == 0
    document = frontmatter.parse(target.read_text(encoding="utf-8"))
    edited = frontmatter.dump({**document.data, "summary": "Tóm tắt của biên tập viên.", "areas": ["chinh-quyen-so"]},
                              document.body)
    target.write_text(edited, encoding="utf-8")

    assert run(str(seed), "--out", str(target)) == 1
    assert "đã có tệp, không ghi; thêm --force để ghi đè" in capsys.readouterr().out
    assert target.read_text(encoding="utf-8") == edited

    assert run(str(seed), "--out", str(target), "--force") == 0
    assert "(ghi đè, giữ summary, areas)" in capsys.readouterr().out
    data = frontmatter.parse(target.read_text(encoding="utf-8")).data
    assert data["summary"] == "Tóm tắt của biên tập viên." and data["areas"] == ["chinh-quyen-so"]


def test_a_text_with_nothing_of_an_official_document_is_still_imported_with_every_field_to_fill(tmp_path, capsys):
    note = tmp_path / "ghi-chu.txt"
    note.write_text("Họp giao ban sáng thứ Hai.\n", encoding="utf-8")
    assert run(str(note), "--plans", str(tmp_path / "plans")) == 1  # written, and not yet valid
    out = capsys.readouterr().out
    written = tmp_path / "plans" / "ghi-chu.md"
    assert frontmatter.parse(written.read_text(encoding="utf-8")).body.strip() == "Họp giao ban sáng thứ Hai."
    for field in ("doc_type", "issuer", "place", "issued", "title", "period"):
        assert f"điền trường {field}" in out or f"`{field}`" in out, field


def _docx_from(tmp_path, name: str, entries: dict[str, bytes]) -> Path:
    import zipfile

    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry, data in entries.items():
            archive.writestr(entry, data)
    return path


def test_damaged_and_inflated_docx_files_are_messages(tmp_path, capsys):
    import docx

    real = tmp_path / "that.docx"
    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH")
    document.save(real)
    truncated = tmp_path / "cut.docx"
    truncated.write_bytes(real.read_bytes()[:2000])
    cases = {
        "text.docx": (tmp_path / "text.docx", "không phải tệp Word"),
        "cut.docx": (truncated, "tệp .docx hỏng"),
        "empty.docx": (_docx_from(tmp_path, "empty.docx", {"a.txt": b"x"}), "không có phần nội dung"),
        "broken-xml.docx": (_docx_from(tmp_path, "broken-xml.docx", {"[Content_Types].xml": b"<Types", "word/document.xml": b"<w:document"}),
                            "tệp .docx hỏng"),
        "bomb.docx": (_docx_from(tmp_path, "bomb.docx", {"word/document.xml": b"<a>" + b" " * (60 * 2**20) + b"</a>"}),
                      "giải nén ra 60 MB, quá giới hạn 50 MB"),
    }
    (tmp_path / "text.docx").write_text("không phải zip", encoding="utf-8")
    for name, (path, message) in cases.items():
        assert run(str(path), "--plans", str(tmp_path / "plans")) == 1, name
        out = capsys.readouterr().out
        assert f"{path}: lỗi:" in out and message in out, (name, out)
    assert not (tmp_path / "plans").exists()


def test_text_in_another_encoding(tmp_path, capsys):
    seed = (SEEDS / "2020-489-qd-ubnd-khanh-hoa.txt").read_text(encoding="utf-8")
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes(seed.encode("utf-16"))
    assert run(str(utf16), "--out", str(tmp_path / "a.md")) == 0
    assert "489/QĐ-UBND" in (tmp_path / "a.md").read_text(encoding="utf-8")
    legacy = tmp_path / "cp1258.txt"
    legacy.write_bytes("KẾ HOẠCH\nTuyên truyền cải cách hành chính\n".encode("cp1258", errors="replace"))
    assert run(str(legacy), "--plans", str(tmp_path / "plans")) == 1
    assert "không phải mã UTF-8 (dòng 2): có thể là Windows-1258 hoặc TCVN3" in capsys.readouterr().out


def test_out_and_plans_that_name_the_wrong_thing(tmp_path, capsys):
    import pytest

    seed = str(SEEDS / "2020-489-qd-ubnd-khanh-hoa.txt")
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    for args, message in [(["--out", str(tmp_path)], "cần tên tệp .md"), (["--plans", str(tmp_path / "a-file")], "là một tệp, cần thư mục")]:
        with pytest.raises(SystemExit):
            run(seed, *args)
        assert message in capsys.readouterr().err


DOCUMENTS = Path(__file__).parent / "fixtures" / "documents"


def test_a_folder_of_txt_docx_and_pdf_files_ends_with_a_summary(tmp_path, capsys):
    """A scanned PDF is told apart and the others go on; the summary says what was written and what to fill."""
    import docx

    folder = tmp_path / "den"
    folder.mkdir()
    shutil.copy(DOCUMENTS / "qd-489-2020-khanh-hoa.pdf", folder / "qd-489.pdf")
    shutil.copy(DOCUMENTS / "qd-489-2020-khanh-hoa-ban-quet.pdf", folder / "qd-489-ban-quet.pdf")
    shutil.copy(SEEDS / "2020-ke-hoach-tuyen-truyen-cchc-so-tu-phap-soc-trang.txt", folder / "kh-stp.txt")
    document = docx.Document()
    document.add_paragraph("Họp giao ban sáng thứ Hai.")
    document.save(folder / "ghi-chu.docx")
    assert run(str(folder), "--plans", str(tmp_path / "plans")) == 1
    out, err = capsys.readouterr()
    assert [line for line in err.splitlines() if line.startswith("[")] == [
        "[1/4] ghi-chu.docx", "[2/4] kh-stp.txt", "[3/4] qd-489-ban-quet.pdf", "[4/4] qd-489.pdf"]
    assert "qd-489-ban-quet.pdf: lỗi: PDF có 1 trang chỉ là ảnh (bản quét), không có lớp chữ" in out
    written = sorted(p.name for p in (tmp_path / "plans").glob("*.md"))
    assert written == ["2020-489-qd-ubnd-khanh-hoa.md", "2020-ke-hoach-tuyen-truyen-cai-cach-hanh-chinh-nam-2020-stp-st.md",
                       "ghi-chu.md"]
    summary = out[out.index("Tổng kết:"):]
    assert summary.splitlines()[0] == "Tổng kết: 4 tệp; đã ghi 3, không ghi 1"
    assert "  không đọc được: qd-489-ban-quet.pdf: PDF có 1 trang chỉ là ảnh (bản quét), không có lớp chữ để đọc" in summary
    fill = next(line for line in summary.splitlines() if "còn phải điền" in line)
    assert "ghi-chu.md" in fill and all(f in fill for f in ("doc_type", "issued", "title")), fill
    assert "độ phủ: đủ 100% ở 3/3 văn bản đã ghi" in summary


def test_a_damaged_pdf_is_a_message(tmp_path, capsys):
    broken = tmp_path / "hong.pdf"
    broken.write_bytes((DOCUMENTS / "qd-489-2020-khanh-hoa.pdf").read_bytes()[:2000])
    assert run(str(broken), "--plans", str(tmp_path / "plans")) == 1
    assert "hong.pdf: lỗi: không mở được tệp PDF (tệp hỏng hoặc không phải PDF: tải lại bản gốc)" in capsys.readouterr().out
    assert not (tmp_path / "plans").exists()
