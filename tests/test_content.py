"""Each class of content mistake gives its own clear problem: file, line, field, what to write."""

import pickle
import posixpath
import re
from pathlib import Path

import pytest

from cchc import content
from cchc.content import Layout, load_site
from conftest import procedure_in_full, write

PLAN = """---
number: 12/KH-SNV
doc_type: Kế hoạch
issuer: SNV-KH
place: Khánh Hòa
issued: 2024-01-15
title: Tuyên truyền cải cách hành chính năm 2024
signer:
  position: Giám đốc
period: "2024"
areas: [thu-tuc-hanh-chinh]
---

Nội dung.
"""


def problems(root: Path) -> list[str]:
    return [p.format() for p in load_site(Layout.at(root)).report.problems]


def only(root: Path) -> str:
    found = problems(root)
    assert len(found) == 1, found
    return found[0]


def test_the_fixture_site_is_valid(small_site):
    site = load_site(Layout.at(small_site))
    assert site.report.problems == []
    assert [p.src_uri for p in site.plans] == ["van-ban/489-qd-ubnd.md"]
    assert [t.id for t in site.tasks_by_department["SNV-KH"]] == [f"489-qd-ubnd/{n}" for n in range(1, 7)]  # by plan and number


def test_invalid_yaml(small_site):
    write(small_site, "plans/a.md", PLAN.replace("title: Tuyên truyền", "title: Kế hoạch: tuyên truyền"))
    message = only(small_site)
    assert message.startswith("plans/a.md:7: lỗi: phần đầu YAML không đọc được")
    assert 'title: "Kế hoạch: năm 2025"' in message


def test_missing_required_field(small_site):
    write(small_site, "plans/a.md", PLAN.replace("place: Khánh Hòa\n", ""))
    message = only(small_site)
    assert "thiếu trường bắt buộc `place` (Địa danh)" in message
    assert "→ thêm dòng: place: Khánh Hòa" in message


def test_wrong_type(small_site):
    write(small_site, "plans/a.md", PLAN.replace("signer:\n  position: Giám đốc", "signer: Giám đốc"))
    assert "plans/a.md:8: lỗi: [signer] cần nhóm trường, nhận được chữ" in only(small_site)


def test_bad_and_impossible_dates(small_site):
    write(small_site, "plans/a.md", PLAN.replace("2024-01-15", "15/01/2024"))
    write(small_site, "plans/b.md", PLAN.replace("2024-01-15", "2024-02-30").replace("12/KH", "13/KH"))
    found = problems(small_site)
    assert any("plans/a.md:6: lỗi: [issued]" in p and "→ viết theo dạng năm-tháng-ngày: 2024-01-15" in p for p in found)
    assert any("plans/b.md:6: lỗi: [issued] ngày 30 không tồn tại: tháng 02/2024 có 29 ngày" in p for p in found)


def test_unknown_department_suggests_the_nearest_codes(small_site):
    write(small_site, "plans/a.md", PLAN.replace("issuer: SNV-KH", "issuer: SNV-KHH"))
    message = only(small_site)
    assert "plans/a.md:4: lỗi: [issuer] không có cơ quan mã 'SNV-KHH'" in message
    assert "→ có phải: SNV-KH" in message


def test_department_written_by_name_suggests_its_code(small_site):
    write(small_site, "plans/a.md", PLAN.replace("issuer: SNV-KH", "issuer: Sở Nội vụ"))
    assert "có phải: SNV-KH?" in only(small_site)


def test_duplicate_document_number(small_site):
    write(small_site, "plans/a.md", PLAN)
    write(small_site, "plans/b.md", PLAN)
    message = only(small_site)
    assert message.startswith("plans/b.md: lỗi: [number] số 12/KH-SNV năm 2024 đã dùng cho plans/a.md")


def test_duplicate_url(small_site):
    write(small_site, "plans/a.md", PLAN.replace("---\n\n", "slug: trang\n---\n\n", 1))
    write(small_site, "plans/b.md", PLAN.replace("12/KH", "13/KH").replace("---\n\n", "slug: trang\n---\n\n", 1))
    assert "địa chỉ /van-ban/trang/ trùng với plans/a.md" in only(small_site)


