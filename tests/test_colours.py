"""The portal's colours: set once in mkdocs.yml, refused below WCAG 2.1 AA, written as Material's variables."""

from cchc import colours
from conftest import mkdocs_build


def test_contrast_is_wcags():
    assert round(colours.contrast("#ffffff", "#000000"), 1) == 21.0
    assert round(colours.contrast("#777777", "#ffffff"), 2) == 4.48
    assert colours.contrast("#4051b5", "#ffffff") > 4.5 > colours.contrast("#526cfe", "#ffffff")


def test_defaults_pass_and_weak_or_wrong_colours_are_refused():
    assert colours.resolve(None) == (colours.DEFAULTS, [])
    _, problems = colours.resolve({"primary": "#526cfe", "accent": "đỏ", "nen": "#000000"})
    assert any(p.startswith("extra.colours.accent: 'đỏ' không phải mã màu") for p in problems)
    assert any(p.startswith("extra.colours.nen: không có màu này") for p in problems)
    _, problems = colours.resolve({"primary": "#526cfe"})
    assert problems == ["extra.colours.primary: #526cfe cho chữ trắng trên thanh đầu trang, và liên kết trên nền trắng "
                        "chỉ đạt 4.26:1, cần từ 4.5:1 (WCAG 2.1 AA); chọn màu đậm hơn, ví dụ #0b4a8b"]


def test_the_build_writes_them_and_refuses_weak_ones(small_site):
    config = small_site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("extra:\n", "extra:\n  colours:\n    primary: \"#7a1f1f\"\n"), encoding="utf-8")
    assert mkdocs_build(small_site).returncode == 0
    css = (small_site / "site" / "assets" / "mau-sac.css").read_text(encoding="utf-8")
    assert "--md-primary-fg-color: #7a1f1f;" in css and "--md-typeset-a-color: #7a1f1f;" in css
    assert 'href="assets/mau-sac.css"' in (small_site / "site" / "index.html").read_text(encoding="utf-8")
    config.write_text(text.replace("extra:\n", "extra:\n  colours:\n    primary: \"#8fa8ff\"\n"), encoding="utf-8")
    result = mkdocs_build(small_site)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "Màu trong mkdocs.yml chưa dùng được" in result.stderr and "WCAG 2.1 AA" in result.stderr
