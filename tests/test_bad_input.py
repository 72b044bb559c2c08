"""Content mistakes that used to end in a traceback or exhaust the machine: each is a Vietnamese file:line message."""

from __future__ import annotations

import time

import pytest

from cchc import frontmatter
from cchc.kinds import NEWS, PROCEDURE
from conftest import REPO, mkdocs_build, write
from test_content import problems
from test_security import SOURCES


@pytest.mark.parametrize("kind, source, target", [s for s in SOURCES], ids=[s[0].name for s in SOURCES])
def test_every_required_field_missing_is_a_message(small_site, kind, source, target):
    original = frontmatter.parse((REPO / source).read_text(encoding="utf-8"))
    fixes = {NEWS: {"department": "SNV-KH"}, PROCEDURE: {"department": "SNV-KH"}}.get(kind, {})
    required = [f.name for f in kind.schema.fields.values() if f.required]
    assert required
    for name in required:
        data = {k: v for k, v in (original.data | fixes).items() if k != name}
        write(small_site, target, frontmatter.dump(data, original.body))
        found = problems(small_site)
        assert any(f"thiếu trường bắt buộc `{name}`" in p for p in found), (name, found)
    result = mkdocs_build(small_site)
    assert result.returncode == 1 and "Traceback" not in result.stderr and "thiếu trường bắt buộc" in result.stderr


@pytest.mark.parametrize("value", ["'0000'", "'9999-12-31'", "'0001-01-01'", "2101"])
def test_years_out_of_range_are_messages(small_site, value):
    plan = (small_site / "plans" / "489-qd-ubnd.md").read_text(encoding="utf-8")
    write(small_site, "plans/489-qd-ubnd.md", plan.replace("issued: 2020-03-11", f"issued: {value}"))
    assert any("nằm ngoài khoảng 1945–2100" in p for p in problems(small_site))
    news = "---\ntitle: Tin\ndate: '9999-12-31 23:59'\ndepartment: SNV-KH\ncategories: [tin-hoat-dong]\n---\n\nNội dung.\n"
    write(small_site, "docs/tin-tuc/2025/tin.md", news)
    assert any(p.startswith("docs/tin-tuc/2025/tin.md:3: lỗi: [date] năm 9999") for p in problems(small_site))
    assert "Traceback" not in mkdocs_build(small_site).stderr


def test_a_yaml_alias_bomb_is_refused_at_once(small_site):
    bomb = "---\ntitle: a\na: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(9)) + "---\n"
    write(small_site, "docs/bom.md", bomb)
    started = time.monotonic()
    found = problems(small_site)
    assert time.monotonic() - started < 5
    assert any(p.startswith("docs/bom.md:4: lỗi: không dùng neo và bí danh YAML") for p in found), found


def test_control_characters_in_a_title(small_site):
    write(small_site, "docs/tin-tuc/2025/tin.md",
          "---\ntitle: \"Tin\\x08 mới\"\ndate: 2025-01-02\ndepartment: SNV-KH\ncategories: [tin-hoat-dong]\n---\n\nNội dung.\n")
    found = problems(small_site)
    assert any("docs/tin-tuc/2025/tin.md:2: lỗi: [title] có ký tự điều khiển không nhìn thấy (mã 0x08) ở vị trí 4" in p
               for p in found), found


def test_a_department_cannot_be_its_own_superior(small_site):
    path = small_site / "docs" / "co-quan" / "ubnd-kh.md"
    text = path.read_text(encoding="utf-8")
    write(small_site, "docs/co-quan/ubnd-kh.md", text.replace("---\n", "---\nparent: SNV-KH\n", 1))
    found = problems(small_site)
    assert any("[parent] cơ quan cấp trên thành vòng lặp: SNV-KH → UBND-KH → SNV-KH" in p for p in found), found
