"""Rebuilding the national portal's flattened tables, on real records copied from ../shared/data/tthc."""

import json
import re
from pathlib import Path

import pytest

from cchc import frontmatter
from cchc.importers.national_portal import (crawl_error, lost_words, page_sections, parse_channels, parse_documents,
                                            parse_legal_bases, parse_results, record_values)
from cchc.kinds import PROCEDURE
from cchc.schema import Context

RECORDS = Path(__file__).parent / "fixtures" / "tthc"


def record(code: str) -> dict:
    return json.loads((RECORDS / f"{code}.json").read_text(encoding="utf-8"))


def test_several_channels_with_fee_notes_in_nested_parentheses():
    rows = parse_channels(record("1.000080")["cach_thuc_thuc_hien"]).rows
    assert [r["method"] for r in rows] == ["truc-tuyen", "buu-chinh", "truc-tiep"]
    # The portal gives `7` with no unit: never published as a duration, kept as written and reported.
    assert {r["time_raw"] for r in rows} == {"7"} and not any("time" in r for r in rows)
    assert {r["fee"] for r in rows} == {"Miễn phí"}
    assert rows[0]["fee_note"].startswith("Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh")
    assert rows[1]["fee_note"].startswith("Đồng (Mức lệ phí")  # the portal's own doubled bracket, kept
    assert not rows[0]["fee_note"].startswith("(")


def test_fee_in_dong_and_a_description_after_missing_fee():
    fee = parse_channels(record("1.000688")["cach_thuc_thuc_hien"]).rows[0]
    assert fee["fee"] == "800.000 đồng" and fee["time"] == "15 ngày làm việc"  # as a reader reads them
    assert fee["fee_note"].startswith("áp dụng mức phí 400.000 đồng/hồ sơ")
    # `Không có thông tin` is the portal's empty cell: no fee, and the text after it is the description.
    described = parse_channels(record("1.004993")["cach_thuc_thuc_hien"]).rows[0]
    assert "fee" not in described and described["time"] == "1 ngày làm việc"
    assert described["note"] == "01 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ"
    assert parse_channels(record("1.013222")["cach_thuc_thuc_hien"]).rows[0]["fee"] == "500 đồng"


def test_documents_in_groups_with_quantities():
    rows = parse_documents(record("1.000080")["thanh_phan_ho_so"]).rows
    assert rows[0]["group"] == "Giấy tờ phải nộp"
    assert {r.get("group") for r in rows} == {"Giấy tờ phải nộp", "Giấy tờ phải xuất trình", "Lưu ý", None}  # untitled last table
    assert rows[0]["quantity"] == "1 bản chính"
    assert rows[0]["name"].startswith("Trường hợp không có văn bản nêu trên")


def test_form_file_names_are_cut_from_the_document_name():
    rows = parse_documents(record("1.002847")["thanh_phan_ho_so"]).rows
    assert rows[0]["forms"] == ["TK 1.002847.docx"]
    assert rows[0]["name"].endswith("giữa Việt Nam và Lào theo mẫu")
    assert rows[1]["forms"] == ["TPHS 1.002847 (PA).docx"]


def test_legal_bases_split_name_and_code_even_when_the_code_repeats_the_name():
    rows = parse_legal_bases(record("1.000688")["can_cu_phap_ly"]).rows
    assert rows[0] == {"name": "Nghị định sửa đổi, bổ sung một số nghị định để cắt giảm, đơn giản hóa thủ tục hành chính, "
                               "điều kiện kinh doanh thuộc phạm vi quản lý của Bộ Tư pháp", "code": "18/2026/NĐ-CP"}
    assert rows[-2:] == [{"name": "Luật 20/2012/QH13", "code": "20/2012/QH13"},
                         {"name": "Luật 65/2006/QH11", "code": "65/2006/QH11"}]


def test_a_legal_basis_without_a_code_is_kept_whole_and_reported():
    parsed = parse_legal_bases(record("1.013466")["can_cu_phap_ly"])
    assert parsed.rows[-1] == {"name": "BỘ LUẬT HÀNG HẢI VIỆT NAMBỘ LUẬT HÀNG HẢI VIỆT NAM"}