def test_unknown_area_and_category(small_site):
    write(small_site, "plans/a.md", PLAN.replace("areas: [thu-tuc-hanh-chinh]", "areas: [thu-tuc-hanh-chin]"))
    write(small_site, "docs/tin-tuc/2024/tap-huan.md",
          "---\ntitle: Tập huấn\ndate: 2024-03-05\ndepartment: SNV-KH\ncategories: [the thao]\n---\nNội dung.\n")
    found = problems(small_site)
    assert any("plans/a.md:11: lỗi: [areas[0]] 'thu-tuc-hanh-chin' không có trong danh mục" in p
               and "có phải: thu-tuc-hanh-chinh" in p for p in found)
    assert any("docs/tin-tuc/2024/tap-huan.md:5: lỗi: [categories[0]] 'the thao' không có trong danh mục" in p for p in found)


def test_area_may_be_written_as_its_label(small_site):
    write(small_site, "plans/a.md", PLAN.replace("[thu-tuc-hanh-chinh]", "[Cải cách thủ tục hành chính]"))
    site = load_site(Layout.at(small_site))
    assert site.report.problems == []
    assert site.plans[0]["areas"] == ["thu-tuc-hanh-chinh"]


def test_yaml_surprises_are_handled_on_purpose(small_site):
    write(small_site, "docs/tin-tuc/2024/gio.md",
          "---\ntitle: NO\ndate: 2024-03-05 12:30\ndepartment: SNV-KH\ncategories: [thong-bao]\ndraft: yes\n---\n")
    message = only(small_site)
    assert "[draft] cần true hoặc false, nhận được 'yes'" in message
    site = load_site(Layout.at(small_site))
    news = site.news[0]
    assert news["title"] == "NO" and (news["date"].hour, news["date"].minute) == (12, 30)


def test_text_not_in_nfc_is_normalized_with_a_warning(small_site):
    decomposed = "Cơ quan thu\u031bo\u031b\u0300ng tru\u031b\u0323c.\n"
    path = small_site / "docs/co-quan/snv-kh.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Cơ quan thường trực về cải cách hành chính của tỉnh.\n", decomposed), encoding="utf-8")
    site = load_site(Layout.at(small_site))
    assert [p.severity for p in site.report.problems] == ["cảnh báo"]
    assert site.report.problems[0].line == 15
    assert "Cơ quan thường trực." in site.pages["co-quan/snv-kh.md"].body


def test_html_that_can_run_script(small_site):
    write(small_site, "docs/gioi-thieu.md", "# Giới thiệu\n\n<img src=a.png onerror=alert(1)>\n\n[x](javascript:alert(1))\n")
    write(small_site, "plans/a.md", PLAN + "\n<script>alert(1)</script>\n")
    found = problems(small_site)
    assert any(p.startswith("docs/gioi-thieu.md:3: lỗi: thuộc tính onerror=") for p in found)
    assert any(p.startswith("docs/gioi-thieu.md:5: lỗi: liên kết `javascript:alert(1` không phải địa chỉ trang web") for p in found)
    assert any(p.startswith("plans/a.md:16: lỗi: thẻ HTML <script>") for p in found)


def test_unknown_field_suggests_the_nearest(small_site):
    write(small_site, "plans/a.md", PLAN.replace("place:", "plase:"))
    found = problems(small_site)
    assert any("[plase] trường `plase` không có trong mẫu" in p and "có phải `place`?" in p for p in found)


def test_file_names_become_readable_urls(small_site):
    write(small_site, "docs/Tin Tức.md", "# Tin tức\n")
    assert "đổi tên thành tin-tuc.md" in only(small_site)


def test_department_file_named_after_its_code(small_site):
    write(small_site, "docs/co-quan/so-tu-phap.md", "---\ncode: STP-KH\nname: Sở Tư pháp\nlevel: so-nganh\nprovince: Khánh Hòa\n---\n")
    assert "phải tên là stp-kh.md" in only(small_site)


