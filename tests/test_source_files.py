"""Files under docs/ and plans/ that would be published unchecked, or from outside the repository."""

from __future__ import annotations

import csv
import json
import io
import os
from pathlib import Path

from cchc import catalogue
from cchc.content import Layout, load_site
from conftest import mkdocs_build, write
from test_content import PLAN, only, problems


def test_a_link_to_a_file_outside_the_repository_is_refused(small_site):
    os.makedirs(small_site / "docs" / "files")
    os.symlink("/etc/passwd", small_site / "docs" / "files" / "passwd.txt")
    message = only(small_site)
    assert message.startswith("docs/files/passwd.txt: lỗi: liên kết tượng trưng trỏ ra ngoài kho nội dung (/etc/passwd)")
    assert "chép tệp cần đăng vào đây" in message


def test_a_link_inside_the_repository_is_published(small_site):
    write(small_site, "tai-lieu/ke-hoach.pdf", "%PDF-1.4\n")
    os.makedirs(small_site / "docs" / "files")
    os.symlink(small_site / "tai-lieu" / "ke-hoach.pdf", small_site / "docs" / "files" / "ke-hoach.pdf")
    assert problems(small_site) == []


def test_a_folder_loop_and_a_dangling_link_are_reported_not_followed(small_site):
    os.symlink(small_site / "docs", small_site / "docs" / "vong-lap")
    os.symlink(small_site / "khong-co.pdf", small_site / "docs" / "mat.pdf")
    found = problems(small_site)
    assert any(p.startswith("docs/vong-lap: lỗi: thư mục là liên kết tượng trưng") for p in found)
    assert any(p.startswith("docs/mat.pdf: lỗi: liên kết tượng trưng (symlink) trỏ tới tệp không có") for p in found)
    result = mkdocs_build(small_site)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "docs/vong-lap" in result.stderr
    assert not (small_site / "site").exists()


def test_files_that_would_be_published_unchecked_are_refused(small_site):
    write(small_site, "docs/bai.markdown", "<script>alert(1)</script>\n")
    write(small_site, "docs/gioi-thieu.MD", "---\ntitle: a\n---\n")
    write(small_site, "docs/logo.svg", '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')
    write(small_site, "docs/files/trang.html", "<script>alert(1)</script>")
    write(small_site, "docs/files/du-lieu.xml", "<a/>")
    found = "\n".join(problems(small_site))
    assert "docs/bai.markdown: lỗi: tệp .markdown không được kiểm tra như bài viết\n    → đổi tên thành bai.md" in found
    assert "docs/gioi-thieu.MD: lỗi: phần mở rộng .MD viết hoa" in found
    for name in ("docs/logo.svg", "docs/files/trang.html", "docs/files/du-lieu.xml"):
        assert f"{name}: lỗi:" in found and "trình duyệt có thể chạy mã" in found


def test_field_paths_stay_inside_docs(small_site):
    write(small_site, "plans/a.md", PLAN.replace("period:", "attachments: [../../../../etc/passwd.pdf]\nperiod:"))
    assert "[attachments[0].file] '../../../../etc/passwd.pdf' ra ngoài thư mục docs/" in only(small_site)
    write(small_site, "tai-lieu/a.pdf", "%PDF-1.4\n")
    os.symlink(Path("/etc/passwd"), small_site / "docs" / "passwd.pdf")
    write(small_site, "plans/a.md", PLAN.replace("period:", "attachments: [passwd.pdf]\nperiod:"))
    found = problems(small_site)
    assert any("[attachments[0].file] docs/passwd.pdf nằm ngoài thư mục docs/" in p for p in found)


def test_theme_file_keys_are_not_page_settings(small_site):
    write(small_site, "docs/gioi-thieu.md", "---\ntemplate: ../../../../etc/passwd\nicon: ../../x\n---\n\n# A\n")
    found = problems(small_site)
    assert any("[template] trường `template` không có trong mẫu" in p for p in found)
    assert any("[icon] trường `icon` không có trong mẫu" in p for p in found)


def test_csv_cells_never_start_a_formula(small_site):
    write(small_site, "docs/thu-tuc/1-000001.md", """---
code: '1.000001'
name: '=HYPERLINK("http://x.vn","Bấm")'
department: SNV-KH
field: '+Lĩnh vực'
levels: [cap-tinh]
executing_agency: '@Sở Nội vụ'
applicants: ['-Công dân']
---
""")
    site = load_site(Layout.at(small_site))
    assert site.report.errors == []
    rows = list(csv.reader(io.StringIO(catalogue.to_csv(site, "https://a.vn/").decode("utf-8-sig"))))
    name, field, agency, applicants = rows[1][1], rows[1][2], rows[1][6], rows[1][7]
    assert (name, field, agency, applicants) == ("'=HYPERLINK(\"http://x.vn\",\"Bấm\")", "'+Lĩnh vực", "'@Sở Nội vụ", "'-Công dân")


def test_editors_tools_refuse_the_same_paths():
    import re

    from cchc import json_schema
    from cchc.kinds import PLAN

    written_alone = json.loads(json_schema.files()["schemas/plan.json"])["properties"]["attachments"]["items"]["anyOf"][0]
    pattern = written_alone["pattern"]
    assert pattern == PLAN.schema.fields["attachments"].type.item.fields["file"].type.form
    assert [bool(re.match(pattern, p)) for p in ["files/a.pdf", "../../etc/passwd", "files/../../a", "files\\a", "javascript:x"]] == \
        [True, False, False, False, False]