def test_result_without_the_portal_chrome_and_online_submission_detected():
    parsed, submit = parse_results(record("1.000688")["ket_qua_xu_ly"])
    assert parsed.rows == [{"name": "Chứng chỉ hành nghề luật sư", "code": "KQ.G15.000102"}]
    assert submit
    assert not any("Chọn cơ quan" in str(r) for r in parsed.rows)


def test_record_values_pass_the_procedure_schema():
    for path in sorted(RECORDS.glob("*.json")):
        values = record_values(json.loads(path.read_text(encoding="utf-8")), "STP-KH").values
        ctx = Context()
        PROCEDURE.schema.coerce(frontmatter.parse(frontmatter.dump(values)).data, ctx, ())
        assert not ctx.errors, (path.name, [e.message for e in ctx.errors])


def test_record_values_carry_levels_online_level_and_skip_empty_fields():
    values = record_values(record("1.000688"), "STP-KH").values
    assert values["levels"] == ["cap-tinh"] and values["online"] == "mot-phan"
    assert values["online_url"] == values["portal_url"].strip()
    assert values["conditions"].startswith("1. Người đề nghị cấp Chứng chỉ hành nghề luật sư")
    assert "conditions" not in record_values(record("1.013222"), "SXD-KH").values  # `Không có thông tin`
    assert values["applicants"] == ["Công dân Việt Nam"]
    assert record_values(record("6.003638"), "SXD-KH").values["levels"] == ["cap-bo", "cap-tinh"]


@pytest.mark.parametrize("path", sorted(RECORDS.glob("*.json")), ids=lambda p: p.stem)
def test_no_word_of_any_record_is_lost(path):
    source = json.loads(path.read_text(encoding="utf-8"))
    assert lost_words(source, record_values(source, "STP-KH").values) == []


def test_the_loss_check_notices_a_dropped_row():
    source = record("1.000688")
    values = record_values(source, "STP-KH").values
    values["documents"] = values["documents"][:-1]
    assert any(word.startswith("thanh_phan_ho_so: ") for word in lost_words(source, values))


def test_front_matter_written_for_editors_reads_back_the_same():
    values = record_values(record("1.000080"), "STP-KH").values
    text = frontmatter.dump(values)
    assert "steps: |" in text  # several lines stay lines
    assert frontmatter.parse(text).data == values


# Each class of wrong value found on the sample ministries, on the record it was found in.

def test_several_results_each_keep_their_own_code():
    rows = parse_results(record("1.003091")["ket_qua_xu_ly"])[0].rows
    assert rows == [{"name": "Quyết định thi hành án dân sự", "code": "KQ.G15.000327"},
                    {"name": "Thông báo về việc từ chối thi hành án theo yêu cầu", "code": "KQ.G15.000328"}]
    # A result list in dashes: the code stops before the next item's dash.
    rows = parse_results(record("1.003663")["ket_qua_xu_ly"])[0].rows
    assert [r["code"] for r in rows] == ["KQ.G04.000300", "KQ.G17.000365"]


def test_legal_codes_take_no_letter_of_the_next_name_and_no_year_of_their_own_name():
    rows = parse_legal_bases(record("1.003091")["can_cu_phap_ly"]).rows
    codes = [r.get("code") for r in rows]
    assert "04/2023/TT-BTP" in codes and "18/2026/NĐ-CP" in codes  # `…TT-BTPsửa đổi`: no `TT-BT` + `Psửa`
    assert rows[codes.index("18/2026/NĐ-CP")]["name"].startswith("sửa đổi, bổ sung")
    assert not any("Trang chủ" in r["name"] for r in rows)  # the portal's breadcrumb
    assert rows[-1] == {"name": "Luật Thi hành án dân sự số 106/2025/QH15", "code": "106/2025/QH15"}
    assert "90/QĐ-TTg" in [r.get("code") for r in parse_legal_bases(record("6.001435")["can_cu_phap_ly"]).rows]
    # `…giai đoạn 2021-2025.01/2022/TT-BXD`: the year ends the name, the code is 01/2022/TT-BXD
    assert parse_legal_bases(record("6.001435")["can_cu_phap_ly"]).rows[0]["code"] == "01/2022/TT-BXD"
    glued = parse_legal_bases(record("1.000802")["can_cu_phap_ly"]).rows
    assert {"name": "Luật Đấu giá tài sản năm 2016", "code": "01/2016/QH14"} in glued  # not `201601/2016/QH14`


