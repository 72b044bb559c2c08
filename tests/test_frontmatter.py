import pytest

from cchc.frontmatter import FrontMatterError, parse


def test_unquoted_colon_is_an_error_with_line_and_hint():
    with pytest.raises(FrontMatterError) as caught:
        parse("---\ndoc_type: Kế hoạch\ntitle: Kế hoạch: năm 2025\n---\nNội dung\n")
    assert caught.value.line == 3
    assert 'ngoặc kép' in caught.value.hint


def test_yaml_guesses_are_not_applied():
    doc = parse("---\ncode: NO\ntime: 12:30\ndate: 2024-03-05\nperiod: 2021\ndraft: false\nempty:\n---\n")
    assert doc.data == {"code": "NO", "time": "12:30", "date": "2024-03-05", "period": "2021", "draft": False, "empty": None}


def test_line_of_every_value():
    doc = parse("---\ntitle: A\nareas:\n  - x\n  - y\n---\nBody\n")
    assert doc.line_of(("title",)) == 2
    assert doc.line_of(("areas", 1)) == 5
    assert doc.body_line == 7 and doc.body == "Body\n"


def test_duplicate_field_is_an_error():
    with pytest.raises(FrontMatterError, match="hai lần") as caught:
        parse("---\ntitle: A\ntitle: B\n---\n")
    assert caught.value.line == 3


def test_unclosed_front_matter():
    with pytest.raises(FrontMatterError, match="không có dòng `---` đóng"):
        parse("---\ntitle: A\n")


def test_no_front_matter_is_just_a_body():
    doc = parse("# Trang\n")
    assert not doc.has_front_matter and doc.body == "# Trang\n"


def test_front_matter_must_be_a_mapping():
    with pytest.raises(FrontMatterError, match="tên_trường: giá trị"):
        parse("---\n- a\n- b\n---\n")