def test_every_problem_of_every_file_at_once(small_site):
    write(small_site, "plans/a.md", PLAN.replace("issuer: SNV-KH", "issuer: XYZ").replace("2024-01-15", "2024-13-01"))
    write(small_site, "plans/b.md", "---\ntitle: [\n---\n")
    write(small_site, "docs/co-quan/stp-kh.md", "---\ncode: STP-KH\nlevel: so-nganh\nprovince: Khánh Hòa\nemail: không-có\n---\n")
    found = problems(small_site)
    assert len(found) == 5, found
    assert {p.split(":")[0] for p in found} == {"plans/a.md", "plans/b.md", "docs/co-quan/stp-kh.md"}


def test_a_department_code_used_twice_in_other_letters(small_site):
    department = (small_site / "docs/co-quan/snv-kh.md").read_text(encoding="utf-8")
    write(small_site, "docs/co-quan/so-noi-vu.md", department.replace("code: SNV-KH", "code: snv-kh"))
    found = problems(small_site)
    assert any("mã cơ quan snv-kh đã dùng ở docs/co-quan/snv-kh.md" in p for p in found), found


def test_a_page_s_settings_as_written_are_read_back_only_when_asked_for(small_site):
    """A rebuild reads ten thousand checks back and makes a few pages: a check kept (pickled, as the build cache keeps
    it) holds the settings as written (MkDocs' `page.meta`) as bytes until a page is made from them; a check just
    made holds them as they are. Either way each caller gets a copy of its own."""
    write(small_site, "plans/a.md", PLAN)
    kept = content.each(lambda kind, text: pickle.loads(pickle.dumps(content.check_text(kind, text))))
    for check, held in ((kept, bytes), (None, dict)):
        entry = next(e for e in load_site(Layout.at(small_site), check).plans if e.source == "plans/a.md")
        assert isinstance(entry.written, held)
        assert entry.front_matter["number"] == "12/KH-SNV" and entry.front_matter["signer"] == {"position": "Giám đốc"}
        entry.front_matter["number"] = "changed by the theme"
        assert entry.front_matter["number"] == "12/KH-SNV"


def test_a_body_kept_is_read_back_as_utf_8_and_decoded_only_when_asked_for(small_site):
    """A kept check holds the body as UTF-8 (Vietnamese takes half as much again as a string), decoded for a page
    made from it; a check just made holds it as it is."""
    write(small_site, "plans/a.md", PLAN + "\nNội dung kế hoạch: đẩy mạnh cải cách hành chính.\n")
    kept = content.each(lambda kind, text: pickle.loads(pickle.dumps(content.check_text(kind, text))))
    made = next(e for e in load_site(Layout.at(small_site)).plans if e.source == "plans/a.md")
    read = next(e for e in load_site(Layout.at(small_site), kept).plans if e.source == "plans/a.md")
    assert isinstance(made._body, str) and isinstance(read._body, bytes)
    assert read.body == made.body and "đẩy mạnh cải cách" in read.body and isinstance(read._body, str)


def test_a_procedure_s_page_only_fields_are_read_back_only_when_asked_for(small_site):
    """A rebuild reads back every procedure's check and makes few of their pages: a check kept holds the values of
    the fields only the procedure's own page shows (`Field.page_only`: steps, channels, documents…) as bytes, read
    when one of them is asked for, and then every value is there in the order written, as in a check just made."""
    write(small_site, "docs/thu-tuc/1-000001.md", procedure_in_full("1.000001"))
    kept = content.each(lambda kind, text: pickle.loads(pickle.dumps(content.check_text(kind, text))))
    made = load_site(Layout.at(small_site)).pages["thu-tuc/1-000001.md"]
    read = load_site(Layout.at(small_site), kept).pages["thu-tuc/1-000001.md"]
    assert made.rest is None and isinstance(read.rest, bytes)
    assert "steps" not in read._values and read["name"] == "Thủ tục thử" and read.get("levels") == ["cap-tinh"]
    assert read.get("name_en") is None and isinstance(read.rest, bytes)  # not a page-only field: nothing more read
    assert read["channels"] == [{"method": "truc-tiep", "time": "5 ngày làm việc"}] and read.rest is None
    assert list(read.values.items()) == list(made.values.items())
    assert list(made.values) == ["code", "name", "department", "steps", "field", "channels", "levels", "documents",
                                 "online"]
    again = load_site(Layout.at(small_site), content.each(lambda kind, text: pickle.loads(pickle.dumps(
        pickle.loads(pickle.dumps(content.check_text(kind, text))))))).pages["thu-tuc/1-000001.md"]
    assert list(again.values.items()) == list(made.values.items())  # a check read back and kept again