def test_a_fee_is_never_read_as_a_time_nor_a_list_number_as_a_fee_note():
    row = parse_channels(record("1.005103")["cach_thuc_thuc_hien"]).rows[0]
    assert "time" not in row and row["fee"] == "140.000 đồng"
    row = parse_channels(record("1.003934")["cach_thuc_thuc_hien"]).rows[0]
    assert "fee_note" not in row and row["note"].startswith("(1) Cách thức thực hiện")


def test_a_cell_whose_form_names_cannot_be_told_apart_is_kept_verbatim_and_reported():
    values = record_values(record("1.003663"), "SXD-KH")
    verbatim = [r for r in values.values["documents"] if r.get("verbatim")]
    assert all("name" in r for r in verbatim)
    for row in values.values["documents"]:
        assert row.get("verbatim") or not re.search(r"\.docx?\b", row["name"])


def test_page_text_fills_a_field_the_crawl_cut():
    imported = record_values(record("2.000942"), "STP-KH")
    assert len(imported.values["steps"]) > len(record("2.000942")["trinh_tu_thuc_hien"])
    assert "Ghi đầy đủ lời chứng theo mẫu quy định" in imported.values["steps"]
    assert any(kind == "bổ sung từ raw_text" for kind, _ in imported.notes)
    assert lost_words(record("2.000942"), imported.values) == []


def test_a_record_carrying_another_procedures_page_is_a_crawl_error():
    assert "1.014023" in crawl_error(record("1.002544"), page_sections(record("1.002544")))
    assert crawl_error(record("1.000688"), page_sections(record("1.000688"))) is None


@pytest.mark.parametrize("code, name_ends, forms", [
    # two forms glued, the second named by digits
    ("1.004480", "Văn bản đề nghị theo mẫu;", ["Vanbandenghi.docx", "1.004480.docx"]),
    # a legal code the name ends with stays whole; the form begins where a word runs on from it
    ("1.004077", "Nghị định 58/2017/NĐ-CP", ["mẫu đơn đề nghị_6 (1).docx"]),
    # two Vietnamese syllables glued with no capital between (`địnhvăn`)
    ("1.000314", "theo quy định", ["văn bản đề nghị.docx"]),
    # an ASCII file name in CamelCase starts at the word's first seam, not its last (`tếMauBankhai…`)
    ("1.002349", "hoạt động tuyến quốc tế", ["MauBankhaianninhtaubien.docx"]),
    # `…quy định1.2. Don de nghi….docx` twice: each form whole, none left in the name
    ("1.004681", "gia hạn của chủ đầu tư theo mẫu quy định",
     ["1.2. Don de nghi bai bo ket noi ray.docx", "1.2. Don de nghi gia han ket noi ray.docx"]),
])
def test_form_file_names_are_cut_where_the_crawl_glued_them(code, name_ends, forms):
    rows = parse_documents(record(code)["thanh_phan_ho_so"]).rows
    assert any(r["name"].endswith(name_ends) and r.get("forms") == forms for r in rows), \
        [(r["name"][-50:], r.get("forms")) for r in rows]


def test_a_quantity_written_inside_a_name_does_not_split_the_row():
    source = record("1.004993")["thanh_phan_ho_so"]
    cell = "Bản sao Giấy chứng nhận đăng ký kinh doanh (01 bản sao công chứng)"
    parsed = parse_documents(source.replace("Tên giấy tờMẫu đơn, tờ khaiSố lượng", f"Tên giấy tờMẫu đơn, tờ khaiSố lượng{cell}1 bản chính", 1))
    assert parsed.rows[0]["name"] == cell and parsed.rows[0]["quantity"] == "1 bản chính"