def _kept_apart(parts: dict, read: list):
    """Checks kept as the build keeps them (`content.kept_apart`), their page parts in `parts`, each read noted."""
    def check(kind, text):
        kept, page = content.kept_apart(content.check_text(kind, text))
        assert not {"body", "written", "rest"} & pickle.loads(kept).keys()  # what every rebuild reads stays light
        key = f"phan-{len(parts)}"
        parts[key] = page
        return content.read_back(kept, lambda: read.append(key) or parts.get(key))
    return content.each(check)


def test_a_check_read_back_apart_reads_its_page_part_only_for_a_page_made_from_it(small_site):
    """A rebuild reads back every source's check but the part only a page made from it reads (body, settings as
    written, page-only values: nine tenths of the bytes), read once when one of them is asked for."""
    write(small_site, "docs/thu-tuc/1-000001.md", procedure_in_full("1.000001"))
    write(small_site, "plans/a.md", PLAN + "\nNội dung kế hoạch: đẩy mạnh cải cách hành chính.\n")
    made = load_site(Layout.at(small_site))
    parts, read = {}, []
    site = load_site(Layout.at(small_site), _kept_apart(parts, read))
    assert [p.format() for p in site.report.problems] == [p.format() for p in made.report.problems]
    assert site.pages.keys() == made.pages.keys() and parts and read == []
    procedure, plan = site.pages["thu-tuc/1-000001.md"], next(e for e in site.plans if e.source == "plans/a.md")
    assert procedure["name"] == "Thủ tục thử" and procedure.get("name_en") is None and plan["title"] and read == []
    assert procedure["steps"] == made.pages["thu-tuc/1-000001.md"]["steps"] and len(read) == 1
    assert list(procedure.values.items()) == list(made.pages["thu-tuc/1-000001.md"].values.items())
    assert procedure.front_matter == made.pages["thu-tuc/1-000001.md"].front_matter and len(read) == 1
    assert "đẩy mạnh cải cách" in plan.body and len(read) == 2
    assert plan.front_matter == next(e for e in made.plans if e.source == "plans/a.md").front_matter
    for entry in site.pages.values():
        assert (entry.body, entry.front_matter, entry.values) == (made.pages[entry.src_uri].body,
                                                                  made.pages[entry.src_uri].front_matter,
                                                                  made.pages[entry.src_uri].values)


def test_a_page_part_not_kept_is_checked_again_from_its_file_unless_the_file_changed(small_site):
    """A copy of the build reads no cache, and an entry's page part may be gone: the source is checked again for it,
    if its bytes are still those whose check was read back; else the page would mix two texts."""
    write(small_site, "plans/a.md", PLAN + "\nNội dung kế hoạch: đẩy mạnh cải cách hành chính.\n")
    parts, read = {}, []
    site = load_site(Layout.at(small_site), _kept_apart(parts, read))
    parts.clear()
    plan = next(e for e in site.plans if e.source == "plans/a.md")
    other = next(e for e in site.plans if e.source != "plans/a.md")
    assert "đẩy mạnh cải cách" in plan.body and plan.front_matter["title"] == plan["title"]
    write(small_site, other.source, (small_site / other.source).read_text(encoding="utf-8") + "\nSửa thêm.\n")
    with pytest.raises(content.SourceChanged, match=other.source):
        other.body


def test_a_preview_checks_each_text_once_and_hands_out_copies(small_site):
    """`mkdocs serve` reads every file again on each save: what it remembers of an unchanged text is what a first
    read gives, each load gets entries of its own, and an edited file is checked again."""
    check = content.remembering(content.each(content.check_text))
    write(small_site, "plans/a.md", PLAN.replace("issued: 2024-01-15", "issued: 2024-13-15"))
    first, second = load_site(Layout.at(small_site), check), load_site(Layout.at(small_site), check)
    assert [p.format() for p in second.report.problems] == [p.format() for p in first.report.problems] != []
    assert first.pages.keys() == second.pages.keys()
    entry = first.pages["van-ban/489-qd-ubnd.md"]
    assert entry.values == second.pages["van-ban/489-qd-ubnd.md"].values
    entry.values["title"] = "changed by a renderer"
    entry.front_matter["title"] = "changed by the theme"
    third = load_site(Layout.at(small_site), check).pages["van-ban/489-qd-ubnd.md"]
    assert third.values["title"] != "changed by a renderer" and third.front_matter["title"] != "changed by the theme"
    write(small_site, "plans/a.md", PLAN)
    assert load_site(Layout.at(small_site), check).report.problems == []


def test_texts_checked_together_give_what_each_checked_alone_gives(small_site, monkeypatch):
    """A build looks many texts' checks up at once (`check_many`, a few hundred at a time); a file that is not UTF-8 is
    left to the one-by-one reading, which reports it."""
    monkeypatch.setattr(content, "AHEAD", 2)
    write(small_site, "plans/a.md", PLAN.replace("issued: 2024-01-15", "issued: 2024-13-15"))
    (small_site / "docs" / "trang-latin1.md").write_bytes("# Trang\n\nđ".encode("utf-16"))
    batches = []

    def check_many(items):
        batches.append(len(items))
        return [content.check_text(kind, text) for kind, text, _named in items]

    alone = load_site(Layout.at(small_site), content.each(content.check_text))
    together = load_site(Layout.at(small_site), check_many)
    assert [p.format() for p in together.report.problems] == [p.format() for p in alone.report.problems]
    assert any("không phải mã UTF-8" in p.format() for p in together.report.problems)
    assert {uri: e.values for uri, e in together.pages.items()} == {uri: e.values for uri, e in alone.pages.items()}
    assert batches and max(batches) <= 2 and sum(batches) == len(content.sources(Layout.at(small_site))) - 1


def test_relative_path_is_posixpath_relpath_between_site_paths():
    pairs = [("tin-tuc/", "van-ban/2020/"), ("", "tin-tuc/2020/tin-1/"), ("tin-tuc/2020/tin-1/", ""), ("a/b", "a/b"),
             ("assets/x.css", "a/./b/"), ("a//b/c", "a/b/d/e"), ("../a", "b/"), ("a/../b", "c/d/"), ("a", "a/b/../c")]
    for target, start in pairs:
        assert content.relative_path(target, start) == posixpath.relpath("/" + target, "/" + start), (target, start)


def test_paths_named_from_the_project_and_from_docs_as_pathlib_names_them(tmp_path):
    layout = Layout.at(tmp_path)
    (tmp_path / "docs-cu").mkdir()
    (tmp_path / "lien-ket").symlink_to(tmp_path / "docs")
    paths = [tmp_path / "docs" / "tin-tuc" / "a.md", tmp_path / "plans" / "k.md", tmp_path, tmp_path / "docs-cu" / "b.md",
             tmp_path.parent / "khac.md", Path("docs/tuong-doi.md"), Path("/"), tmp_path / "lien-ket" / "c.md"]
    for path in paths:
        try:
            expected = path.relative_to(tmp_path).as_posix()
        except ValueError:
            try:
                expected = path.resolve().relative_to(tmp_path).as_posix()
            except ValueError:
                expected = path.as_posix()
        assert layout.relative(path) == expected, path
    assert layout.relative(tmp_path / "lien-ket" / "c.md") == "lien-ket/c.md"  # named as written, not resolved
    assert layout.in_docs(tmp_path / "docs" / "tin-tuc" / "a.md") == "tin-tuc/a.md"
    with pytest.raises(ValueError):
        layout.in_docs(tmp_path / "docs-cu" / "b.md")  # beside docs/, its name only begins alike


def test_a_bodys_links_and_citations_are_found_with_its_check():
    """Kept with the check in the build cache: a rebuild does not look through ten thousand bodies again."""
    from cchc.dates import DocDate
    from cchc.kinds import NEWS, PLAN as PLAN_KIND

    body = "Căn cứ Kế hoạch số 489/KH-UBND ngày 11/3/2020.\n\nXem [trang](../huong-dan/index.md#muc) và [cổng](https://dichvucong.gov.vn).\n"
    text = PLAN.replace("Nội dung.\n", body)
    checked = content.check_text(PLAN_KIND, text)
    [(line, written)] = checked.links
    assert written == "../huong-dan/index.md#muc"
    assert text.split("\n")[checked.body_line + line - 1].startswith("Xem [trang]")  # the file's line, as problems give it
    assert checked.cited == (("489/KH-UBND", DocDate(2020, 3, 11)),)
    news = "---\ntitle: Tin\ndate: 2025-03-01\ndepartment: SNV-KH\n---\n\n" + body
    assert content.check_text(NEWS, news).cited == ()  # only a plan's citations link to the plans it cites


def test_a_source_read_again_alone_is_the_entry_a_whole_reading_gives(small_site):
    """The preview's first look at a save reads that source alone (`read_again`): what it gives is what reading the
    whole site gives; where the whole site may say otherwise (a problem, a tie to other entries, another address or
    publication), nothing."""
    from datetime import datetime, timedelta, timezone

    layout = Layout.at(small_site)
    site = load_site(layout)
    content.split_published(site, datetime(2026, 11, 25, 12, tzinfo=timezone(timedelta(hours=7))))
    plan, department = small_site / "plans/489-qd-ubnd.md", small_site / "docs/co-quan/snv-kh.md"
    plan_text, department_text = plan.read_text(encoding="utf-8"), department.read_text(encoding="utf-8")

    def again(path: Path, text: str):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return content.read_again(layout, path, site)

    entry = again(plan, plan_text.replace("title: Ban hành Kế hoạch", "title: Ban hành lại Kế hoạch"))
    reread = load_site(layout).pages["van-ban/489-qd-ubnd.md"]
    assert (entry.src_uri, entry.source, entry.values, entry.body) == (reread.src_uri, reread.source, reread.values, reread.body)
    assert entry.values != site.pages["van-ban/489-qd-ubnd.md"].values
    assert again(plan, plan_text.replace("issuer: UBND-KH", "issuer: SO-KHAC")) is None  # a department the site lacks
    assert again(plan, re.sub(r"(?m)^issued: .*$", "issued: 2024-02-31", plan_text)) is None  # a problem of its own
    assert again(plan, plan_text.replace("---\n", "---\nslug: ke-hoach-khac\n", 1)) is None  # another address
    assert again(plan, plan_text.replace("---\n", "---\ndraft: true\n", 1)) is None  # no longer published
    assert again(plan, plan_text) is not None
    name = department_text.split("name: ", 1)[1].split("\n", 1)[0]
    assert again(department, department_text.replace(f"name: {name}", f"name: {name} (mới)"))["name"] == f"{name} (mới)"
    assert again(department, department_text.replace("code: SNV-KH", "code: SNV-KH2")) is None  # its code is its address
    assert again(department, department_text.replace("parent: UBND-KH", "parent: SNV-KH")) is None  # its own superior
    assert content.read_again(layout, small_site / "docs/khong-co.md", site) is None  # not there

    news = "---\ntitle: Tin mới\ndate: 2025-03-01\ndepartment: SNV-KH\ncategories: [tin-hoat-dong]\n---\n\nNội dung.\n"
    added = again(small_site / "docs/tin-tuc/2025/tin-moi.md", news)  # a source added since
    assert (added.kind, added.src_uri, added["title"]) == (content.NEWS, "tin-tuc/2025/tin-moi.md", "Tin mới")
    assert again(small_site / "docs/tin-tuc/2025/Tin Mới.md", news) is None  # a file name that is no address
    assert again(small_site / "docs/tin-tuc/2025/hen-gio.md", news.replace("2025-03-01", "2027-01-01")) is None  # not yet
    twin = department_text.replace("code: SNV-KH", "code: SNV-KH2")
    assert again(small_site / "docs/co-quan/snv-kh2.md", twin)["code"] == "SNV-KH2"
    assert again(small_site / "docs/co-quan/khac.md", twin) is None  # a department's file is named by its code
    assert again(small_site / "plans/ban-sao.md", plan_text) is None  # the address of a plan of the site
